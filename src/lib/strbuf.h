/* strbuf.h: growable NUL-terminated strings. */
#ifndef WM_STRBUF_H
#define WM_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;	/* always NUL-terminated once initialised */
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT { NULL, 0, 0 }

/* Initialise to the empty string. */
void sb_init(struct strbuf *sb);
/* Free the buffer; sb is left empty and reusable. */
void sb_release(struct strbuf *sb);
/* Give the caller ownership of the string; sb is left empty. */
char *sb_detach(struct strbuf *sb);
/* Keep the allocation but empty the string. */
void sb_reset(struct strbuf *sb);

void sb_add(struct strbuf *sb, const char *data, size_t len);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addch(struct strbuf *sb, int c);
void sb_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Read a whole file into sb; returns 0, or -1 with errno set. */
int sb_read_file(struct strbuf *sb, const char *path);

#endif
