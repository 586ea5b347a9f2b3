/* csvread.c: CSV records with line numbers, on top of libcsv. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "xalloc.h"

struct reader {
	struct csv_record rec;
	size_t alloc;
	int line;		/* the physical line being fed */
	int in_record;		/* a record has started and not ended */
	csv_record_fn fn;
	void *ctx;
	int stop;
};

static void on_field(void *s, size_t len, void *data)
{
	struct reader *R = data;

	if (!R->in_record) {
		R->in_record = 1;
		R->rec.line = R->line;
	}
	XGROW(R->rec.fields, R->alloc, R->rec.nfields + 1);
	R->rec.fields[R->rec.nfields++] = xstrndup(s ? s : "", s ? len : 0);
}

static void on_record(int c, void *data)
{
	struct reader *R = data;

	(void)c;
	if (!R->stop && R->rec.nfields)
		R->stop = R->fn(&R->rec, R->ctx);
	for (size_t i = 0; i < R->rec.nfields; i++)
		free(R->rec.fields[i]);
	if (R->rec.nfields)
		R->rec.index++;
	R->rec.nfields = 0;
	R->in_record = 0;
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

int csv_read(const char *file, const char *data, size_t len,
	     csv_record_fn fn, void *ctx, struct diags *d)
{
	struct csv_parser p;
	struct reader R = { .fn = fn, .ctx = ctx, .line = 1 };
	const char *s = data, *end = data + len;
	int rc = 0;

	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	if (blank(s, (size_t)(end - s))) {
		diag_add(d, file, 1, 1, NULL, -1, "the file is empty; expected "
			 "a header row");
		return -1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		return -1;
	while (s < end && !R.stop) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		if (csv_parse(&p, s, n, on_field, on_record, &R) != n) {
			diag_add(d, file, R.line, 1, NULL, -1, "malformed CSV: %s",
				 csv_strerror(csv_error(&p)));
			rc = -1;
			goto done;
		}
		s += n;
		R.line++;
	}
	if (!R.stop && csv_fini(&p, on_field, on_record, &R)) {
		diag_add(d, file, R.in_record ? R.rec.line : R.line - 1, 1, NULL,
			 -1, "malformed CSV: a quoted field is never closed");
		rc = -1;
	}
done:
	for (size_t i = 0; i < R.rec.nfields; i++)
		free(R.rec.fields[i]);
	free(R.rec.fields);
	csv_free(&p);
	return rc ? rc : R.stop;
}

void csv_put(FILE *f, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n") || (*s && (s[0] == ' ' || s[strlen(s) - 1] == ' ')))
		csv_fwrite(f, s, strlen(s));
	else
		fputs(s, f);
	fputc(last ? '\n' : ',', f);
}
