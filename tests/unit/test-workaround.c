/*
 * test-workaround.c: the workaround and mismatch log: every cell of the
 * risk matrix against the table of docs/tracking.md typed in here, the
 * levels and field rules, a fix-first order worked out by hand, the CSV
 * import's checks, and the store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "store/store.h"
#include "track/track.h"
#include "track/workaround.h"

/*
 * The matrix as docs/tracking.md prints it, typed again from the page:
 * rows harm 5 (catastrophic) down to 1 (negligible), columns frequency 1
 * (rare) to 5 (constant).
 */
static const int documented[5][5] = {
	/* 1  2  3  4  5    frequency */
	{ 3, 4, 4, 5, 5 },	/* harm 5 catastrophic */
	{ 2, 3, 4, 4, 5 },	/* harm 4 major */
	{ 2, 2, 3, 3, 4 },	/* harm 3 moderate */
	{ 1, 2, 2, 2, 3 },	/* harm 2 minor */
	{ 1, 1, 1, 2, 2 },	/* harm 1 negligible */
};

static void test_matrix(void **state)
{
	int count[6] = { 0 };

	(void)state;
	for (int h = 1; h <= 5; h++)
		for (int f = 1; f <= 5; f++) {
			int r = workaround_risk(h, f);
			assert_int_equal(r, documented[5 - h][f - 1]);
			count[r]++;
		}
	/* the cells of each rating, counted on the page:
	 * rating 1: (h1,f1) (h1,f2) (h1,f3) (h2,f1) = 4
	 * rating 2: (h1,f4) (h1,f5) (h2,f2) (h2,f3) (h2,f4) (h3,f1) (h3,f2)
	 *           (h4,f1) = 8
	 * rating 3: (h2,f5) (h3,f3) (h3,f4) (h4,f2) (h5,f1) = 5
	 * rating 4: (h3,f5) (h4,f3) (h4,f4) (h5,f2) (h5,f3) = 5
	 * rating 5: (h4,f5) (h5,f4) (h5,f5) = 3;  4 + 8 + 5 + 5 + 3 = 25 */
	assert_int_equal(count[1], 4);
	assert_int_equal(count[2], 8);
	assert_int_equal(count[3], 5);
	assert_int_equal(count[4], 5);
	assert_int_equal(count[5], 3);
	/* never lower for more harm or more often */
	for (int h = 1; h <= 5; h++)
		for (int f = 1; f <= 5; f++) {
			if (h < 5)
				assert_true(workaround_risk(h + 1, f) >=
					    workaround_risk(h, f));
			if (f < 5)
				assert_true(workaround_risk(h, f + 1) >=
					    workaround_risk(h, f));
		}
	/* harm weighs more: a rare catastrophe over a constant nuisance */
	assert_true(workaround_risk(5, 1) > workaround_risk(1, 5));
	/* out of range */
	assert_int_equal(workaround_risk(0, 3), 0);
	assert_int_equal(workaround_risk(3, 6), 0);
	assert_string_equal(risk_name(5), "very high");
	assert_string_equal(risk_name(1), "very low");
	assert_string_equal(risk_name(0), "?");
	assert_string_equal(harm_name(4), "major");
	assert_string_equal(frequency_name(3), "regular");
}

static void test_levels(void **state)
{
	struct strbuf err = STRBUF_INIT;
	int64_t v = 0;

	(void)state;
	assert_int_equal(workaround_level_parse("harm", "4", &v, &err), 0);
	assert_int_equal(v, 4);
	assert_int_equal(workaround_level_parse("harm", "catastrophic", &v,
						&err), 0);
	assert_int_equal(v, 5);
	assert_int_equal(workaround_level_parse("harm", "Minor", &v, &err), 0);
	assert_int_equal(v, 2);
	assert_int_equal(workaround_level_parse("frequency", "rare", &v, &err),
			 0);
	assert_int_equal(v, 1);
	assert_int_equal(workaround_level_parse("frequency", "CONSTANT", &v,
						&err), 0);
	assert_int_equal(v, 5);
	/* a frequency's name is not a level of harm */
	assert_int_equal(workaround_level_parse("harm", "rare", &v, &err), -1);
	assert_non_null(strstr(err.buf, "harm: 'rare' is not a level of harm; "
			       "use 1 to 5 or negligible, minor, moderate, "
			       "major or catastrophic"));
	sb_reset(&err);
	assert_int_equal(workaround_level_parse("frequency", "0", &v, &err), -1);
	assert_int_equal(workaround_level_parse("frequency", "6", &v, &err), -1);
	assert_int_equal(workaround_level_parse("frequency", "33", &v, &err), -1);
	assert_int_equal(workaround_level_parse("frequency", "", &v, &err), -1);
	assert_int_equal(workaround_level_parse("frequency", " 3", &v, &err), -1);
	assert_int_equal(v, 5);	/* unchanged by the failures */
	sb_release(&err);
}

static void test_fields(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct workaround w;

	(void)state;
	workaround_init(&w);
	assert_string_equal(w.kind, "workaround");
	assert_string_equal(w.status, "open");
	/* a new entry lacks five fields */
	assert_int_equal(workaround_missing(&w, &err), 5);
	assert_non_null(strstr(err.buf, "description: required"));
	assert_non_null(strstr(err.buf, "; reporter: required"));
	sb_reset(&err);
	assert_int_equal(workaround_set(&w, "kind", "mismatch", &err), 0);
	assert_int_equal(workaround_set(&w, "kind", "bug", &err), -1);
	assert_string_equal(err.buf, "kind: 'bug' is not a kind; use "
			    "workaround or mismatch");
	assert_string_equal(w.kind, "mismatch");
	sb_reset(&err);
	assert_int_equal(workaround_set(&w, "status", "closed", &err), -1);
	assert_string_equal(err.buf, "status: 'closed' is not a status; use "
			    "open, fixing, fixed or accepted");
	sb_reset(&err);
	assert_int_equal(workaround_set(&w, "status", "fixing", &err), 0);
	assert_int_equal(workaround_set(&w, "description", " \n", &err), -1);
	assert_string_equal(err.buf, "description: must not be empty");
	sb_reset(&err);
	assert_int_equal(workaround_set(&w, "description", "two\nlines", &err),
			 0);
	assert_int_equal(workaround_set(&w, "reporter", "a\tb", &err), -1);
	assert_string_equal(err.buf, "reporter: must be on one line, without "
			    "tabs");
	sb_reset(&err);
	assert_int_equal(workaround_set(&w, "reporter", "Ann", &err), 0);
	assert_int_equal(workaround_set(&w, "observed", "2025-02-29", &err), -1);
	assert_non_null(strstr(err.buf, "observed: "));
	sb_reset(&err);
	assert_int_equal(workaround_set(&w, "observed", "9999-01-01", &err), -1);
	assert_non_null(strstr(err.buf, "is after today"));
	sb_reset(&err);
	assert_int_equal(workaround_set(&w, "observed", "2025-02-28", &err), 0);
	assert_int_equal(workaround_set(&w, "harm", "major", &err), 0);
	assert_int_equal(workaround_set(&w, "frequency", "2", &err), 0);
	assert_int_equal(workaround_set(&w, "setting", "Ward\n3", &err), -1);
	sb_reset(&err);
	assert_int_equal(workaround_set(&w, "colour", "red", &err), -1);
	assert_string_equal(err.buf, "colour: not a field of a workaround");
	sb_reset(&err);
	assert_int_equal(workaround_missing(&w, &err), 0);
	assert_int_equal(w.harm, 4);
	assert_int_equal(w.frequency, 2);
	store_workaround_release(&w);
	sb_release(&err);
}

static void entry(struct workaround *w, int64_t id, int64_t harm,
		  int64_t freq, const char *status, const char *observed)
{
	workaround_init(w);
	w->id = id;
	w->harm = harm;
	w->frequency = freq;
	free(w->status);
	w->status = strdup(status);
	free(w->observed);
	w->observed = strdup(observed);
}

static void test_fix_first(void **state)
{
	struct workaround v[9];
	size_t order[9], m;
	/* ids in the order wanted, worked out from the matrix:
	 *   9: h4 f3 -> 4                    (the only 4 still open)
	 *   then the 3s by harm: 2 (h5 f1), 7 (h4 f2),
	 *   then harm 3, frequency 3, by day: 5 and 8 (01-15, by id), 3 (02-01)
	 *   then 1 (h2 f5 -> 3, harm 2 last);
	 *   4 (fixed) and 6 (accepted) are left out */
	static const int64_t want[] = { 9, 2, 7, 5, 8, 3, 1 };

	(void)state;
	entry(&v[0], 1, 2, 5, "open", "2025-01-10");
	entry(&v[1], 8, 3, 3, "open", "2025-01-15");
	entry(&v[2], 3, 3, 3, "fixing", "2025-02-01");
	entry(&v[3], 4, 4, 4, "fixed", "2025-01-01");
	entry(&v[4], 5, 3, 3, "open", "2025-01-15");
	entry(&v[5], 6, 1, 1, "accepted", "2025-01-01");
	entry(&v[6], 2, 5, 1, "open", "2025-03-01");
	entry(&v[7], 7, 4, 2, "open", "2025-04-01");
	entry(&v[8], 9, 4, 3, "open", "2025-05-01");
	m = workaround_fix_first(v, 9, order);
	assert_int_equal(m, 7);
	for (size_t i = 0; i < m; i++)
		assert_int_equal(v[order[i]].id, want[i]);
	for (size_t i = 0; i < 9; i++)
		store_workaround_release(&v[i]);
}

static void test_filter(void **state)
{
	struct workaround w;
	struct workaround_filter f = { NULL, NULL, NULL, 0 };
	struct strbuf err = STRBUF_INIT;

	(void)state;
	entry(&w, 1, 3, 3, "open", "2025-01-01");	/* risk 3 */
	free(w.setting_name);
	w.setting_name = strdup("Ward 3");
	assert_true(workaround_matches(&w, &f));
	f.min_risk = 3;
	assert_true(workaround_matches(&w, &f));
	f.min_risk = 4;
	assert_false(workaround_matches(&w, &f));
	f.min_risk = 0;
	f.setting = "Ward 12";
	assert_false(workaround_matches(&w, &f));
	f.setting = "Ward 3";
	f.kind = "mismatch";
	assert_false(workaround_matches(&w, &f));
	f.kind = "workaround";
	f.status = "open";
	assert_true(workaround_matches(&w, &f));
	assert_int_equal(workaround_filter_check(&f, &err), 0);
	f.status = "shut";
	assert_int_equal(workaround_filter_check(&f, &err), -1);
	f.status = NULL;
	f.min_risk = 6;
	assert_int_equal(workaround_filter_check(&f, &err), -1);
	store_workaround_release(&w);
	sb_release(&err);
}

static int has(const struct diags *d, int line, int col, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].col == col &&
		    strstr(d->v[i].msg, text))
			return 1;
	return 0;
}

static void test_csv(void **state)
{
	const char head[] = "description,harm,frequency,observed,reporter,"
			    "kind,setting,status\n";
	const char good[] = "Phones log out,moderate,2,2025-01-02,Ann,,,\n"
			    "\"Alert shown as seen\",5,rare,2025-01-03,Bob,"
			    "mismatch,Ward 3,fixing\n";
	/* columns counted by hand, from 1 */
	const char bad[] =
		"Phones log out,3,2,2025-01-02,Ann,,,\n"	/* 2: good */
		"Alerts,huge,2,2025-01-02,Ann,,,\n"	/* 3:8 harm */
		"X,3,0,2025-01-02,Ann,,,\n"		/* 4:5 frequency */
		"Y,3,2,2025-02-30,Ann,,,\n"		/* 5:7 observed */
		"Z,3,2,2025-01-02,,bug,,\n"		/* 6:18 reporter, 6:19 kind */
		"W,1,1,2025-01-02,Ann,,Ward 99,closed\n"	/* 7:23 setting, 7:31 */
		"Phones log out,3,2,2025-01-02,Bob,,,\n"	/* 8:1 as line 2 */
		"Kept one,2,2,2025-01-05,Ann,,Ward 3,\n"	/* 9:1 kept as 42 */
		"short,row\n"				/* 10:1 fields */
		",2,2,2025-01-02,Ann,,,\n";		/* 11:1 description */
	struct setting settings[2] = {
		{ .id = 7, .name = (char *)"Ward 12" },
		{ .id = 3, .name = (char *)"Ward 3" }
	};
	struct workaround kept;
	struct workaround_rows rows;
	struct strbuf data = STRBUF_INIT;
	struct diags d;

	(void)state;
	entry(&kept, 42, 2, 2, "open", "2025-01-05");
	free(kept.description);
	kept.description = strdup("Kept one");
	kept.setting = 3;

	diags_init(&d);
	sb_adds(&data, head);
	sb_adds(&data, good);
	assert_int_equal(workarounds_parse_csv("w.csv", data.buf, data.len,
					       settings, 2, &kept, 1, &rows,
					       &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.v[0].kind, "workaround");
	assert_string_equal(rows.v[0].status, "open");
	assert_int_equal(rows.v[0].harm, 3);
	assert_int_equal(rows.v[0].setting, 0);
	assert_string_equal(rows.v[1].kind, "mismatch");
	assert_int_equal(rows.v[1].harm, 5);
	assert_int_equal(rows.v[1].frequency, 1);
	assert_int_equal(rows.v[1].setting, 3);
	assert_string_equal(rows.v[1].status, "fixing");
	assert_int_equal(rows.line[1], 3);
	workaround_rows_release(&rows);

	sb_reset(&data);
	sb_adds(&data, head);
	sb_adds(&data, bad);
	assert_int_equal(workarounds_parse_csv("w.csv", data.buf, data.len,
					       settings, 2, &kept, 1, &rows,
					       &d), 0);
	assert_true(has(&d, 3, 8, "harm: 'huge' is not a level of harm"));
	assert_true(has(&d, 4, 5, "frequency: '0' is not a level"));
	assert_true(has(&d, 5, 7, "observed: "));
	assert_true(has(&d, 6, 18, "reporter: must not be empty"));
	assert_true(has(&d, 6, 19, "kind: 'bug' is not a kind"));
	assert_true(has(&d, 7, 23, "setting: the project has no setting "
			"'Ward 99'"));
	assert_true(has(&d, 7, 31, "status: 'closed' is not a status"));
	assert_true(has(&d, 8, 1, "given already on line 2"));
	assert_true(has(&d, 9, 1, "the project has this entry already (42)"));
	assert_true(has(&d, 10, 1, "expected 8 fields as in the header, "
			"found 2"));
	assert_true(has(&d, 11, 1, "description: must not be empty"));
	assert_int_equal(d.n, 11);
	/* in order of place */
	for (size_t i = 1; i < d.n; i++)
		assert_true(d.v[i - 1].line < d.v[i].line ||
			    (d.v[i - 1].line == d.v[i].line &&
			     d.v[i - 1].col <= d.v[i].col));
	workaround_rows_release(&rows);
	diags_release(&d);

	/* the header: a required column missing, an unknown one */
	diags_init(&d);
	sb_reset(&data);
	sb_adds(&data, "description,harm\nX,3\n");
	assert_int_equal(workarounds_parse_csv("w.csv", data.buf, data.len,
					       settings, 2, NULL, 0, &rows,
					       &d), -1);
	assert_true(d.n >= 1);
	workaround_rows_release(&rows);
	diags_release(&d);
	diags_init(&d);
	sb_reset(&data);
	sb_adds(&data, "description,harm,frequency,observed,reporter,owner\n");
	assert_int_equal(workarounds_parse_csv("w.csv", data.buf, data.len,
					       settings, 2, NULL, 0, &rows,
					       &d), -1);
	assert_string_equal(d.v[0].where, "owner");
	workaround_rows_release(&rows);
	diags_release(&d);
	store_workaround_release(&kept);
	sb_release(&data);
}

static void test_store(void **state)
{
	char path[] = "/tmp/waymark-workaround-XXXXXX";
	struct store *st;
	struct project p, q;
	struct setting s, other;
	struct workaround w, g, *v;
	struct strbuf err = STRBUF_INIT;
	char *msg = NULL;
	size_t n;
	int64_t rev0, rev1;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, &st, &msg), 0);
	project_init(&p, "t");
	assert_int_equal(store_project_add(st, &p), 0);
	project_init(&q, "u");
	assert_int_equal(store_project_add(st, &q), 0);
	setting_init(&s);
	setting_set(&s, "name", "Ward 3", &err);
	setting_set(&s, "type", "team", &err);
	s.project = p.id;
	assert_int_equal(store_setting_add(st, &s), 0);
	setting_init(&other);
	setting_set(&other, "name", "Elsewhere", &err);
	setting_set(&other, "type", "site", &err);
	other.project = q.id;
	assert_int_equal(store_setting_add(st, &other), 0);

	workaround_init(&w);
	w.project = p.id;
	assert_int_equal(workaround_set(&w, "description", "Paper list", &err),
			 0);
	workaround_set(&w, "harm", "3", &err);
	workaround_set(&w, "frequency", "5", &err);
	workaround_set(&w, "observed", "2025-02-04", &err);
	workaround_set(&w, "reporter", "Sister", &err);
	/* a setting of another project is refused, by name and by id */
	workaround_set(&w, "setting", "Elsewhere", &err);
	assert_int_equal(workaround_resolve(st, &w, &err), 1);
	assert_non_null(strstr(err.buf, "no setting 'Elsewhere'"));
	w.setting = other.id;
	assert_int_equal(store_workaround_add(st, &w), STORE_NOTFOUND);
	workaround_set(&w, "setting", "Ward 3", &err);
	assert_int_equal(workaround_resolve(st, &w, &err), 0);
	assert_int_equal(w.setting, s.id);
	assert_int_equal(store_project_revision(st, p.id, &rev0), 0);
	assert_int_equal(store_workaround_add(st, &w), 0);
	assert_true(w.id > 0);
	assert_int_equal(store_project_revision(st, p.id, &rev1), 0);
	assert_true(rev1 > rev0);

	assert_int_equal(store_workaround_get(st, p.id, w.id, &g), 0);
	assert_string_equal(g.description, "Paper list");
	assert_string_equal(g.setting_name, "Ward 3");
	assert_int_equal(g.harm, 3);
	assert_int_equal(g.frequency, 5);
	assert_string_equal(g.status, "open");
	assert_string_equal(g.observed, "2025-02-04");
	assert_non_null(g.created);
	/* not found from another project */
	assert_int_equal(store_workaround_get(st, q.id, w.id, &w),
			 STORE_NOTFOUND);

	workaround_set(&g, "status", "fixed", &err);
	workaround_set(&g, "setting", "", &err);
	assert_int_equal(workaround_resolve(st, &g, &err), 0);
	rev0 = rev1;
	assert_int_equal(store_workaround_update(st, &g), 0);
	assert_int_equal(store_project_revision(st, p.id, &rev1), 0);
	assert_true(rev1 > rev0);
	store_workaround_release(&g);
	assert_int_equal(store_workarounds(st, p.id, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].status, "fixed");
	assert_string_equal(v[0].setting_name, "");
	assert_int_equal(v[0].setting, 0);
	store_workarounds_free(v, n);

	g.id = w.id + 100;
	g.project = p.id;
	g.kind = strdup("workaround");
	g.description = strdup("x");
	g.status = strdup("open");
	g.observed = strdup("2025-01-01");
	g.reporter = strdup("x");
	g.harm = g.frequency = 1;
	assert_int_equal(store_workaround_update(st, &g), STORE_NOTFOUND);
	store_workaround_release(&g);
	assert_int_equal(store_workaround_delete(st, p.id, w.id), 0);
	assert_int_equal(store_workaround_delete(st, p.id, w.id),
			 STORE_NOTFOUND);
	assert_int_equal(store_workarounds(st, p.id, &v, &n), 0);
	assert_int_equal(n, 0);
	free(v);

	store_workaround_release(&w);
	store_setting_release(&s);
	store_setting_release(&other);
	project_release(&p);
	project_release(&q);
	store_close(st);
	sb_release(&err);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_fix_first),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_store),
	};
	return cmocka_run_group_tests_name("workaround", tests, NULL, NULL);
}
