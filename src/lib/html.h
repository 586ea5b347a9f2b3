/*
 * html.h: the only way markup is written. Every byte of user-supplied or
 * evidence text passes through one of these helpers; SVG is XML and uses
 * them too. Attributes are always written inside double quotes.
 */
#ifndef WM_HTML_H
#define WM_HTML_H

#include <stddef.h>

struct strbuf;

/* Append s with & < > " ' escaped (safe in text and quoted attributes). */
void html_txt(struct strbuf *sb, const char *s);
/* As html_txt for the first n bytes of s. */
void html_txtn(struct strbuf *sb, const char *s, size_t n);
/* Append s percent-encoded for one URL path segment or query value. */
void html_url(struct strbuf *sb, const char *s);

/*
 * Append markup from fmt, in which these directives stand for arguments:
 *   %s  const char *, escaped as text (NULL writes nothing)
 *   %u  const char *, percent-encoded for a URL segment, then escaped
 *   %d  int        %z size_t       %I int64_t
 *   %f  double, written "%.2f"     %g double, written "%g"
 *   %R  const char *, raw: only for markup this module already produced
 *   %%  a percent sign
 * Any other directive is a bug and aborts.
 */
void html(struct strbuf *sb, const char *fmt, ...);

/* Decode %XX and '+' in place (for form and query values). */
void url_decode(char *s);

#endif
