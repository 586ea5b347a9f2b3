/*
 * test-log.c: the barrier and enabler log: the rules for its fields,
 * determinant suggestions (on a small evidence base of our own, scores
 * worked out here by hand, and on the shipped one), the CSV import's
 * checks, and the store.
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

#include "kb/kb.h"
#include "lib/strbuf.h"
#include "store/store.h"
#include "track/log.h"
#include "track/track.h"

/*
 * Three determinants and eight elements. Words of the text below:
 * nurses, training, time, staff, shortages, rota, ward ("get", "no",
 * "because", "of", "on", "the" are common words and skipped).
 */
static const char fixture[] =
	"kinds:\n"
	"  - {id: factor, title: Factor}\n"
	"determinants:\n"
	"  - {id: resourcing, title: Resourcing and dedicated roles,\n"
	"     summary: Money and people.}\n"
	"  - {id: skills-training, title: Skills and training,\n"
	"     summary: Learning the system.}\n"
	"  - {id: leadership, title: Leadership and governance,\n"
	"     summary: Sponsors decide.}\n";
static const char fixture_fw[] =
	"framework: {id: fx, title: Fixture, citation: Ours}\n"
	"elements:\n"
	"  - {id: fx.factor.e1, kind: factor, title: Backfill for rota gaps,\n"
	"     summary: Pay locum cover on the ward., source: s,\n"
	"     determinants: [resourcing]}\n"
	"  - {id: fx.factor.e2, kind: factor, title: Protected training time,\n"
	"     summary: Release staff from the rota., source: s,\n"
	"     determinants: [skills-training, resourcing]}\n"
	"  - {id: fx.factor.e3, kind: factor, title: Staff shortages,\n"
	"     summary: Too few nurses., source: s, determinants: [resourcing]}\n"
	"  - {id: fx.factor.e4, kind: factor, title: Board sponsor,\n"
	"     summary: A named sponsor on the ward., source: s,\n"
	"     determinants: [leadership]}\n"
	"  - {id: fx.factor.e5, kind: factor, title: Ward governance,\n"
	"     summary: Managers decide., source: s, determinants: [leadership]}\n"
	"  - {id: fx.factor.e6, kind: factor, title: Ward rounds,\n"
	"     summary: Sponsors visit., source: s, determinants: [leadership]}\n"
	"  - {id: fx.factor.e7, kind: factor, title: Ward walks,\n"
	"     summary: Leaders listen., source: s, determinants: [leadership]}\n"
	"  - {id: fx.factor.e8, kind: factor, title: Ward boards,\n"
	"     summary: Results shown., source: s, determinants: [leadership]}\n";

static struct kb fx, shipped;

static int setup(void **state)
{
	struct diags d;

	(void)state;
	kb_init(&fx);
	kb_init(&shipped);
	diags_init(&d);
	if (kb_load_buffer(&fx, "crosswalk.yaml", fixture, strlen(fixture), &d) ||
	    kb_load_buffer(&fx, "fixture.yaml", fixture_fw, strlen(fixture_fw),
			   &d) || kb_finish(&fx, &d) || kb_load_builtin(&shipped, &d) ||
	    kb_finish(&shipped, &d)) {
		diags_print(&d, stderr);
		return -1;
	}
	diags_release(&d);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_release(&fx);
	kb_release(&shipped);
	return 0;
}

static void assert_words(const struct log_suggestion *s, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < s->nwords; i++)
		sb_addf(&sb, "%s%s", i ? " " : "", s->words[i]);
	assert_string_equal(sb.buf, want);
	sb_release(&sb);
}

static void test_suggest_by_hand(void **state)
{
	struct log_suggestion *v;
	size_t n;

	(void)state;
	n = log_suggest(&fx, "Nurses get no training time because of staff "
			"shortages on the rota of the ward", &v);
	/*
	 * Uses of each word (an element's title, keywords or summary; each
	 * determinant's summary counts as one more element):
	 *   nurses     e3                  1: resourcing 1
	 *   training   e2                  1: skills 1, resourcing 1
	 *   time       e2                  1: skills 1, resourcing 1
	 *   staff      e2, e3              2: resourcing 2, skills 1
	 *   shortages  e3                  1: resourcing 1
	 *   rota       e1, e2              2: resourcing 2, skills 1
	 *   ward       e1, e4, e5, e6, e7, e8   6: resourcing 1, leadership 5
	 * resourcing: 1 + 1 + 1 + 2/2 + 1 + 2/2 = 6; ward is 1/6 of its
	 *   uses, under the least share of 0.2, so it does not count.
	 * skills-training: title "training" 2, then 1 + 1 + 1/2 + 1/2 = 5.
	 * leadership: ward 5/6 = 0.83 (over 0.5: suggested).
	 */
	assert_int_equal(n, 3);
	assert_string_equal(v[0].det->id.s, "resourcing");
	assert_true(fabs(v[0].score - 6.0) < 1e-9);
	assert_words(&v[0], "nurses training time staff shortages rota");
	assert_string_equal(v[1].det->id.s, "skills-training");
	assert_true(fabs(v[1].score - 5.0) < 1e-9);
	assert_words(&v[1], "training time staff rota");
	assert_string_equal(v[2].det->id.s, "leadership");
	assert_true(fabs(v[2].score - 0.83) < 1e-9);
	assert_words(&v[2], "ward");
	log_suggestions_free(v, n);

	/* stems: "governing" meets "governance" in a title (2), and e5 */
	n = log_suggest(&fx, "Governing", &v);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].det->id.s, "leadership");
	assert_true(fabs(v[0].score - 3.0) < 1e-9);
	assert_words(&v[0], "governing");
	log_suggestions_free(v, n);

	/* common words and numbers alone suggest nothing */
	n = log_suggest(&fx, "it could not be done on 12 of them", &v);
	assert_int_equal(n, 0);
	log_suggestions_free(v, n);
}

static void test_suggest_shipped(void **state)
{
	struct log_suggestion *v;
	size_t n;
	bool staff = false, training = false;

	(void)state;
	n = log_suggest(&shipped, "Ward nurses could not get time away for "
			"training because of staff shortages", &v);
	/* a text about training time and staff shortages: skills and
	 * training first (its title has "training"), then resourcing */
	assert_true(n >= 2);
	assert_string_equal(v[0].det->id.s, "skills-training");
	assert_string_equal(v[1].det->id.s, "resourcing");
	for (size_t i = 0; i < v[1].nwords; i++) {
		staff |= !strcmp(v[1].words[i], "staff");
		training |= !strcmp(v[1].words[i], "training");
	}
	assert_true(staff && training);
	for (size_t i = 1; i < n; i++)
		assert_true(v[i - 1].score >= v[i].score);
	log_suggestions_free(v, n);

	n = log_suggest(&shipped, "Information governance sign-off for the "
			"sharing agreement is late", &v);
	assert_true(n >= 1);
	assert_string_equal(v[0].det->id.s, "information-governance");
	log_suggestions_free(v, n);
}

static void test_fields(void **state)
{
	struct observation o;
	struct strbuf err = STRBUF_INIT;
	int32_t today;

	(void)state;
	assert_int_equal(track_date_parse("2025-06-30", &today, &err), 0);
	observation_init(&o);
	assert_string_equal(o.kind, "barrier");
	assert_int_equal(o.severity, 3);
	assert_string_equal(o.status, "open");
	/* nothing given yet */
	assert_int_equal(observation_check(&o, &err), -1);
	assert_string_equal(err.buf, "date: must be given");
	sb_reset(&err);

#define BAD(field, value, msg) do { \
		assert_int_equal(observation_set(&shipped, &o, field, value, \
						 today, &err), -1); \
		assert_non_null(strstr(err.buf, msg)); \
		sb_reset(&err); \
	} while (0)
#define GOOD(field, value) \
	assert_int_equal(observation_set(&shipped, &o, field, value, today, \
					 &err), 0)

	GOOD("date", "2025-06-30");
	assert_string_equal(o.observed, "2025-06-30");
	BAD("date", "2025-07-01", "date: '2025-07-01' is after today");
	BAD("date", "2025-02-30", "date: ");
	BAD("date", "30/06/2025", "YYYY-MM-DD");
	assert_string_equal(o.observed, "2025-06-30");
	BAD("reporter", " ", "reporter: must not be empty");
	BAD("reporter", "a\nb", "reporter: must be on one line");
	GOOD("reporter", "Ann");
	BAD("text", "", "text: must not be empty");
	BAD("text", "bell\a", "text: control character");
	GOOD("text", "Staff shortages");
	BAD("kind", "risk", "kind: 'risk' is not one of barrier, enabler or "
	    "ambivalent");
	GOOD("kind", "ambivalent");
	BAD("status", "done", "status: 'done' is not one of open, in-hand or "
	    "closed");
	GOOD("status", "in-hand");
	BAD("severity", "0", "severity: '0' is not a whole number from 1 to 5");
	BAD("severity", "6", "severity");
	BAD("severity", "3.5", "severity");
	BAD("severity", "", "severity");
	GOOD("severity", "5");
	assert_int_equal(o.severity, 5);
	GOOD("determinants", "skills-training, resourcing");
	assert_int_equal(o.ndeterminants, 2);
	assert_string_equal(o.determinants[0], "resourcing");	/* sorted */
	BAD("determinants", "resourcing staffing", "determinants: 'staffing' is "
	    "not a determinant of the evidence base");
	BAD("determinants", "resourcing;resourcing", "determinants: "
	    "'resourcing' is given twice");
	assert_int_equal(o.ndeterminants, 2);	/* unchanged */
	GOOD("actions", "act.skills-plan");
	BAD("actions", "act.nope", "actions: 'act.nope' is not an action");
	BAD("actions", "resourcing", "not an action");
	assert_int_equal(o.nactions, 1);
	GOOD("actions", "");
	assert_int_equal(o.nactions, 0);
	BAD("colour", "red", "colour: not a field");
	assert_int_equal(observation_check(&o, &err), 0);
	store_observation_release(&o);
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
	char alpha[] = "Ward 3", beta[] = "Ward 12";
	struct setting settings[2] = {
		{ .id = 12, .name = beta }, { .id = 11, .name = alpha },
	};	/* sorted by name: "Ward 12" < "Ward 3" */
	const char good[] = "date,reporter,text,kind,severity,setting,"
			    "determinants\n"
			    "2025-01-02,Ann,Short of staff,barrier,4,Ward 3,"
			    "\"resourcing,skills-training\"\n"
			    "2025-01-03,Bo,Champions help,enabler,,,\n";
	const char bad[] = "date,reporter,text,kind,severity,status,setting,"
			   "determinants,actions\n"
			   "2025-13-01,Ann,T,barrier,3,open,,,\n"	/* 2:1 */
			   "2025-01-02,,T,barrier,3,open,,,\n"	/* 3:12 */
			   "2025-01-02,Ann,T,risk,3,open,,,\n"	/* 4:18 */
			   "2025-01-02,Ann,T,barrier,9,open,,,\n"	/* 5:26 */
			   "2025-01-02,Ann,T,barrier,3,shut,,,\n"	/* 6:28 */
			   "2025-01-02,Ann,T,barrier,3,open,Ward 9,,\n" /* 7:33 */
			   "2025-01-02,Ann,T,barrier,3,open,,nope,\n"	/* 8:34 */
			   "2025-01-02,Ann,T,barrier,3,open,,,act.x\n"	/* 9:35 */
			   "2030-01-02,Ann,T,barrier,3,open,,,\n"	/* 10:1 */
			   "2025-01-02,Ann,T\n";			/* 11:1 */
	struct observation_rows rows;
	struct diags d;
	struct strbuf err = STRBUF_INIT;
	int32_t today;

	(void)state;
	assert_int_equal(track_date_parse("2025-06-30", &today, &err), 0);
	diags_init(&d);
	assert_int_equal(observations_parse_csv(&shipped, "l.csv", good,
			 strlen(good), settings, 2, today, &rows, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(rows.n, 2);
	assert_int_equal(rows.v[0].severity, 4);
	assert_int_equal(rows.v[0].setting, 11);
	assert_int_equal(rows.v[0].ndeterminants, 2);
	/* an empty optional field keeps the default */
	assert_int_equal(rows.v[1].severity, 3);
	assert_string_equal(rows.v[1].status, "open");
	assert_int_equal(rows.v[1].setting, 0);
	observation_rows_release(&rows);

	assert_int_equal(observations_parse_csv(&shipped, "l.csv", bad,
			 strlen(bad), settings, 2, today, &rows, &d), 0);
	assert_true(has(&d, 2, 1, "date: "));
	assert_true(has(&d, 3, 12, "reporter: must not be empty"));
	assert_true(has(&d, 4, 18, "kind: 'risk'"));
	assert_true(has(&d, 5, 26, "severity: '9'"));
	assert_true(has(&d, 6, 28, "status: 'shut'"));
	assert_true(has(&d, 7, 33, "setting: the project has no setting "
			"'Ward 9'"));
	assert_true(has(&d, 8, 34, "determinants: 'nope'"));
	assert_true(has(&d, 9, 35, "actions: 'act.x'"));
	assert_true(has(&d, 10, 1, "date: '2030-01-02' is after today"));
	assert_true(has(&d, 11, 1, "expected 9 fields"));
	assert_int_equal(d.n, 10);
	observation_rows_release(&rows);
	diags_release(&d);

	/* a required column missing stops the reading */
	diags_init(&d);
	assert_int_equal(observations_parse_csv(&shipped, "l.csv",
			 "date,reporter,text\n2025-01-02,A,T\n", 33, settings, 2,
			 today, &rows, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].where, "kind");
	observation_rows_release(&rows);
	diags_release(&d);
	sb_release(&err);
}

static void test_store(void **state)
{
	char path[] = "/tmp/waymark-log-XXXXXX";
	char *msg = NULL;
	struct store *st;
	struct project p;
	struct setting s;
	struct observation o, got, *v;
	struct strbuf err = STRBUF_INIT;
	int64_t rev0, rev1;
	size_t n;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, &st, &msg), 0);
	project_init(&p, "t");
	assert_int_equal(store_project_add(st, &p), 0);
	setting_init(&s);
	s.project = p.id;
	assert_int_equal(setting_set(&s, "name", "Ward 3", &err), 0);
	assert_int_equal(setting_set(&s, "type", "team", &err), 0);
	assert_int_equal(store_setting_add(st, &s), 0);

	observation_init(&o);
	o.project = p.id;
	assert_int_equal(observation_set(&shipped, &o, "date", "2025-03-04",
					 track_today(), &err), 0);
	assert_int_equal(observation_set(&shipped, &o, "reporter", "Ann",
					 track_today(), &err), 0);
	assert_int_equal(observation_set(&shipped, &o, "text", "Short of staff",
					 track_today(), &err), 0);
	assert_int_equal(observation_set(&shipped, &o, "determinants",
					 "skills-training resourcing",
					 track_today(), &err), 0);
	assert_int_equal(observation_set_setting(st, &o, "Ward 3", &err), 0);
	assert_int_equal(o.setting, s.id);
	assert_int_equal(observation_set_setting(st, &o, "Ward 9", &err), 1);
	assert_non_null(strstr(err.buf, "no setting 'Ward 9'"));
	sb_reset(&err);
	assert_int_equal(store_project_revision(st, p.id, &rev0), 0);
	assert_int_equal(store_observation_add(st, &o), 0);
	assert_true(o.id > 0);
	assert_int_equal(store_project_revision(st, p.id, &rev1), 0);
	assert_true(rev1 > rev0);

	assert_int_equal(store_observation_get(st, p.id, o.id, &got), 0);
	assert_string_equal(got.setting_name, "Ward 3");
	assert_int_equal(got.ndeterminants, 2);
	assert_string_equal(got.determinants[1], "skills-training");
	assert_int_equal(got.nactions, 0);
	store_observation_release(&got);
	assert_int_equal(store_observation_get(st, p.id + 1, o.id, &got),
			 STORE_NOTFOUND);

	/* a second, closed enabler, later: listed first */
	{
		struct observation o2;
		observation_init(&o2);
		o2.project = p.id;
		free(o2.observed);
		o2.observed = strdup("2025-05-01");
		free(o2.kind);
		o2.kind = strdup("enabler");
		free(o2.status);
		o2.status = strdup("closed");
		o2.setting = 999;	/* not a setting of the project */
		assert_int_equal(store_observation_add(st, &o2), STORE_NOTFOUND);
		o2.setting = 0;
		assert_int_equal(store_observation_add(st, &o2), 0);
		store_observation_release(&o2);
	}
	assert_int_equal(store_observations(st, p.id, NULL, NULL, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].observed, "2025-05-01");
	assert_null(v[0].setting_name);
	assert_int_equal(v[1].ndeterminants, 2);
	store_observations_free(v, n);
	assert_int_equal(store_observations(st, p.id, "open", "barrier", &v, &n), 0);
	assert_int_equal(n, 1);
	store_observations_free(v, n);
	assert_int_equal(store_observations(st, p.id, NULL, "ambivalent", &v,
					    &n), 0);
	assert_int_equal(n, 0);
	store_observations_free(v, n);

	/* update replaces the lists */
	assert_int_equal(observation_set(&shipped, &o, "determinants",
					 "leadership", track_today(), &err), 0);
	assert_int_equal(observation_set(&shipped, &o, "actions",
					 "act.skills-plan", track_today(), &err), 0);
	assert_int_equal(observation_set_setting(st, &o, "", &err), 0);
	assert_int_equal(store_observation_update(st, &o), 0);
	assert_int_equal(store_observation_get(st, p.id, o.id, &got), 0);
	assert_int_equal(got.ndeterminants, 1);
	assert_string_equal(got.determinants[0], "leadership");
	assert_string_equal(got.actions[0], "act.skills-plan");
	assert_null(got.setting_name);
	store_observation_release(&got);
	assert_int_equal(store_project_revision(st, p.id, &rev0), 0);
	assert_true(rev0 > rev1);

	assert_int_equal(store_observation_delete(st, p.id, o.id), 0);
	assert_int_equal(store_observation_delete(st, p.id, o.id), STORE_NOTFOUND);
	assert_int_equal(store_observation_get(st, p.id, o.id, &got),
			 STORE_NOTFOUND);
	o.id = 12345;
	assert_int_equal(store_observation_update(st, &o), STORE_NOTFOUND);

	store_observation_release(&o);
	store_setting_release(&s);
	project_release(&p);
	store_close(st);
	unlink(path);
	sb_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest_by_hand),
		cmocka_unit_test(test_suggest_shipped),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_store),
	};
	return cmocka_run_group_tests_name("log", tests, setup, teardown);
}
