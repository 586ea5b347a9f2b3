/* term.c: terminal width, colour, wrapping and aligned tables. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "strbuf.h"
#include "term.h"
#include "text.h"
#include "xalloc.h"

size_t term_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 20)
		return ws.ws_col;
	if (cols) {
		long n = strtol(cols, NULL, 10);
		if (n >= 20 && n <= 1000)
			return (size_t)n;
	}
	return 80;
}

bool term_color(FILE *f)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (nc && *nc)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fileno(f));
}

void term_bold(FILE *f, const char *s)
{
	if (term_color(f))
		fprintf(f, "\033[1m%s\033[0m", s);
	else
		fputs(s, f);
}

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

/* Wrap text that starts at column col (already reached) to width. */
static void wrap(FILE *f, const char *text, size_t col, size_t indent,
		 size_t width)
{
	size_t linestart = 1;
	const char *p = text;

	if (width < indent + 20)
		width = indent + 20;
	while (*p) {
		const char *w;
		size_t len, wd;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			break;
		w = p;
		while (*p && *p != ' ' && *p != '\n' && *p != '\t')
			p++;
		len = (size_t)(p - w);
		wd = utf8_width(w, len);
		if (!linestart && col + 1 + wd > width) {
			fputc('\n', f);
			pad(f, indent);
			col = indent;
			linestart = 1;
		}
		if (!linestart) {
			fputc(' ', f);
			col++;
		}
		fwrite(w, 1, len, f);
		col += wd;
		linestart = 0;
	}
	fputc('\n', f);
}

void term_wrap(FILE *f, const char *text, size_t first, size_t indent,
	       size_t width)
{
	pad(f, first);
	wrap(f, text, first, indent, width);
}

void term_wrap_from(FILE *f, const char *text, size_t col, size_t indent,
		    size_t width)
{
	wrap(f, text, col, indent, width);
}

struct table {
	size_t ncols;
	char **cells;		/* row-major, nrows * ncols */
	size_t ncells, alloc;
	bool has_header;
};

struct table *table_new(size_t ncols, const char *const *headers)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->ncols = ncols;
	if (headers) {
		t->has_header = true;
		table_row(t);
		for (size_t i = 0; i < ncols; i++)
			table_cell(t, headers[i]);
	}
	return t;
}

void table_row(struct table *t)
{
	/* pad an incomplete previous row */
	while (t->ncells % t->ncols)
		table_cell(t, "");
}

void table_cell(struct table *t, const char *s)
{
	XGROW(t->cells, t->alloc, t->ncells + 1);
	t->cells[t->ncells++] = xstrdup(s ? s : "");
}

void table_cellf(struct table *t, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	XGROW(t->cells, t->alloc, t->ncells + 1);
	t->cells[t->ncells++] = sb_detach(&sb);
}

void table_print(struct table *t, FILE *f)
{
	size_t nrows, *w = xcalloc(t->ncols, sizeof(*w));
	size_t width = term_width(), used = 0;
	bool color = term_color(f);

	table_row(t);
	nrows = t->ncells / t->ncols;
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c + 1 < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t cw = utf8_width(s, strlen(s));
			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t c = 0; c + 1 < t->ncols; c++)
		used += w[c] + 2;
	for (size_t r = 0; r < nrows; r++) {
		bool head = t->has_header && r == 0;
		if (head && color)
			fputs("\033[1m", f);
		for (size_t c = 0; c + 1 < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			fputs(s, f);
			pad(f, w[c] - utf8_width(s, strlen(s)) + 2);
		}
		if (head && color) {
			fputs(t->cells[r * t->ncols + t->ncols - 1], f);
			fputs("\033[0m\n", f);
		} else {
			wrap(f, t->cells[r * t->ncols + t->ncols - 1], used,
			     used, width);
		}
	}
	free(w);
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}
