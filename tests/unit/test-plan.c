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
	plan_build(&kb, &p, &f.a, NULL, 0, &pl);
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
	plan_build(&kb, &p, &f.a, &done, 1, &pl);
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
	plan_build(&kb, &p, NULL, NULL, 0, &pl);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_barrier_score_and_order),
		cmocka_unit_test(test_conditions_ambivalence_and_done),
		cmocka_unit_test(test_no_assessment_means_unknown),
	};
	return cmocka_run_group_tests_name("plan", tests, setup, teardown);
}
