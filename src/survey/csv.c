/*
 * csv.c: the survey's CSV files: its data dictionary, a blank response
 * template, and response files read with lib/csvread (docs/survey-formats.md).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
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

/* State for reading one file; csv_read finds the records and fields. */
struct reader {
	const struct survey *s;
	const char *file;
	struct survey_batch *b;
	struct diags *d;
	struct column *cols;		/* the header, once read */
	size_t ncols;
	size_t id_col, group_col;
	struct survey_response *r;	/* the response being read, or NULL */
	struct strbuf why;		/* a setter's complaint */
};

static void report(struct reader *R, const struct csv_field *f,
		   const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Report a problem at field f: in the response being read, which is
 * marked bad, or else in the file as a whole.
 */
static void report(struct reader *R, const struct csv_field *f,
		   const char *where, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag_add(R->d, R->file, f->line, f->col, where,
		 R->r ? R->r->record : -1, "%s", msg.buf);
	if (R->r)
		R->r->bad = true;
	sb_release(&msg);
}

/* Report what a survey_set_* function said about field f of column c. */
static void report_why(struct reader *R, const struct csv_field *f,
		       const struct column *c)
{
	report(R, f, c->name, "%s", R->why.buf);
	sb_reset(&R->why);
}

/* Check that f is text: UTF-8 without NUL bytes. Else reports, -1. */
static int check_text(struct reader *R, const struct csv_field *f,
		      const char *where)
{
	size_t bad;

	if (!utf8_valid(f->text, f->len, &bad)) {
		report(R, f, where, "invalid UTF-8 at byte %zu of the field; "
		       "expected UTF-8 text", bad + 1);
		return -1;
	}
	if (strlen(f->text) != f->len) {
		report(R, f, where, "a NUL byte in the field; expected text");
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
static int read_column(struct reader *R, const struct csv_field *f,
		       size_t j)
{
	struct column *c = &R->cols[j];

	if (check_text(R, f, NULL))
		return -1;
	c->name = xstrdup(f->text);
	if (classify(R->s, c)) {
		report(R, f, NULL, "unknown column '%s' (column %zu of the "
		       "header); expected response_id, group, an item id or "
		       "ITEM.comment", c->name, j + 1);
		return -1;
	}
	for (size_t k = 0; k < j; k++) {
		if (R->cols[k].name && !strcmp(R->cols[k].name, c->name)) {
			report(R, f, NULL, "column '%s' (column %zu of the "
			       "header) repeats column %zu", c->name, j + 1,
			       k + 1);
			return -1;
		}
	}
	if (c->kind == COL_ID)
		R->id_col = j;
	else if (c->kind == COL_GROUP)
		R->group_col = j;
	return 0;
}

/* The header: every column known. Returns 0, or -1 if it is unusable. */
static int read_header(struct reader *R, const struct csv_record *rec)
{
	const struct csv_field *start = &rec->fields[0];
	int rc = 0;

	R->cols = xcalloc(rec->nfields, sizeof(*R->cols));
	R->ncols = rec->nfields;
	R->id_col = R->group_col = SIZE_MAX;
	for (size_t j = 0; j < R->ncols; j++)
		if (read_column(R, &rec->fields[j], j))
			rc = -1;
	if (rc)
		return rc;
	if (R->id_col == SIZE_MAX)
		report(R, start, NULL, "the header has no 'response_id' column");
	if (R->group_col == SIZE_MAX)
		report(R, start, NULL, "the header has no 'group' column");
	return R->id_col == SIZE_MAX || R->group_col == SIZE_MAX ? -1 : 0;
}

/* Field f of a record, in column c, into R->r. */
static void read_field(struct reader *R, const struct csv_field *f,
		       const struct column *c)
{
	unsigned char v;
	int rc = 0;

	if (check_text(R, f, c->name))
		return;
	if (c->kind == COL_ID) {
		rc = survey_set_id(R->b, R->r, f->text, &R->why);
	} else if (c->kind == COL_GROUP) {
		rc = survey_set_group(R->s, R->r, f->text, &R->why);
	} else if (!f->len) {
		return;		/* not answered */
	} else if (c->kind == COL_COMMENT) {
		rc = survey_set_comment(R->s, R->r, c->item, f->text, &R->why);
	} else if (survey_parse_value(f->text, &v)) {
		report(R, f, c->name, "expected " SURVEY_VALUES ", or an empty "
		       "field, got \"%s\"", f->text);
	} else {
		rc = survey_set_value(R->s, R->r, c->item, v, &R->why);
	}
	if (rc)
		report_why(R, f, c);
}

static void read_record(struct reader *R, const struct csv_record *rec)
{
	R->r = survey_batch_add(R->b, R->s, rec->index - 1);
	if (rec->nfields != R->ncols) {
		report(R, &rec->fields[0], NULL, "expected %zu fields as in the "
		       "header, found %zu", R->ncols, rec->nfields);
	} else {
		/* the group first, so that values can be checked against it */
		read_field(R, &rec->fields[R->group_col], &R->cols[R->group_col]);
		for (size_t j = 0; j < R->ncols; j++)
			if (j != R->group_col)
				read_field(R, &rec->fields[j], &R->cols[j]);
	}
	R->r = NULL;
}

/* csv_read's callback: stops (1) if the header is unusable. */
static int on_record(const struct csv_record *rec, void *ctx)
{
	struct reader *R = ctx;

	if (rec->index == 0)
		return read_header(R, rec) ? 1 : 0;
	read_record(R, rec);
	return 0;
}

static void reader_release(struct reader *R)
{
	for (size_t j = 0; j < R->ncols; j++)
		free(R->cols[j].name);
	free(R->cols);
	sb_release(&R->why);
}

int survey_parse_csv(const struct survey *s, const char *file,
		     const char *data, size_t len, struct survey_batch *b,
		     struct diags *d)
{
	struct reader R = {
		.s = s, .file = file, .b = b, .d = d, .why = STRBUF_INIT,
	};
	int rc = csv_read(file, data, len, on_record, &R, d);

	reader_release(&R);
	return rc ? -1 : 0;
}
