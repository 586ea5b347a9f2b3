/*
 * roadmap-time.c: how long plan_build takes for a project with a full
 * assessment (every determinant scored, some barriers, one ambivalent,
 * some checkpoints done), averaged over many runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assess/assessment.h"
#include "assess/project.h"
#include "kb/kb.h"
#include "lib/strbuf.h"
#include "plan/plan.h"
#include "store/store.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 2000;
	struct kb kb;
	struct diags d;
	struct assessment a;
	struct project p;
	struct strbuf err = STRBUF_INIT;
	struct score_cell *cells;
	bool *amb;
	double t0, best = 1e9, total = 0;
	size_t n = 0;

	kb_init(&kb);
	diags_init(&d);
	if (kb_load_builtin(&kb, &d) || kb_finish(&kb, &d))
		return 1;
	project_init(&p, "bench");
	project_set(&p, "devices", "byod", &err);
	project_set(&p, "partners", "industry", &err);
	project_set(&p, "settings", "300", &err);
	project_set(&p, "platforms", "single", &err);
	memset(&a, 0, sizeof(a));
	a.round = 1;
	a.ndets = kb.ndeterminants;
	a.dets = calloc(a.ndets, sizeof(*a.dets));
	a.det_titles = calloc(a.ndets, sizeof(*a.det_titles));
	cells = calloc(a.ndets, sizeof(*cells));
	amb = calloc(a.ndets, sizeof(*amb));
	for (size_t i = 0; i < a.ndets; i++) {
		a.dets[i] = kb.determinants[i].id.s;
		a.det_titles[i] = kb.determinants[i].title.s;
		cells[i].n = 200;
		cells[i].mean = 1.5 + (double)(i % 7) * 0.5;
		cells[i].cls = cells[i].mean <= 2.5 ? CLASS_BARRIER :
			       cells[i].mean >= 3.5 ? CLASS_ENABLER : CLASS_MIXED;
		amb[i] = i == 4;
	}
	a.score.overall = cells;
	a.score.ambivalent = amb;
	for (int r = 0; r < runs; r++) {
		struct plan pl;
		double dt;
		t0 = now();
		plan_build(&kb, &p, &a, NULL, 0, &pl);
		dt = now() - t0;
		total += dt;
		if (dt < best)
			best = dt;
		n = pl.n;
		plan_release(&pl);
	}
	printf("plan_build: %zu actions selected of %zu; mean %.3f ms, best "
	       "%.3f ms over %d runs\n", n, kb.nactions, total / runs * 1e3,
	       best * 1e3, runs);
	return 0;
}
