/* strbuf.c: growable strings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

static char empty[1];

void sb_init(struct strbuf *sb)
{
	sb->buf = empty;
	sb->len = 0;
	sb->alloc = 0;
}

static void grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	char *old = sb->alloc ? sb->buf : NULL;

	if (need <= sb->alloc)
		return;
	if (!old)
		sb->buf = NULL;
	XGROW(sb->buf, sb->alloc, need);
	if (!old)
		sb->buf[0] = '\0';
}

void sb_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb_init(sb);
}

char *sb_detach(struct strbuf *sb)
{
	char *s = sb->alloc ? sb->buf : xstrdup("");
	sb_init(sb);
	return s;
}

void sb_reset(struct strbuf *sb)
{
	if (!sb->buf)
		sb_init(sb);
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

void sb_add(struct strbuf *sb, const char *data, size_t len)
{
	if (!sb->buf)
		sb_init(sb);
	grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;
	sb_add(sb, &ch, 1);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (!sb->buf)
		sb_init(sb);
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

int sb_read_file(struct strbuf *sb, const char *path)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sb_add(sb, chunk, n);
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		errno = e ? e : EIO;
		return -1;
	}
	fclose(f);
	if (!sb->buf)
		sb_init(sb);
	return 0;
}
