/* rollout.h: what the rollout pages and the tracking API share. */
#ifndef WM_WEB_ROLLOUT_H
#define WM_WEB_ROLLOUT_H

#include "track/track.h"
#include "web.h"

/*
 * Fill q from the query fields milestone, from, to and every (empty
 * ones count as absent). Returns 0, or -1 after answering 400 if one is
 * not UTF-8.
 */
int rollout_query(struct req *r, struct coverage_query *q);

/*
 * Record that setting s reached milestone on date (YYYY-MM-DD, not after
 * today). Returns 0 with *before and *after (the milestone's day before
 * and after, for the audit; release them); TRACK_BAD with the reason in
 * err ("milestone: ..." or about the date); -1 if the store failed.
 */
int registry_milestone_set(struct req *r, const struct setting *s,
			   const char *milestone, const char *date,
			   struct strbuf *err, json_t **before, json_t **after);

#endif
