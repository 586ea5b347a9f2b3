/*
 * csv.c: the survey's CSV files: its data dictionary, a blank response
 * template, and response files read through libcsv (docs/survey-formats.md).
 */
#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "survey.h"
#include "lib/csvread.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* --- writing --- */

static void put_row(FILE *f, const char *const *fields, size_t n)
{
	for (size_t k = 0; k < n; k++)
		csv_put(f, fields[k], k + 1 == n);
}

void survey_write_dictionary_csv(const struct survey *s, FILE *f)
{
	static const char *const header[] = {
		"item", "determinant", "determinant_title", "text", "reversed",
		"values"
	};

	put_row(f, header, COUNT(header));
	for (size_t i = 0; i < s->nitems; i++) {
		const struct survey_item *it = &s->items[i];
		const char *row[] = {
			it->id, it->determinant, it->determinant_title, it->text,
			it->reversed ? "yes" : "no", "1-5 or dk"
		};
		put_row(f, row, COUNT(row));
	}
}

void survey_write_template_csv(const struct survey *s, FILE *f)
{
	struct strbuf name = STRBUF_INIT;

	csv_put(f, "response_id", false);
	csv_put(f, "group", !s->nitems);
	for (size_t i = 0; i < s->nitems; i++)
		csv_put(f, s->items[i].id, false);
	for (size_t i = 0; i < s->nitems; i++) {
		sb_reset(&name);
		sb_addf(&name, "%s" SURVEY_COMMENT_SUFFIX, s->items[i].id);
		csv_put(f, name.buf, i + 1 == s->nitems);
	}
	sb_release(&name);
}

/* --- reading --- */

enum column_kind { COL_ID, COL_GROUP, COL_VALUE, COL_COMMENT };

struct column {
	enum column_kind kind;
	size_t item;		/* for COL_VALUE and COL_COMMENT */
	char *name;		/* as in the header */
};

struct field {
	char *s;		/* a NUL-terminated copy */
	size_t len;		/* s may hold NUL bytes: trust len, not strlen */
	int line, col;		/* where it starts */
};

/*
 * State for reading one file. libcsv reports fields and records through
 * callbacks but not where they are, so the data is fed in chunks that end
 * just after each comma or line end, the only bytes at which libcsv can
 * call back: a field then starts at the start of a chunk, and every chunk
 * holds at most one line end, as its last byte.
 */
struct reader {
	const struct survey *s;
	const char *file;
	struct survey_batch *b;
	struct diags *d;
	const char *data;		/* after any byte-order mark */
	size_t len;
	int line;			/* of the chunk being fed */
	size_t line_start;		/* offset of that line's first byte */
	int field_line, field_col;	/* where the open field starts; 0: none */
	struct field *row;		/* the record being read */
	size_t nrow, row_alloc;
	struct column *cols;		/* the header, once read */
	size_t ncols;
	size_t id_col, group_col;
	bool stop;			/* the header is unusable */
	long record;			/* records read after the header */
	struct survey_response *r;	/* the response being read, or NULL */
	struct strbuf why;		/* a setter's complaint */
};

static void report(struct reader *R, int line, int col, const char *where,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * Report a problem: in the response being read, which is marked bad, or
 * else in the file as a whole.
 */
static void report(struct reader *R, int line, int col, const char *where,
		   const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag_add(R->d, R->file, line, col, where, R->r ? R->r->record : -1,
		 "%s", msg.buf);
	if (R->r)
		R->r->bad = true;
	sb_release(&msg);
}

/* Report what a survey_set_* function said about field f of column c. */
static void report_why(struct reader *R, const struct field *f,
		       const struct column *c)
{
	report(R, f->line, f->col, c->name, "%s", R->why.buf);
	sb_reset(&R->why);
}

/* Check that f is text: UTF-8 without NUL bytes. Else reports, -1. */
static int check_text(struct reader *R, const struct field *f,
		      const char *where)
{
	size_t bad;

	if (!utf8_valid(f->s, f->len, &bad)) {
		report(R, f->line, f->col, where, "invalid UTF-8 at byte %zu of "
		       "the field; expected UTF-8 text", bad + 1);
		return -1;
	}
	if (strlen(f->s) != f->len) {
		report(R, f->line, f->col, where, "a NUL byte in the field; "
		       "expected text");
		return -1;
	}
	return 0;
}

static int classify(const struct survey *s, struct column *c)
{
	long i;

	if (!strcmp(c->name, "response_id")) {
		c->kind = COL_ID;
	} else if (!strcmp(c->name, "group")) {
		c->kind = COL_GROUP;
	} else if ((i = survey_item_index(s, c->name)) >= 0) {
		c->kind = COL_VALUE;
		c->item = (size_t)i;
	} else if ((i = survey_comment_index(s, c->name)) >= 0) {
		c->kind = COL_COMMENT;
		c->item = (size_t)i;
	} else {
		return -1;
	}
	return 0;
}

/* Header field j: a known column, not seen before. */
static int read_column(struct reader *R, size_t j)
{
	struct field *f = &R->row[j];
	struct column *c = &R->cols[j];

	if (check_text(R, f, NULL))
		return -1;
	c->name = f->s;
	f->s = NULL;
	if (classify(R->s, c)) {
		report(R, f->line, f->col, NULL, "unknown column '%s' (column "
		       "%zu of the header); expected response_id, group, an "
		       "item id or ITEM.comment", c->name, j + 1);
		return -1;
	}
	for (size_t k = 0; k < j; k++) {
		if (R->cols[k].name && !strcmp(R->cols[k].name, c->name)) {
			report(R, f->line, f->col, NULL, "column '%s' (column "
			       "%zu of the header) repeats column %zu", c->name,
			       j + 1, k + 1);
			return -1;
		}
	}
	if (c->kind == COL_ID)
		R->id_col = j;
	else if (c->kind == COL_GROUP)
		R->group_col = j;
	return 0;
}

static void read_header(struct reader *R)
{
	const struct field *start = &R->row[0];

	R->cols = xcalloc(R->nrow, sizeof(*R->cols));
	R->ncols = R->nrow;
	R->id_col = R->group_col = SIZE_MAX;
	for (size_t j = 0; j < R->ncols; j++)
		if (read_column(R, j))
			R->stop = true;
	if (R->stop)
		return;
	if (R->id_col == SIZE_MAX)
		report(R, start->line, start->col, NULL, "the header has no "
		       "'response_id' column");
	if (R->group_col == SIZE_MAX)
		report(R, start->line, start->col, NULL, "the header has no "
		       "'group' column");
	R->stop = R->id_col == SIZE_MAX || R->group_col == SIZE_MAX;
}

/* Field j of a record, into R->r. */
static void read_field(struct reader *R, size_t j)
{
	const struct column *c = &R->cols[j];
	const struct field *f = &R->row[j];
	unsigned char v;
	int rc = 0;

	if (check_text(R, f, c->name))
		return;
	if (c->kind == COL_ID) {
		rc = survey_set_id(R->b, R->r, f->s, &R->why);
	} else if (c->kind == COL_GROUP) {
		rc = survey_set_group(R->s, R->r, f->s, &R->why);
	} else if (!f->len) {
		return;		/* not answered */
	} else if (c->kind == COL_COMMENT) {
		rc = survey_set_comment(R->s, R->r, c->item, f->s, &R->why);
	} else if (survey_parse_value(f->s, &v)) {
		report(R, f->line, f->col, c->name, "expected " SURVEY_VALUES
		       ", or an empty field, got \"%s\"", f->s);
	} else {
		rc = survey_set_value(R->s, R->r, c->item, v, &R->why);
	}
	if (rc)
		report_why(R, f, c);
}

static void read_record(struct reader *R)
{
	const struct field *start = &R->row[0];

	R->r = survey_batch_add(R->b, R->s, R->record++);
	if (R->nrow != R->ncols) {
		report(R, start->line, start->col, NULL, "expected %zu fields as "
		       "in the header, found %zu", R->ncols, R->nrow);
	} else {
		/* the group first, so that values can be checked against it */
		read_field(R, R->group_col);
		for (size_t j = 0; j < R->ncols; j++)
			if (j != R->group_col)
				read_field(R, j);
	}
	R->r = NULL;
}

static void row_clear(struct reader *R)
{
	for (size_t j = 0; j < R->nrow; j++)
		free(R->row[j].s);
	R->nrow = 0;
}

/* libcsv's callback at the end of each field. */
static void on_field(void *s, size_t len, void *ctx)
{
	struct reader *R = ctx;
	struct field *f;

	XGROW(R->row, R->row_alloc, R->nrow + 1);
	f = &R->row[R->nrow++];
	f->s = xmalloc(len + 1);
	if (len)
		memcpy(f->s, s, len);
	f->s[len] = '\0';
	f->len = len;
	f->line = R->field_line;
	f->col = R->field_col;
	R->field_line = 0;
}

/* libcsv's callback at the end of each record. */
static void on_record(int c, void *ctx)
{
	struct reader *R = ctx;

	(void)c;
	if (!R->cols)
		read_header(R);
	else if (!R->stop)
		read_record(R);
	row_clear(R);
}

/* Blanks that libcsv skips before the first field of a record. */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* One past the next comma or line end from at, or the end of the data. */
static size_t chunk_end(const struct reader *R, size_t at)
{
	while (at < R->len && R->data[at] != ',' && R->data[at] != '\r' &&
	       R->data[at] != '\n')
		at++;
	return at < R->len ? at + 1 : R->len;
}

/* Note where the field in chunk [at, end) starts, unless one is open. */
static void mark_field_start(struct reader *R, size_t at, size_t end)
{
	if (R->field_line)
		return;
	if (!R->nrow)
		while (at < end && is_blank(R->data[at]))
			at++;
	if (at == end)
		return;
	R->field_line = R->line;
	R->field_col = (int)(at - R->line_start + 1);
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

/* libcsv stopped at byte at: a quote out of place (strict mode). */
static void bad_quote(struct reader *R, size_t at)
{
	int col = (int)(at - R->line_start + 1);

	if (R->data[at] == '"')
		report(R, R->line, col, NULL, "a stray double quote; a field "
		       "holding \" must be wholly in double quotes, each \" "
		       "inside written \"\"");
	else
		report(R, R->line, col, NULL, "text after a closing double "
		       "quote; expected a comma or the end of the line");
}

/* Run the data through libcsv. Returns 0, or -1 if the file is unusable. */
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
	if (!R->stop && csv_fini(p, on_field, on_record, R)) {
		report(R, R->field_line, R->field_col, NULL, "a quoted field is "
		       "not closed; expected a \" before the end of the file");
		return -1;
	}
	return R->stop ? -1 : 0;
}

static void reader_release(struct reader *R)
{
	row_clear(R);
	free(R->row);
	for (size_t j = 0; j < R->ncols; j++)
		free(R->cols[j].name);
	free(R->cols);
	sb_release(&R->why);
}

int survey_parse_csv(const struct survey *s, const char *file,
		     const char *data, size_t len, struct survey_batch *b,
		     struct diags *d)
{
	size_t bom = survey_bom_len(data, len);
	struct reader R = {
		.s = s, .file = file, .b = b, .d = d,
		.data = data + bom, .len = len - bom, .line = 1,
		.why = STRBUF_INIT,
	};
	struct csv_parser p;
	int rc;

	if (survey_is_blank(R.data, R.len)) {
		diag_add(d, file, 0, 0, NULL, -1, "the file is empty; expected a "
			 "header row");
		return -1;
	}
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_realloc_func(&p, xrealloc);	/* out of memory ends us */
	rc = feed(&R, &p);
	csv_free(&p);
	reader_release(&R);
	return rc;
}
