/*
 * test-track.c: rollout tracking: days, coverage and stalled settings
 * against figures worked out by hand, the CSV imports' checks, and the
 * store's settings and milestones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "store/store.h"
#include "track/track.h"
#include "testdb.h"

#define EPS 1e-9
#define N TRACK_NEVER

static void test_dates(void **state)
{
	struct strbuf err = STRBUF_INIT;
	int32_t d;
	char buf[11];

	(void)state;
	assert_int_equal(track_date_parse("1970-01-01", &d, &err), 0);
	assert_int_equal(d, 0);
	/* 10957 days to 2000-01-01, then 31 (January) + 29 (leap February) */
	assert_int_equal(track_date_parse("2000-03-01", &d, &err), 0);
	assert_int_equal(d, 11017);
	track_date_format(11017, buf);
	assert_string_equal(buf, "2000-03-01");
	assert_int_equal(track_date_parse("2024-02-29", &d, &err), 0);
	track_date_format(d, buf);
	assert_string_equal(buf, "2024-02-29");
	assert_int_equal(track_date_parse("2023-02-29", &d, &err), -1);
	assert_non_null(strstr(err.buf, "not a day of the calendar"));
	sb_reset(&err);
	assert_int_equal(track_date_parse("2024-02-30", &d, &err), -1);
	assert_int_equal(track_date_parse("1900-02-29", &d, &err), -1);
	assert_int_equal(track_date_parse("2024-13-01", &d, &err), -1);
	assert_int_equal(track_date_parse("2024-00-10", &d, &err), -1);
	sb_reset(&err);
	assert_int_equal(track_date_parse("2024-1-01", &d, &err), -1);
	assert_non_null(strstr(err.buf, "YYYY-MM-DD"));
	assert_int_equal(track_date_parse("2024-01-01x", &d, &err), -1);
	assert_int_equal(track_date_parse("01/02/2024", &d, &err), -1);
	assert_int_equal(track_date_parse("", &d, &err), -1);
	assert_int_equal(track_date_parse("1899-12-31", &d, &err), -1);
	sb_release(&err);
}

static void test_date_steps(void **state)
{
	struct strbuf err = STRBUF_INIT;
	int32_t from, to, *v;
	size_t n;
	char buf[11];

	(void)state;
	/* monthly from the 31st: the month's last day when it is shorter */
	assert_int_equal(track_date_parse("2024-01-31", &from, &err), 0);
	assert_int_equal(track_date_parse("2024-04-15", &to, &err), 0);
	v = track_dates(from, to, true, &n);
	assert_int_equal(n, 4);
	track_date_format(v[1], buf);
	assert_string_equal(buf, "2024-02-29");
	track_date_format(v[2], buf);
	assert_string_equal(buf, "2024-03-31");
	assert_int_equal(v[3], to);	/* the last day is always there */
	free(v);
	/* weekly: 0, 7, 14, then 20 added */
	v = track_dates(0, 20, false, &n);
	assert_int_equal(n, 4);
	assert_int_equal(v[2], 14);
	assert_int_equal(v[3], 20);
	free(v);
	v = track_dates(5, 5, false, &n);
	assert_int_equal(n, 1);
	free(v);
	sb_release(&err);
}

/*
 * Four settings, three milestones (0 engaged, 1 live, 2 routine use):
 *   A organisation: live on day 10
 *   B site: engaged on day 5, routine use on day 30 (live never written)
 *   C site: engaged on day 12
 *   D team: nothing
 */
static const int32_t ra[] = { N, 10, N }, rb[] = { 5, N, 30 },
		     rc_[] = { 12, N, N }, rd[] = { N, N, N };
static const struct track_setting four[] = {
	{ 0, ra }, { 1, rb }, { 1, rc_ }, { 2, rd },
};
static const int32_t days[] = { 0, 10, 20, 30 };

static void test_coverage_by_hand(void **state)
{
	struct coverage c;

	(void)state;
	/* live, nobody else must take part: population 4 */
	track_coverage(four, 4, 3, 1, 0, days, 4, &c);
	assert_int_equal(c.population, 4);
	assert_int_equal(c.registered, 4);
	assert_int_equal(c.type_total[0], 1);
	assert_int_equal(c.type_total[1], 2);
	assert_int_equal(c.type_total[2], 1);
	assert_int_equal(c.npoints, 4);
	assert_int_equal(c.points[0].reached, 0);
	assert_true(c.points[0].share < EPS);
	/* day 10: A is live: 1/4 */
	assert_int_equal(c.points[1].reached, 1);
	assert_true(c.points[1].share > 0.25 - EPS && c.points[1].share < 0.25 + EPS);
	/* day 20: no change */
	assert_int_equal(c.points[2].reached, 1);
	/* day 30: B in routine use counts as live: 2/4 */
	assert_int_equal(c.points[3].reached, 2);
	assert_true(c.points[3].share > 0.5 - EPS && c.points[3].share < 0.5 + EPS);
	/* by type on day 30: organisation 1/1, site 1/2, team 0/1 */
	assert_true(c.points[3].type_share[0] > 1 - EPS);
	assert_true(c.points[3].type_share[1] > 0.5 - EPS &&
		    c.points[3].type_share[1] < 0.5 + EPS);
	assert_int_equal(c.points[3].type_reached[2], 0);
	assert_true(c.points[3].type_share[2] < EPS && c.points[3].type_share[2] > -EPS);
	coverage_release(&c);

	/* engaged: A (live 10, counts), B (5), C (12): day 10 2/4, day 20 3/4 */
	track_coverage(four, 4, 3, 0, 0, days, 4, &c);
	assert_int_equal(c.points[0].reached, 0);
	assert_int_equal(c.points[1].reached, 2);
	assert_int_equal(c.points[2].reached, 3);
	assert_true(c.points[2].share > 0.75 - EPS && c.points[2].share < 0.75 + EPS);
	coverage_release(&c);

	/* routine use: only B, on day 30 */
	track_coverage(four, 4, 3, 2, 0, days, 4, &c);
	assert_int_equal(c.points[2].reached, 0);
	assert_int_equal(c.points[3].reached, 1);
	coverage_release(&c);
}

static void test_coverage_population_rule(void **state)
{
	struct coverage c;

	(void)state;
	/* the project says 10 must take part: day 30 live is 2/10 */
	track_coverage(four, 4, 3, 1, 10, days, 4, &c);
	assert_int_equal(c.population, 10);
	assert_true(c.points[3].share > 0.2 - EPS && c.points[3].share < 0.2 + EPS);
	/* but by type still over the registry: site 1/2 */
	assert_true(c.points[3].type_share[1] > 0.5 - EPS &&
		    c.points[3].type_share[1] < 0.5 + EPS);
	coverage_release(&c);
	/* the project says 2, fewer than registered: the registry's 4 */
	track_coverage(four, 4, 3, 1, 2, days, 4, &c);
	assert_int_equal(c.population, 4);
	assert_true(c.points[3].share > 0.5 - EPS && c.points[3].share < 0.5 + EPS);
	coverage_release(&c);
	assert_int_equal(track_population(-1, 3), 3);
	assert_int_equal(track_population(0, 0), 0);
	/* nobody at all: share 0, and types with nobody are -1 */
	track_coverage(four, 0, 3, 1, 0, days, 4, &c);
	assert_int_equal(c.population, 0);
	assert_true(c.points[3].share < EPS);
	assert_true(c.points[3].type_share[0] < -0.5);
	coverage_release(&c);
	/* a day between steps is counted at the next step, not before */
	{
		const int32_t d2[] = { 9, 11 };
		track_coverage(four, 4, 3, 1, 0, d2, 2, &c);
		assert_int_equal(c.points[0].reached, 0);
		assert_int_equal(c.points[1].reached, 1);
		coverage_release(&c);
	}
}

static void test_stalled(void **state)
{
	struct stalled *v;
	size_t n, not_started;

	(void)state;
	/*
	 * Day 30, one week: A last moved on 10 (<= 23) and is not at the
	 * last milestone: stalled at live; B reached the last; C last moved
	 * on 12: stalled at engaged; D never started.
	 */
	track_stalled(four, 4, 3, 30, 1, &v, &n, &not_started);
	assert_int_equal(n, 2);
	assert_int_equal(not_started, 1);
	assert_int_equal(v[0].setting, 0);
	assert_int_equal(v[0].milestone, 1);
	assert_int_equal(v[0].since, 10);
	assert_int_equal(v[1].setting, 2);
	assert_int_equal(v[1].milestone, 0);
	assert_int_equal(v[1].since, 12);
	free(v);
	/* day 15, one week (up to day 8): only B, engaged on 5; C is fresh */
	track_stalled(four, 4, 3, 15, 1, &v, &n, &not_started);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].setting, 1);
	assert_int_equal(v[0].since, 5);
	free(v);
	/* day 15, two weeks (up to day 1): nobody */
	track_stalled(four, 4, 3, 15, 2, &v, &n, &not_started);
	assert_int_equal(n, 0);
	free(v);
	/* day 17, one week (up to day 10): A exactly 7 days ago, and B */
	track_stalled(four, 4, 3, 17, 1, &v, &n, &not_started);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].setting, 0);
	assert_int_equal(v[1].setting, 1);
	free(v);
	/* on day 12 - 7 = 5 exactly B's day: stalled (no milestone in (5, 12]) */
	track_stalled(four, 4, 3, 12, 1, &v, &n, &not_started);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].setting, 1);
	free(v);
	/* before anything happened everybody is not started */
	track_stalled(four, 4, 3, 1, 1, &v, &n, &not_started);
	assert_int_equal(n, 0);
	assert_int_equal(not_started, 4);
	free(v);
}

/* --- imports --- */

static struct setting existing[2];

static void existing_init(void)
{
	setting_init(&existing[0]);
	setting_init(&existing[1]);
	free(existing[0].name);
	free(existing[1].name);
	existing[0].name = strdup("Alpha");	/* sorted by name */
	existing[1].name = strdup("Beta");
	existing[0].id = 11;
	existing[1].id = 12;
}

static int has(const struct diags *d, int line, int col, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].col == col &&
		    strstr(d->v[i].msg, text))
			return 1;
	return 0;
}

static void test_settings_csv(void **state)
{
	const char good[] = "name,type,parent,it_system\n"
			    "Gamma,site,Alpha,EMIS\nDelta,team,Gamma,\n";
	const char bad[] = "name,type,parent\n"
			   "Alpha,site,\n"	/* 2: in the project */
			   "Eps,clinic,\n"	/* 3:5 bad type */
			   "Eps,team,Zeta\n"	/* 4: twice; 4:10 no parent */
			   "P,team,Q\nQ,team,P\n";	/* 5, 6: a circle */
	struct setting_rows rows;
	struct diags d;

	(void)state;
	existing_init();
	diags_init(&d);
	assert_int_equal(settings_parse_csv("s.csv", good, strlen(good),
					    existing, 2, &rows, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.v[0].parent, "Alpha");
	assert_string_equal(rows.v[0].it_system, "EMIS");
	setting_rows_release(&rows);

	assert_int_equal(settings_parse_csv("s.csv", bad, strlen(bad),
					    existing, 2, &rows, &d), 0);
	assert_true(has(&d, 2, 1, "name: the project has a setting 'Alpha'"));
	assert_true(has(&d, 3, 5, "type: 'clinic'"));
	assert_true(has(&d, 4, 1, "name: 'Eps' is given already on line 3"));
	assert_true(has(&d, 4, 10, "parent: no setting 'Zeta'"));
	assert_true(has(&d, 5, 8, "circle"));
	assert_true(has(&d, 6, 8, "circle"));
	assert_int_equal(d.n, 6);
	setting_rows_release(&rows);
	diags_release(&d);

	/* the header: a required column missing stops the reading */
	diags_init(&d);
	assert_int_equal(settings_parse_csv("s.csv", "name\nX\n", 7, existing,
					    2, &rows, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].where, "type");
	setting_rows_release(&rows);
	diags_release(&d);
	for (int i = 0; i < 2; i++)
		store_setting_release(&existing[i]);
}

static void test_milestones_csv(void **state)
{
	char e[] = "engaged", l[] = "live", t[] = "T";
	const struct group ms[] = { { e, t }, { l, t } };
	const char csv[] = "setting,milestone,date\n"
			   "Alpha,live,2024-01-02\n"	/* good */
			   "Nope,live,2024-01-02\n"	/* 3:1 */
			   "Beta,gone,2024-01-02\n"	/* 3:6 */
			   "Beta,live,2024-02-30\n"	/* 5:11 */
			   "Beta,engaged,2030-01-01\n"	/* 6:14 future */
			   "Alpha,live,2024-01-03\n";	/* 7:7 twice */
	struct milestone_rows rows;
	struct diags d;
	struct strbuf err = STRBUF_INIT;
	int32_t today;

	(void)state;
	existing_init();
	assert_int_equal(track_date_parse("2025-06-01", &today, &err), 0);
	diags_init(&d);
	assert_int_equal(milestones_parse_csv("m.csv", csv, strlen(csv), existing,
					      2, ms, 2, today, &rows, &d), 0);
	assert_true(has(&d, 3, 1, "setting: the project has no setting 'Nope'"));
	assert_true(has(&d, 4, 6, "milestone: 'gone'"));
	assert_true(has(&d, 5, 11, "date: '2024-02-30' is not a day"));
	assert_true(has(&d, 6, 14, "after today"));
	assert_true(has(&d, 7, 7, "given already on line 2"));
	assert_int_equal(d.n, 5);
	assert_int_equal(rows.v[0].setting, 11);
	milestone_rows_release(&rows);
	diags_release(&d);
	for (int i = 0; i < 2; i++)
		store_setting_release(&existing[i]);
	sb_release(&err);
}

/* --- the store --- */

static void test_store(void **state)
{
	char path[] = "/tmp/waymark-track-XXXXXX";
	struct store *st;
	struct project p;
	struct setting s, *v;
	struct group *ms;
	struct milestone_event *ev;
	char *msg = NULL, **tools;
	size_t n;
	int64_t rev0, rev1;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_open(testdb_pg() ? testdb(NULL, "track") : path,
				    &st, &msg), 0);
	project_init(&p, "t");
	assert_int_equal(store_project_add(st, &p), 0);
	/* the defaults are shown before any are stored */
	assert_int_equal(store_milestones(st, p.id, &ms, &n), 0);
	assert_int_equal(n, 6);
	assert_string_equal(ms[1].id, "isa-signed");
	assert_string_equal(ms[5].id, "routine-use");
	store_groups_free(ms, n);
	assert_int_equal(store_project_revision(st, p.id, &rev0), 0);
	setting_init(&s);
	free(s.name);
	free(s.type);
	s.name = strdup("North");
	s.type = strdup("site");
	s.project = p.id;
	assert_int_equal(store_setting_add(st, &s), 0);
	assert_true(s.id > 0);
	assert_int_equal(store_project_revision(st, p.id, &rev1), 0);
	assert_true(rev1 > rev0);
	assert_int_equal(store_setting_add(st, &s), STORE_CONFLICT);
	assert_int_equal(store_milestone_set(st, p.id, s.id, "live",
					     "2024-01-01"), 0);
	assert_int_equal(store_milestone_set(st, p.id, s.id, "live",
					     "2024-01-05"), 0);	/* replaces */
	assert_int_equal(store_milestone_set(st, p.id, s.id, "nope",
					     "2024-01-05"), STORE_NOTFOUND);
	assert_int_equal(store_milestone_set(st, p.id, s.id + 99, "live",
					     "2024-01-05"), STORE_NOTFOUND);
	assert_int_equal(store_milestone_events(st, p.id, &ev, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].date, "2024-01-05");
	store_milestone_events_free(ev, n);
	assert_int_equal(store_setting_tool_add(st, p.id, s.id, "paper folder"), 0);
	assert_int_equal(store_setting_tool_add(st, p.id, s.id, "paper folder"),
			 STORE_CONFLICT);
	assert_int_equal(store_setting_tools(st, p.id, s.id, &tools, &n), 0);
	assert_int_equal(n, 1);
	store_strings_free(tools, n);
	assert_int_equal(store_setting_tool_remove(st, p.id, s.id, "paper folder"), 0);
	assert_int_equal(store_setting_tool_remove(st, p.id, s.id, "paper folder"),
			 STORE_NOTFOUND);
	assert_int_equal(store_settings(st, p.id, &v, &n), 0);
	assert_int_equal(n, 1);
	store_settings_free(v, n);
	/* deleting the project takes everything with it */
	assert_int_equal(store_project_delete(st, p.id), 0);
	assert_int_equal(store_settings(st, p.id, &v, &n), 0);
	assert_int_equal(n, 0);
	free(v);
	store_setting_release(&s);
	project_release(&p);
	store_close(st);
	unlink(path);
}

/* The store's strings are not const; these are never written. */
#define M(s) ((char *)(uintptr_t)(s))

static void test_usage_by_hand(void **state)
{
	/* sorted by metric, month, as the store gives them */
	struct usage_figure v[] = {
		{ 1, M("active users"), M("2024-01"), 30, 40 },
		{ 2, M("active users"), M("2024-01"), 10, NAN },
		{ 3, M("active users"), M("2024-01"), 5, 10 },
		{ 1, M("active users"), M("2024-02"), 0, 40 },
		{ 1, M("records"), M("2024-01"), 7, NAN },
	};
	struct usage_month *m;
	size_t n;

	(void)state;
	track_usage(v, 5, &m, &n);
	assert_int_equal(n, 3);
	/* January: 30 + 10 + 5 = 45 from 3; eligible 40 + 10 = 50 from 2;
	 * share (30 + 5) / 50 = 0.7 */
	assert_string_equal(m[0].month, "2024-01");
	assert_true(fabs(m[0].total - 45) < EPS);
	assert_int_equal(m[0].settings, 3);
	assert_int_equal(m[0].with_eligible, 2);
	assert_true(fabs(m[0].eligible - 50) < EPS);
	assert_true(fabs(m[0].share - 0.7) < EPS);
	/* February: 0 / 40 = 0, a share all the same */
	assert_true(fabs(m[1].share - 0) < EPS);
	/* records: no eligible, no share */
	assert_string_equal(m[2].metric, "records");
	assert_int_equal(m[2].with_eligible, 0);
	assert_true(m[2].share < 0);
	free(m);
	track_usage(v, 0, &m, &n);
	assert_int_equal(n, 0);
	free(m);
}

static void test_usage_csv(void **state)
{
	const char good[] = "setting,metric,month,value,eligible\n"
			    "Alpha,active users,2024-01,3,4\n"
			    "Beta,active users,2024-01,3,\n";
	const char bad[] = "month,setting,metric,value,eligible\n"
			   "2024-13,Alpha,m,1,\n"	/* 2:1 month */
			   "2024-01,Nope,m,1,\n"	/* 3:9 setting */
			   "2024-01,Alpha,m,x,\n"	/* 4:17 value */
			   "2024-01,Alpha,m,5,4\n"	/* 5:19 eligible; 5:1 twice */
			   "2025-01,Alpha,m,1,\n"	/* 6:1 after this month */
			   "2024-02,Beta,m,1,0\n"	/* 7:18 eligible 0 */
			   "2024-02,Beta,m,1,\n";	/* 8:1 twice */
	struct usage_rows rows;
	struct diags d;

	(void)state;
	existing_init();
	diags_init(&d);
	assert_int_equal(usage_parse_csv("u.csv", good, strlen(good), existing,
					 2, "2024-12", &rows, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(rows.n, 2);
	assert_int_equal(rows.v[0].setting, 11);
	assert_true(fabs(rows.v[0].eligible - 4) < EPS);
	assert_true(isnan(rows.v[1].eligible));
	usage_rows_release(&rows);
	assert_int_equal(usage_parse_csv("u.csv", bad, strlen(bad), existing,
					 2, "2024-12", &rows, &d), 0);
	assert_true(has(&d, 2, 1, "month: '2024-13' is not a month"));
	assert_true(has(&d, 3, 9, "setting: the project has no setting 'Nope'"));
	assert_true(has(&d, 4, 17, "value: 'x' is not a number"));
	assert_true(has(&d, 5, 19, "eligible: 4 is below the value 5"));
	assert_true(has(&d, 6, 1, "month: '2025-01' is after this month"));
	assert_true(has(&d, 7, 18, "eligible: 0 must be above 0"));
	assert_true(has(&d, 8, 1, "is given already on line 7"));
	/* line 5 repeats line 4's setting, metric and month too */
	assert_true(has(&d, 5, 1, "2024-01 of 'm' for this setting is given "
			"already on line 4"));
	assert_int_equal(d.n, 8);
	usage_rows_release(&rows);
	diags_release(&d);
	for (int i = 0; i < 2; i++)
		store_setting_release(&existing[i]);
}

static void test_milestone_ids(void **state)
{
	struct strbuf err = STRBUF_INIT;

	(void)state;
	assert_int_equal(milestone_check_id("go-live-2", &err), 0);
	assert_int_equal(milestone_check_id("", &err), -1);
	assert_int_equal(milestone_check_id("2go", &err), -1);
	assert_int_equal(milestone_check_id("Go", &err), -1);
	assert_int_equal(milestone_check_id("go live", &err), -1);
	assert_int_equal(milestone_check_id("a-very-long-milestone-id-over-forty-chars",
					    &err), -1);
	sb_release(&err);
}

/* A setting named name, of type, under parent, added to project. */
static int64_t add(struct store *st, int64_t project, const char *name,
		   const char *type, const char *parent)
{
	struct strbuf err = STRBUF_INIT;
	struct setting s;
	int64_t id;

	setting_init(&s);
	s.project = project;
	assert_int_equal(setting_set(&s, "name", name, &err), 0);
	assert_int_equal(setting_set(&s, "type", type, &err), 0);
	assert_int_equal(setting_set(&s, "parent", parent, &err), 0);
	assert_int_equal(track_setting_add(st, &s, &err), 0);
	id = s.id;
	store_setting_release(&s);
	sb_release(&err);
	return id;
}

static void test_registry_rules(void **state)
{
	char path[] = "/tmp/waymark-registry-XXXXXX";
	struct strbuf err = STRBUF_INIT;
	struct store *st;
	struct project p;
	struct setting a, b, s;
	struct group *ms;
	struct track_data t;
	struct tool_count *tc;
	size_t n;
	int64_t org, site, team, removed;
	char *msg = NULL;
	int fd = mkstemp(path);

	(void)state;
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, &st, &msg), 0);
	project_init(&p, "r");
	assert_int_equal(store_project_add(st, &p), 0);
	org = add(st, p.id, "Org", "organisation", "");
	site = add(st, p.id, "Site", "site", "Org");
	team = add(st, p.id, "Team", "team", "Site");

	/* renaming the site carries the team along */
	assert_int_equal(track_setting_edit(st, p.id, site, &(struct setting_change){
		.name = "North site" }, &b, &a, &err), 0);
	assert_string_equal(b.name, "Site");
	assert_string_equal(a.name, "North site");
	store_setting_release(&a);
	store_setting_release(&b);
	assert_int_equal(store_setting_by_id(st, p.id, team, &s), 0);
	assert_string_equal(s.parent, "North site");
	store_setting_release(&s);
	/* Org under Team would go Org > Team > North site > Org */
	sb_reset(&err);
	assert_int_equal(track_setting_edit(st, p.id, org, &(struct setting_change){
		.parent = "Team" }, NULL, NULL, &err), TRACK_BAD);
	assert_non_null(strstr(err.buf, "circle"));
	sb_reset(&err);
	assert_int_equal(track_setting_edit(st, p.id, team, &(struct setting_change){
		.name = "Org" }, NULL, NULL, &err), TRACK_BAD);
	assert_non_null(strstr(err.buf, "name: the project has a setting 'Org'"));
	sb_reset(&err);
	assert_int_equal(track_setting_edit(st, p.id, 9999, &(struct setting_change){
		.name = "X" }, NULL, NULL, &err), STORE_NOTFOUND);
	/* a parent cannot go; a leaf can */
	sb_reset(&err);
	assert_int_equal(track_setting_remove(st, p.id, site, NULL, &err), TRACK_BAD);
	assert_non_null(strstr(err.buf, "'North site' is the parent of 'Team'"));

	/* tools: two settings use paper, one fax */
	assert_int_equal(store_setting_tool_add(st, p.id, team, "paper"), 0);
	assert_int_equal(store_setting_tool_add(st, p.id, site, "paper"), 0);
	assert_int_equal(store_setting_tool_add(st, p.id, site, "fax"), 0);
	assert_int_equal(track_load(st, p.id, &t), 0);
	track_tool_counts(&t, &tc, &n);
	assert_int_equal(n, 2);
	assert_string_equal(tc[0].tool, "paper");
	assert_int_equal(tc[0].settings, 2);
	assert_string_equal(tc[1].tool, "fax");
	assert_int_equal(tc[1].settings, 1);
	free(tc);
	/* North site (index 0 by name) has fax and paper */
	assert_string_equal(t.settings[0].name, "North site");
	assert_int_equal(t.tool_at[1] - t.tool_at[0], 2);
	track_data_release(&t);

	/* the milestones' list: add after trained, move, rename, remove */
	sb_reset(&err);
	assert_int_equal(track_milestone_add(st, p.id, "ready", "Ready",
					     "trained", &err), 0);
	assert_int_equal(track_milestone_add(st, p.id, "ready", "Again", NULL,
					     &err), TRACK_BAD);
	assert_int_equal(track_milestone_move(st, p.id, "live", NULL, &err), 0);
	assert_int_equal(track_milestone_rename(st, p.id, "live", "Went live",
						&err), 0);
	assert_int_equal(store_milestones(st, p.id, &ms, &n), 0);
	/* live, engaged, isa-signed, configured, trained, ready, routine-use */
	assert_int_equal(n, 7);
	assert_string_equal(ms[0].id, "live");
	assert_string_equal(ms[0].title, "Went live");
	assert_string_equal(ms[5].id, "ready");
	assert_string_equal(ms[6].id, "routine-use");
	store_groups_free(ms, n);
	assert_int_equal(store_milestone_set(st, p.id, team, "ready",
					     "2024-01-01"), 0);
	sb_reset(&err);
	assert_int_equal(track_milestone_remove(st, p.id, "ready", false,
						&removed, &err), TRACK_BAD);
	assert_int_equal(removed, 1);
	assert_int_equal(track_milestone_remove(st, p.id, "ready", true,
						&removed, &err), 0);
	assert_int_equal(track_milestone_remove(st, p.id, "ready", true,
						&removed, &err), STORE_NOTFOUND);
	/* removing the leaf takes its tools along */
	assert_int_equal(track_setting_remove(st, p.id, team, &s, &err), 0);
	assert_string_equal(s.name, "Team");
	store_setting_release(&s);
	assert_int_equal(track_load(st, p.id, &t), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.ntools, 2);
	track_data_release(&t);
	sb_release(&err);
	project_release(&p);
	store_close(st);
	unlink(path);
}

static void test_coverage_report_input(void **state)
{
	char path[] = "/tmp/waymark-report-XXXXXX";
	struct strbuf err = STRBUF_INIT;
	struct coverage_report r;
	struct store *st;
	struct project p;
	char *msg = NULL;
	int fd = mkstemp(path);
	struct coverage_query q = { .today = 19723 };	/* 2024-01-01 */

	(void)state;
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, &st, &msg), 0);
	project_init(&p, "q");
	assert_int_equal(store_project_add(st, &p), 0);
	/* no registry at all: one day, today, nothing reached */
	assert_int_equal(coverage_report_make(st, &p, &q, &r, &err), 0);
	assert_int_equal(r.c.npoints, 1);
	assert_string_equal(r.every, "month");
	coverage_report_release(&r);
	q.every = "day";
	assert_int_equal(coverage_report_make(st, &p, &q, &r, &err), TRACK_BAD);
	coverage_report_release(&r);
	q.every = NULL;
	q.milestone = "nope";
	sb_reset(&err);
	assert_int_equal(coverage_report_make(st, &p, &q, &r, &err),
			 STORE_NOTFOUND);
	assert_non_null(strstr(err.buf, "milestone:"));
	coverage_report_release(&r);
	q.milestone = NULL;
	q.from = "2024-02-01";	/* after today, the default 'to' */
	sb_reset(&err);
	assert_int_equal(coverage_report_make(st, &p, &q, &r, &err), TRACK_BAD);
	assert_non_null(strstr(err.buf, "from:"));
	coverage_report_release(&r);
	q.from = "2024-02-30";
	sb_reset(&err);
	assert_int_equal(coverage_report_make(st, &p, &q, &r, &err), TRACK_BAD);
	assert_non_null(strstr(err.buf, "from: '2024-02-30' is not a day"));
	coverage_report_release(&r);
	sb_release(&err);
	project_release(&p);
	store_close(st);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_date_steps),
		cmocka_unit_test(test_coverage_by_hand),
		cmocka_unit_test(test_coverage_population_rule),
		cmocka_unit_test(test_stalled),
		cmocka_unit_test(test_settings_csv),
		cmocka_unit_test(test_milestones_csv),
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_usage_by_hand),
		cmocka_unit_test(test_usage_csv),
		cmocka_unit_test(test_milestone_ids),
		cmocka_unit_test(test_registry_rules),
		cmocka_unit_test(test_coverage_report_input),
	};
	return cmocka_run_group_tests_name("track", tests, NULL, NULL);
}
