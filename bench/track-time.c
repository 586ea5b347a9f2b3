/*
 * track-time.c: the time track_load takes for the project 'bench' of the
 * store given (mean of 20 runs, beside the earlier way of reading the
 * days: every event copied, joined to the milestones for their order),
 * and track_coverage with track_stalled over three years weekly (mean
 * of 200).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "store/store.h"
#include "track/track.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	struct store *st;
	struct project p;
	struct track_data t;
	struct coverage c;
	struct stalled *sv;
	char *msg;
	int32_t *dates;
	size_t nd, ns, nn;
	double t0, t1, t2;
	const int runs = 200;

	if (argc != 2 || store_open(argv[1], &st, &msg) ||
	    store_project_get(st, "bench", &p))
		return 1;
	struct milestone_event *ev;
	size_t nev;
	double tj;
	const int loads = 20;

	t0 = now_ms();
	for (int i = 0; i < loads; i++) {
		if (store_milestone_events(st, p.id, &ev, &nev))
			return 1;
		store_milestone_events_free(ev, nev);
	}
	tj = (now_ms() - t0) / loads;
	t0 = now_ms();
	for (int i = 0; i < loads; i++) {
		if (track_load(st, p.id, &t))
			return 1;
		if (i + 1 < loads)
			track_data_release(&t);
	}
	t1 = now_ms();
	dates = track_dates(18993, 18993 + 3 * 365, false, &nd); /* 2022-01-01 */
	for (int i = 0; i < runs; i++) {
		track_coverage(t.ts, t.n, t.nmilestones, 4, p.settings, dates, nd, &c);
		track_stalled(t.ts, t.n, t.nmilestones, dates[nd - 1], 8, &sv, &ns, &nn);
		if (i + 1 < runs) {
			coverage_release(&c);
			free(sv);
		}
	}
	t2 = now_ms();
	printf("store_milestone_events (joined, copied): %zu rows: %.2f ms "
	       "(mean of %d)\n", nev, tj, loads);
	printf("track_load: %zu settings: %.2f ms (mean of %d)\n", t.n,
	       (t1 - t0) / loads, loads);
	printf("track_coverage + track_stalled: %zu dates: %.3f ms (mean of %d); "
	       "live at the end %zu, stalled %zu\n", nd, (t2 - t1) / runs, runs,
	       c.points[nd - 1].reached, ns);
	coverage_release(&c);
	free(sv);
	free(dates);
	track_data_release(&t);
	project_release(&p);
	store_close(st);
	return 0;
}
