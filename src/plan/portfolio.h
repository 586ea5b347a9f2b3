/*
 * portfolio.h: many projects side by side, one row each, for a region or
 * a programme: phase and step, the gate out of the current step, rollout
 * coverage, the top barriers, the latest round's responses and the last
 * change. The page, the API and 'waymark portfolio' build their rows
 * here.
 *
 * Rules of a row (docs/json.md, "portfolio"):
 *  - gate: ready when every checkpoint of the current step is ticked,
 *    else how many are still open (gate_build).
 *  - coverage: the share of settings that reached the milestone 'live',
 *    or the project's last milestone if it has no 'live', on the day
 *    given (track_coverage); none when the registry is empty.
 *  - barriers: the latest round's barrier determinants by rising mean,
 *    at most PORTFOLIO_TOP; and the log's barriers not closed.
 *  - changed: the later of the project's own stamp and its newest audit
 *    record.
 */
#ifndef WM_PORTFOLIO_H
#define WM_PORTFOLIO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kb;
struct store;
struct project;

#define PORTFOLIO_TOP 3

struct portfolio_barrier {
	const char *determinant;	/* the evidence base's id */
	const char *title;
	double mean;
};

struct portfolio_row {
	char *name, *title, *step;
	const char *phase;
	size_t checkpoints, open;	/* of the gate; ready when open == 0 */
	bool registry;		/* false: no setting registered */
	char *milestone;	/* the milestone counted (NULL without registry) */
	double coverage;	/* 0..1, or -1 without registry */
	size_t reached, population;
	struct portfolio_barrier top[PORTFOLIO_TOP];
	size_t ntop;
	size_t logged;		/* the log's barriers open or in hand */
	int64_t round, responses;	/* the latest round; 0 and 0 if none */
	char *changed;		/* ISO 8601 UTC */
	char **owned;		/* texts top[] points to */
	size_t nowned;
};

struct portfolio {
	struct portfolio_row *v;
	size_t n;
};

/*
 * The sort keys, NULL-terminated: name, title, step (in the steps'
 * order), gate, coverage, barriers (the lowest barrier mean), logged,
 * responses, changed.
 */
extern const char *const portfolio_keys[];
/* Index of key in portfolio_keys, or -1. */
int portfolio_key_index(const char *key);

/*
 * The rows of the n projects v (as the store lists them) on day today
 * (days since 1970, track.h). Returns 0, or -1 with the store's error;
 * release pf either way.
 */
int portfolio_load(const struct kb *kb, struct store *st,
		   const struct project *v, size_t n, int32_t today,
		   struct portfolio *pf);
void portfolio_release(struct portfolio *pf);

/*
 * Order the rows by key (an index into portfolio_keys), ascending or
 * descending; ties go by name, always ascending. Coverage sorts a
 * project without registry below every share; gate sorts by open
 * checkpoints (a ready gate has none); barriers by the lowest barrier
 * mean, a project without barriers above every mean.
 */
void portfolio_sort(struct portfolio *pf, int key, bool desc);

/* {sort, dir, projects: [...]} (docs/json.md). A new reference. */
json_t *portfolio_json(const struct portfolio *pf, int key, bool desc);

#endif
