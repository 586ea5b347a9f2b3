/* html.c: escaping helpers for HTML, SVG and URLs. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/err.h"
#include "lib/html.h"
#include "lib/strbuf.h"

void html_txtn(struct strbuf *sb, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		sb_add(sb, s + start, i - start);
		sb_adds(sb, rep);
		start = i + 1;
	}
	sb_add(sb, s + start, n - start);
}

void html_txt(struct strbuf *sb, const char *s)
{
	if (s)
		html_txtn(sb, s, strlen(s));
}

void html_url(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~') {
			sb_addch(sb, c);
		} else {
			sb_addch(sb, '%');
			sb_addch(sb, hex[c >> 4]);
			sb_addch(sb, hex[c & 15]);
		}
	}
}

void html(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt;

	va_start(ap, fmt);
	while (*p) {
		const char *pct = strchr(p, '%');
		char num[64];

		if (!pct) {
			sb_adds(sb, p);
			break;
		}
		sb_add(sb, p, (size_t)(pct - p));
		switch (pct[1]) {
		case 's':
			html_txt(sb, va_arg(ap, const char *));
			break;
		case 'u': {
			struct strbuf u = STRBUF_INIT;

			html_url(&u, va_arg(ap, const char *));
			html_txt(sb, u.buf);
			sb_release(&u);
			break;
		}
		case 'd':
			sb_addf(sb, "%d", va_arg(ap, int));
			break;
		case 'z':
			sb_addf(sb, "%zu", va_arg(ap, size_t));
			break;
		case 'I':
			sb_addf(sb, "%" PRId64, va_arg(ap, int64_t));
			break;
		case 'f':
			snprintf(num, sizeof(num), "%.2f", va_arg(ap, double));
			sb_adds(sb, num);
			break;
		case 'g':
			snprintf(num, sizeof(num), "%g", va_arg(ap, double));
			sb_adds(sb, num);
			break;
		case 'R': {
			const char *raw = va_arg(ap, const char *);

			if (raw)
				sb_adds(sb, raw);
			break;
		}
		case '%':
			sb_addch(sb, '%');
			break;
		default:
			BUG("html: bad directive");
		}
		p = pct + 2;
	}
	va_end(ap);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void url_decode(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '+') {
			*w++ = ' ';
		} else if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*w++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}
