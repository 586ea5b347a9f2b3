/* csvread.c: CSV records whose fields know their line and column, on libcsv. */
#include <assert.h>
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "xalloc.h"

/*
 * State for reading one file. libcsv reports fields and records through
 * callbacks but not where they are, so the data is fed in chunks that end
 * just after each comma or line end, the only bytes at which libcsv can
 * call back: a field then starts at the start of a chunk, and every chunk
 * holds at most one line end, as its last byte.
 */
struct reader {
	const char *file;
	struct diags *d;
	const char *data;		/* after any byte-order mark */
	size_t len;
	int line;			/* of the chunk being fed */
	size_t line_start;		/* offset of that line's first byte */
	int field_line, field_col;	/* where the open field starts; 0: none */
	struct csv_record rec;		/* the record being read */
	size_t alloc;
	csv_record_fn fn;
	void *ctx;
	int stop;			/* what fn returned to stop, or 0 */
};

static void record_clear(struct csv_record *r)
{
	for (size_t j = 0; j < r->nfields; j++)
		free(r->fields[j].text);
	r->nfields = 0;
}

/* libcsv's callback at the end of each field. */
static void on_field(void *s, size_t len, void *ctx)
{
	struct reader *R = ctx;
	struct csv_field *f;

	XGROW(R->rec.fields, R->alloc, R->rec.nfields + 1);
	f = &R->rec.fields[R->rec.nfields++];
	f->text = xmalloc(len + 1);
	if (len)
		memcpy(f->text, s, len);
	f->text[len] = '\0';
	f->len = len;
	f->line = R->field_line;
	f->col = R->field_col;
	if (R->rec.nfields == 1)
		R->rec.line = f->line;
	R->field_line = 0;
}

/* libcsv's callback at the end of each record. */
static void on_record(int c, void *ctx)
{
	struct reader *R = ctx;

	(void)c;
	if (!R->rec.nfields)
		return;
	if (!R->stop)
		R->stop = R->fn(&R->rec, R->ctx);
	R->rec.index++;
	record_clear(&R->rec);
}

/* Blanks that libcsv skips before the first field of a record. */
static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int all_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_blank(s[i]))
			return 0;
	return 1;
}

/* Length of a UTF-8 byte-order mark at the start of data: 3 or 0. */
static size_t bom_len(const char *data, size_t len)
{
	return len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0;
}

/* One past the next comma or line end from at, or the end of the data. */
static size_t chunk_end(const struct reader *R, size_t at)
{
	while (at < R->len && R->data[at] != ',' && R->data[at] != '\r' &&
	       R->data[at] != '\n')
		at++;
	return at < R->len ? at + 1 : R->len;
}

/* Note that the open field starts at byte at of the current line. */
static void mark_field_at(struct reader *R, size_t at)
{
	R->field_line = R->line;
	R->field_col = (int)(at - R->line_start + 1);
}

/* Note where the field in chunk [at, end) starts, unless one is open. */
static void mark_field_start(struct reader *R, size_t at, size_t end)
{
	if (R->field_line)
		return;
	if (!R->rec.nfields)
		while (at < end && is_blank(R->data[at]))
			at++;
	if (at < end)
		mark_field_at(R, at);
}

/* Count the line end that chunk [.., end) may finish with. */
static void advance(struct reader *R, size_t end)
{
	char c = R->data[end - 1];

	if (c == '\n' || (c == '\r' && (end == R->len || R->data[end] != '\n'))) {
		R->line++;
		R->line_start = end;
	}
}

/* libcsv stopped at byte at: in strict mode, a quote out of place. */
static void bad_quote(struct reader *R, size_t at)
{
	int col = (int)(at - R->line_start + 1);

	if (R->data[at] == '"')
		diag_add(R->d, R->file, R->line, col, NULL, -1, "a stray double "
			 "quote; a field holding \" must be wholly in double "
			 "quotes, each \" inside written \"\"");
	else
		diag_add(R->d, R->file, R->line, col, NULL, -1, "text after a "
			 "closing double quote; expected a comma or the end of "
			 "the line");
}

/* Run the data through libcsv. Returns 0, -1 (reported) or R->stop. */
static int feed(struct reader *R, struct csv_parser *p)
{
	for (size_t at = 0, end, done; at < R->len && !R->stop; at = end) {
		end = chunk_end(R, at);
		mark_field_start(R, at, end);
		done = csv_parse(p, R->data + at, end - at, on_field, on_record,
				 R);
		if (done < end - at) {
			bad_quote(R, at + done);
			return -1;
		}
		advance(R, end);
	}
	if (R->stop)
		return R->stop;
	if (!R->field_line)	/* a comma ends the data: an empty last field */
		mark_field_at(R, R->len);
	if (csv_fini(p, on_field, on_record, R)) {
		diag_add(R->d, R->file, R->field_line, R->field_col, NULL, -1,
			 "a quoted field is not closed; expected a \" before "
			 "the end of the file");
		return -1;
	}
	return R->stop;
}

int csv_read(const char *file, const char *data, size_t len,
	     csv_record_fn fn, void *ctx, struct diags *d)
{
	size_t bom = bom_len(data, len);
	struct reader R = {
		.file = file, .d = d, .data = data + bom, .len = len - bom,
		.line = 1, .fn = fn, .ctx = ctx,
	};
	struct csv_parser p;
	int rc;

	assert(fn && d && (data || !len));
	if (all_blank(R.data, R.len)) {
		diag_add(d, file, 0, 0, NULL, -1, "the file is empty; expected a "
			 "header row");
		return -1;
	}
	/* a non-NULL parser and valid options: csv_init cannot fail */
	(void)csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_realloc_func(&p, xrealloc);	/* out of memory ends us */
	rc = feed(&R, &p);
	csv_free(&p);
	record_clear(&R.rec);
	free(R.rec.fields);
	return rc;
}

void csv_put(FILE *f, const char *s, int last)
{
	assert(f && s);
	if (strpbrk(s, ",\"\r\n") || (*s && (s[0] == ' ' || s[strlen(s) - 1] == ' ')))
		csv_fwrite(f, s, strlen(s));
	else
		fputs(s, f);
	fputc(last ? '\n' : ',', f);
}

int csv_header(const char *file, const struct csv_record *r,
	       const char *const *columns, size_t ncolumns, size_t nrequired,
	       const char *expected, int *col, struct diags *d)
{
	for (size_t c = 0; c < ncolumns; c++)
		col[c] = -1;
	for (size_t j = 0; j < r->nfields; j++) {
		const struct csv_field *f = &r->fields[j];
		size_t c;

		for (c = 0; c < ncolumns && strcmp(columns[c], f->text); c++)
			;
		if (c == ncolumns) {
			diag_add(d, file, f->line, f->col, f->text, -1,
				 "unknown column; expected %s", expected);
			return -1;
		}
		if (col[c] >= 0) {
			diag_add(d, file, f->line, f->col, f->text, -1,
				 "column given twice");
			return -1;
		}
		col[c] = (int)j;
	}
	for (size_t c = 0; c < nrequired; c++)
		if (col[c] < 0) {
			diag_add(d, file, r->fields[0].line, r->fields[0].col,
				 columns[c], -1, "the header must name the "
				 "column; expected %s", expected);
			return -1;
		}
	return 0;
}
