/* embed.h: files compiled into the binary by tools/mkembed. */
#ifndef WM_EMBED_H
#define WM_EMBED_H

#include <stddef.h>

struct embedded {
	const char *name;		/* the path given to mkembed */
	const unsigned char *data;	/* NUL-terminated for convenience */
	size_t len;			/* without the NUL */
};

/* The evidence base (the YAML files of kb/), ended by a NULL name. */
extern const struct embedded kb_builtin_files[];
extern const size_t kb_builtin_nfiles;
/* The web application's stylesheet and scripts (web/static/). */
extern const struct embedded web_static_files[];
extern const size_t web_static_nfiles;

#endif
