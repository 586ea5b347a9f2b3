/* page_static.c: the stylesheet and scripts compiled in from web/static/. */
#include <string.h>

#include "lib/embed.h"
#include "pages.h"

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot && !strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (dot && !strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (dot && !strcmp(dot, ".svg"))
		return "image/svg+xml";
	return "application/octet-stream";
}

int page_static(struct req *r)
{
	const char *want = web_arg(r, 0);

	for (size_t i = 0; i < web_static_nfiles; i++) {
		const struct embedded *f = &web_static_files[i];
		const char *base = strrchr(f->name, '/');

		base = base ? base + 1 : f->name;
		if (strcmp(base, want))
			continue;
		r->type = type_of(base);
		sb_add(&r->out, (const char *)f->data, f->len);
		web_header(r, "Cache-Control", "public, max-age=300");
		return 0;
	}
	return web_not_found(r);
}
