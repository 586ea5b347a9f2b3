/*
 * workaround_csv.c: workarounds and mismatches from a CSV file, every
 * value checked against the field rules, the project's settings and the
 * entries already kept before anything is.
 */
#include <stdlib.h>
#include <string.h>

#include "csvrows.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "workaround.h"

/* The first five are required; the order is the reader's column index. */
static const char *const columns[] = {
	"description", "harm", "frequency", "observed", "reporter", "kind",
	"setting", "status"
};
#define NCOLUMNS 8
enum { C_DESCRIPTION = 0, C_KIND = 5, C_SETTING = 6 };

/* What makes an entry the same as another: text, setting and day. */
struct key {
	const struct workaround *w;
	bool kept;		/* an entry of the project, else a row */
	size_t row;		/* the file's row */
};

static int by_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c;

	if ((c = strcmp(x->w->description, y->w->description)))
		return c;
	if (x->w->setting != y->w->setting)
		return (x->w->setting > y->w->setting) -
		       (x->w->setting < y->w->setting);
	if ((c = strcmp(x->w->observed, y->w->observed)))
		return c;
	/* kept entries first, then the file's rows in order */
	if (x->kept != y->kept)
		return x->kept ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

static bool same(const struct key *x, const struct key *y)
{
	return !strcmp(x->w->description, y->w->description) &&
	       x->w->setting == y->w->setting &&
	       !strcmp(x->w->observed, y->w->observed);
}

/* Report rows that repeat an entry kept or a row before them. */
static void repeats_check(struct reader *R, const struct workaround_rows *out,
			  const bool *usable, const struct workaround *existing,
			  size_t nexisting)
{
	struct key *k = xcalloc(out->n + nexisting + 1, sizeof(*k));
	struct strbuf err = STRBUF_INIT;
	size_t m = 0;

	for (size_t i = 0; i < nexisting; i++)
		k[m++] = (struct key){ &existing[i], true, 0 };
	for (size_t i = 0; i < out->n; i++)
		if (usable[i])
			k[m++] = (struct key){ &out->v[i], false, i };
	qsort(k, m, sizeof(*k), by_key);
	for (size_t j = 1, first = 0; j < m; j++) {
		if (!same(&k[j], &k[first])) {
			first = j;
			continue;
		}
		if (k[first].kept)
			sb_addf(&err, "description: the project has this entry "
				"already (%lld), seen the same day at the same "
				"place", (long long)k[first].w->id);
		else
			sb_addf(&err, "description: the same entry, day and "
				"setting are given already on line %d",
				R->rows[k[first].row].pos[C_DESCRIPTION].line);
		reader_report(R, k[j].row, C_DESCRIPTION, &err);
	}
	free(k);
	sb_release(&err);
}

/*
 * Set row i's fields; false if any is bad. An empty kind, setting or
 * status leaves the default (a workaround, no setting, open).
 */
static bool row_set(struct reader *R, size_t i, struct workaround *w,
		    const struct setting *settings, size_t nsettings)
{
	struct strbuf err = STRBUF_INIT;
	bool ok = !R->rows[i].bad;

	for (size_t c = 0; c < NCOLUMNS && !R->rows[i].bad; c++) {
		const char *v = R->rows[i].f[c];
		if (!v || (c >= C_KIND && !*v))
			continue;
		if (workaround_set(w, columns[c], v, &err)) {
			reader_report(R, i, c, &err);
			ok = false;
		}
	}
	if (*w->setting_name) {
		long s = setting_find(settings, nsettings, w->setting_name);
		if (s < 0) {
			sb_addf(&err, "setting: the project has no setting '%s'; "
				"see 'waymark setting list'", w->setting_name);
			reader_report(R, i, C_SETTING, &err);
			ok = false;
		} else {
			w->setting = settings[s].id;
		}
	}
	sb_release(&err);
	return ok;
}

int workarounds_parse_csv(const char *file, const char *data, size_t len,
			  const struct setting *settings, size_t nsettings,
			  const struct workaround *existing, size_t nexisting,
			  struct workaround_rows *out, struct diags *d)
{
	struct reader R = {
		.file = file, .columns = columns, .ncolumns = NCOLUMNS,
		.nrequired = 5, .expected = "description, harm, frequency, "
		"observed and reporter, and any of kind, setting and status",
		.d = d,
	};
	bool *usable;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = reader_read(&R, data, len);
	out->n = R.n;
	out->v = xcalloc(R.n ? R.n : 1, sizeof(*out->v));
	out->line = xcalloc(R.n ? R.n : 1, sizeof(*out->line));
	usable = xcalloc(R.n ? R.n : 1, sizeof(*usable));
	for (size_t i = 0; i < R.n; i++) {
		workaround_init(&out->v[i]);
		out->line[i] = R.rows[i].pos[0].line;
		usable[i] = row_set(&R, i, &out->v[i], settings, nsettings);
	}
	if (rc == 0)
		repeats_check(&R, out, usable, existing, nexisting);
	track_diags_sort(d);
	free(usable);
	reader_free(&R);
	return rc;
}

void workaround_rows_release(struct workaround_rows *rows)
{
	store_workarounds_free(rows->v, rows->n);
	free(rows->line);
	memset(rows, 0, sizeof(*rows));
}
