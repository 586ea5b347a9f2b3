/*
 * test-plan.c: the road map's rules (docs/roadmap.md) on a small set of
 * actions of our own and an assessment built by hand. Expected scores are
 * worked out here from the documented formula.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "assess/project.h"
#include "kb/kb.h"
#include "lib/embed.h"
#include "lib/strbuf.h"
#include "plan/plan.h"
#include "store/store.h"

/* Six actions on two determinants; sources from one or two documents. */
static const char fixture[] =
	"actions:\n"
	"  - {id: act.t-resourcing, title: Fund it, summary: S, step: implement,\n"
	"     owner: o, determinants: [resourcing],\n"
	"     sources: [streams-2022.barrier.byod-mdm]}\n"
	"  - {id: act.t-first, title: Do first, summary: S, step: implement,\n"
	"     owner: o, determinants: [resourcing], for: [barrier],\n"
	"     sources: [streams-2022.barrier.byod-mdm]}\n"
	"  - {id: act.t-second, title: Then, summary: S, step: implement,\n"
	"     owner: o, determinants: [resourcing], after: [act.t-first],\n"
	"     sources: [streams-2022.barrier.byod-mdm,\n"
	"               nhsd-mobile-toolkit.step.vision]}\n"
	"  - {id: act.t-byod, title: Policy, summary: S, step: vision, owner: o,\n"
	"     determinants: [devices-security], when: [byod], for: [always],\n"
	"     sources: [streams-2022.barrier.byod-mdm]}\n"
	"  - {id: act.t-keep, title: Keep it up, summary: S, step: optimise,\n"
	"     owner: o, determinants: [leadership], for: [enabler],\n"
	"     sources: [streams-2022.barrier.byod-mdm]}\n"
	"  - {id: act.t-dispute, title: Hear all, summary: S, step: strategy,\n"
	"     owner: o, determinants: [leadership], for: [ambivalent],\n"
	"     checkpoint: nhsd-mobile-toolkit.checkpoint.strategy-strategy-agreed,\n"
	"     sources: [streams-2022.barrier.byod-mdm]}\n";

static struct kb kb;

static int setup(void **state)
{
	struct diags d;

	(void)state;
	kb_init(&kb);
	diags_init(&d);
	/* the shipped evidence, but only the fixture's actions */
	for (size_t i = 0; i < kb_builtin_nfiles; i++) {
		const struct embedded *f = &kb_builtin_files[i];
		if (strstr(f->name, "actions"))
			continue;
		if (kb_load_buffer(&kb, f->name, (const char *)f->data, f->len, &d))
			return -1;
	}
	if (kb_load_buffer(&kb, "fixture.yaml", fixture, strlen(fixture), &d) ||
	    kb_finish(&kb, &d)) {
		diags_print(&d, stderr);
		return -1;
	}
	diags_release(&d);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_release(&kb);
	return 0;
}

/* An assessment that scored two determinants: leadership and resourcing. */
struct fake {
	struct assessment a;
	struct score_cell cells[2];
	bool amb[2];
	char *dets[2], *titles[2];
};

static void fake(struct fake *f, double lead, bool lead_amb, double res)
{
	static char lead_id[] = "leadership", res_id[] = "resourcing";
	static char lead_title[] = "Leadership and governance";
	static char res_title[] = "Resourcing and dedicated roles";

	memset(f, 0, sizeof(*f));
	f->dets[0] = lead_id;
	f->dets[1] = res_id;
	f->titles[0] = lead_title;
	f->titles[1] = res_title;
	f->cells[0] = (struct score_cell){ .n = 20, .mean = lead,
		.cls = lead >= 3.5 ? CLASS_ENABLER : lead <= 2.5 ? CLASS_BARRIER :
		CLASS_MIXED };
	f->cells[1] = (struct score_cell){ .n = 20, .mean = res,
		.cls = res >= 3.5 ? CLASS_ENABLER : res <= 2.5 ? CLASS_BARRIER :
		CLASS_MIXED };
	f->amb[0] = lead_amb;
	f->a.round = 1;
	f->a.ndets = 2;
	f->a.dets = f->dets;
	f->a.det_titles = f->titles;
	f->a.score.overall = f->cells;
	f->a.score.ambivalent = f->amb;
}

static const struct plan_item *find(const struct plan *pl, const char *id,
				    size_t *pos)
{
	for (size_t i = 0; i < pl->n; i++)
		if (!strcmp(pl->items[i].action->id.s, id)) {
			if (pos)
				*pos = i;
			return &pl->items[i];
		}
	return NULL;
}

static void project(struct project *p, const char *devices)
{
	struct strbuf err = STRBUF_INIT;

	project_init(p, "t");
	assert_int_equal(project_set(p, "devices", devices, &err), 0);
	sb_release(&err);
}

static void test_barrier_score_and_order(void **state)
{
	struct project p;
	struct fake f;
	struct plan pl;
	const struct plan_item *it;
	size_t first, second;

	(void)state;
	project(&p, "organisation-owned");
	fake(&f, 4.0, false, 2.0);
	plan_build(&kb, &p, &f.a, NULL, 0, NULL, 0, &pl);
	/* barrier at mean 2.0: 3 + 2 x (3 - 2) = 5; one document: + 0.25 */
	it = find(&pl, "act.t-resourcing", NULL);
	assert_non_null(it);
	assert_true(fabs(it->score - 5.25) < 1e-9);
	assert_string_equal(it->triggers[0].state, "barrier");
	assert_string_equal(it->triggers[0].determinant, "resourcing");
	/* two documents: 5 + 0.5 = 5.5, higher than act.t-first (5.25),
	 * yet it comes after it, as its 'after' says */
	assert_true(fabs(find(&pl, "act.t-second", &second)->score - 5.5) < 1e-9);
	assert_non_null(find(&pl, "act.t-first", &first));
	assert_true(first < second);
	/* enabler leadership: the reinforcing action is there at 0.5 + 0.25 */
	it = find(&pl, "act.t-keep", NULL);
	assert_non_null(it);
	assert_true(fabs(it->score - 0.75) < 1e-9);
	/* no byod, no ambivalence: those actions stay out */
	assert_null(find(&pl, "act.t-byod", NULL));
	assert_null(find(&pl, "act.t-dispute", NULL));
	plan_release(&pl);
	project_release(&p);
}

static void test_conditions_ambivalence_and_done(void **state)
{
	struct project p;
	struct fake f;
	struct plan pl;
	const struct plan_item *it;
	static char cp[] = "nhsd-mobile-toolkit.checkpoint.strategy-strategy-agreed";
	static char by[] = "board", at[] = "2026-01-01T00:00:00Z", note[] = "";
	struct checkpoint_done done = { cp, by, at, note };

	(void)state;
	project(&p, "byod");
	fake(&f, 3.0, true, 4.0);
	plan_build(&kb, &p, &f.a, &done, 1, NULL, 0, &pl);
	/* a condition alone: 3 + 0.25 */
	it = find(&pl, "act.t-byod", NULL);
	assert_non_null(it);
	assert_true(fabs(it->score - 3.25) < 1e-9);
	assert_null(it->triggers[0].determinant);
	/* ambivalent: 3.5 + 0.25, then done: x 0.25 = 0.9375, shown as 0.94 */
	it = find(&pl, "act.t-dispute", NULL);
	assert_non_null(it);
	assert_true(it->done);
	assert_true(fabs(it->score - 0.94) < 1e-9);
	/* resourcing is an enabler now: the barrier actions are gone */
	assert_null(find(&pl, "act.t-resourcing", NULL));
	/* steps in order: vision before strategy */
	{
		size_t a, b;
		find(&pl, "act.t-byod", &a);
		find(&pl, "act.t-dispute", &b);
		assert_true(a < b);
	}
	plan_release(&pl);
	project_release(&p);
}

static void test_no_assessment_means_unknown(void **state)
{
	struct project p;
	struct plan pl;
	const struct plan_item *it;

	(void)state;
	project(&p, "mixed");
	plan_build(&kb, &p, NULL, NULL, 0, NULL, 0, &pl);
	it = find(&pl, "act.t-resourcing", NULL);
	assert_non_null(it);
	assert_string_equal(it->triggers[0].state, "unknown");
	/* unknown: 1 + 0.25 */
	assert_true(fabs(it->score - 1.25) < 1e-9);
	/* act.t-first answers barriers only */
	assert_null(find(&pl, "act.t-first", NULL));
	plan_release(&pl);
	project_release(&p);
}

/* Observations as the store gives them (only what the road map reads). */
static void observation(struct observation *o, int64_t id, const char *kind,
			int severity, const char *status, char **dets,
			size_t ndets, const char *date, const char *text)
{
	memset(o, 0, sizeof(*o));
	o->id = id;
	o->kind = (char *)kind;
	o->severity = severity;
	o->status = (char *)status;
	o->determinants = dets;
	o->ndeterminants = ndets;
	o->observed = (char *)date;
	o->text = (char *)text;
}

static void test_logged_barriers(void **state)
{
	static char res[] = "resourcing", skills[] = "skills-training";
	static char lead[] = "leadership";
	char *two[] = { res, skills }, *one[] = { res }, *ld[] = { lead };
	struct observation obs[5];
	struct plan_logged *logged;
	struct project p;
	struct fake f;
	struct plan pl;
	const struct plan_item *it;
	struct strbuf sb = STRBUF_INIT;
	size_t n, first, second;

	(void)state;
	observation(&obs[0], 7, "barrier", 4, "open", two, 2, "2025-03-04",
		    "Nurses cannot be released for training");
	observation(&obs[1], 9, "ambivalent", 2, "in-hand", ld, 1,
		    "2025-04-01", "Some sponsors back the app, others doubt it");
	observation(&obs[2], 10, "barrier", 5, "closed", one, 1, "2025-04-02",
		    "Closed: counts for nothing");
	observation(&obs[3], 11, "enabler", 5, "open", one, 1, "2025-04-03",
		    "An enabler: counts for nothing here");
	observation(&obs[4], 12, "barrier", 2, "in-hand", one, 1, "2025-05-06",
		    "The rota has no slack for go-live week, and the bank staff "
		    "budget is spent");
	/* 7 on two determinants, 9 and 12 on one each; 10 and 11 drop out */
	n = plan_logged_from(obs, 5, &logged);
	assert_int_equal(n, 4);
	assert_int_equal(logged[0].id, 7);
	assert_string_equal(logged[1].determinant, "skills-training");
	assert_int_equal(logged[2].id, 9);
	assert_int_equal(logged[3].id, 12);

	project(&p, "organisation-owned");
	/* leadership an enabler (4.0), resourcing mixed (3.0) */
	fake(&f, 4.0, false, 3.0);
	plan_build(&kb, &p, &f.a, NULL, 0, logged, n, &pl);
	free(logged);

	/*
	 * act.t-resourcing: mixed (2), logged 7 (1 + 4 = 5), logged 12
	 * (1 + 2 = 3): 5 + 0.5 x 2 + 0.25 x 1 document = 6.25
	 */
	it = find(&pl, "act.t-resourcing", NULL);
	assert_non_null(it);
	assert_true(fabs(it->score - 6.25) < 1e-9);
	assert_int_equal(it->ntriggers, 3);
	assert_string_equal(it->triggers[0].state, "logged");
	assert_int_equal(it->triggers[0].logged->id, 7);
	assert_true(fabs(it->triggers[0].severity - 5.0) < 1e-9);
	assert_int_equal(it->triggers[1].logged->id, 12);
	assert_string_equal(it->triggers[2].state, "mixed");
	plan_trigger_words(&it->triggers[0], &sb);
	assert_string_equal(sb.buf, "logged barrier: Resourcing and dedicated "
			    "roles (log entry 7 of 2025-03-04, severity 4 of 5: "
			    "Nurses cannot be released for training)");
	sb_reset(&sb);
	/* the quote stops at 60 bytes */
	plan_trigger_words(&it->triggers[1], &sb);
	assert_non_null(strstr(sb.buf, "severity 2 of 5: The rota has no slack "
			       "for go-live week, and the bank staff b...)"));
	/* act.t-first answers barriers only: the survey's 'mixed' would not
	 * bring it, the log does: 5 + 0.5 + 0.25 = 5.75 */
	it = find(&pl, "act.t-first", &first);
	assert_non_null(it);
	assert_true(fabs(it->score - 5.75) < 1e-9);
	/* act.t-second: 5 + 0.5 x 2 + 0.25 x 2 documents = 6.5, after first */
	assert_true(fabs(find(&pl, "act.t-second", &second)->score - 6.5) < 1e-9);
	assert_true(first < second);
	/* act.t-dispute answers disagreement: logged 9 gives 1 + 2 = 3,
	 * + 0.25 = 3.25 */
	it = find(&pl, "act.t-dispute", NULL);
	assert_non_null(it);
	assert_true(fabs(it->score - 3.25) < 1e-9);
	assert_int_equal(it->triggers[0].logged->id, 9);
	/* act.t-keep answers enablers only: still 0.5 + 0.25 */
	assert_true(fabs(find(&pl, "act.t-keep", NULL)->score - 0.75) < 1e-9);
	/* the logged barriers are open in the implement step */
	{
		struct plan_open *open;
		size_t no = plan_still_open(&pl, (size_t)kb_step_index("implement"),
					    &open);
		/* resourcing: 7 and 12; first: 7 and 12; second: 7 and 12 */
		assert_int_equal(no, 6);
		free(open);
	}
	plan_release(&pl);
	project_release(&p);
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_barrier_score_and_order),
		cmocka_unit_test(test_conditions_ambivalence_and_done),
		cmocka_unit_test(test_no_assessment_means_unknown),
		cmocka_unit_test(test_logged_barriers),
	};
	return cmocka_run_group_tests_name("plan", tests, setup, teardown);
}
