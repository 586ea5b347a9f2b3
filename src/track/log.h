/*
 * log.h: the barrier and enabler log: the rules for an observation's
 * fields, its CSV import, the determinants its words suggest, and the
 * demo project's entries. The CLI and the web call the same functions.
 *
 * Fields (docs/tracking.md, "Barrier and enabler log"):
 *  - date: the day it was observed, YYYY-MM-DD, not after today;
 *  - reporter: who reported it (required, one line);
 *  - text: what was seen (required);
 *  - kind: barrier, enabler or ambivalent (helps some, hinders others);
 *  - severity: 1 to 5, how much it weighs on the rollout (log_severity);
 *  - status: open, in-hand (someone is acting on it) or closed;
 *  - setting: a setting of the project, or none;
 *  - determinants, actions: ids of the evidence base's determinants and
 *    road-map actions, separated by commas, semicolons or spaces.
 *
 * Suggestions (log_suggest): each word of the text, common words aside,
 * is stemmed as the evidence search does. A determinant scores 3 for
 * each such word found in its title and 1 for each found among the
 * titles, keywords and summaries of the evidence elements filed under
 * it. A word found under more than half of the determinants tells them
 * apart too little and counts for nothing. Determinants scoring 2 or
 * more are suggested, best first (then in the crosswalk's order), at
 * most LOG_SUGGEST_MAX, each with the words that matched.
 */
#ifndef WM_TRACK_LOG_H
#define WM_TRACK_LOG_H

#include <jansson.h>
#include <stdint.h>

#include "lib/diag.h"
#include "store/store.h"

struct kb;
struct kb_determinant;
struct strbuf;

/* The kinds and statuses, NULL-terminated. */
extern const char *const log_kinds[];
extern const char *const log_statuses[];
/* What each severity means: log_severity[1] to log_severity[5]. */
extern const char *const log_severity[];

#define LOG_TEXT_MAX 4000	/* bytes of text */
#define LOG_REPORTER_MAX 200

/*
 * The fields by name, in this order everywhere: options, form fields and
 * CSV columns.
 */
enum {
	LOG_DATE, LOG_REPORTER, LOG_TEXT, LOG_KIND, LOG_SEVERITY, LOG_STATUS,
	LOG_SETTING, LOG_DETERMINANTS, LOG_ACTIONS, LOG_NFIELDS
};
extern const char *const log_fields[];

/* A new observation: open, a barrier of severity 3, every text empty. */
void observation_init(struct observation *o);
/*
 * Set field (date, reporter, text, kind, severity, status, determinants
 * or actions) from text, checking it; determinants and actions must be
 * ids of kb and given once each, and the date not after today (days
 * since 1970, see track.h). Returns 0, or -1 with the reason in err
 * (naming the field) and o unchanged.
 */
int observation_set(const struct kb *kb, struct observation *o,
		    const char *field, const char *value, int32_t today,
		    struct strbuf *err);
/*
 * Set o's setting by name ("" for none). Returns 0; 1 if the project has
 * no such setting (the reason in err); -1 if the store failed.
 */
int observation_set_setting(struct store *st, struct observation *o,
			    const char *name, struct strbuf *err);
/*
 * Check that what must be given was: the date, the reporter and the
 * text. Returns 0, or -1 with the first missing field named in err.
 */
int observation_check(const struct observation *o, struct strbuf *err);
/*
 * Set each field whose value is not NULL (values[LOG_DATE] and so on),
 * the setting by name through st, then check the whole. Returns 0; 1 if
 * a value was bad (the reason in err, o partly changed); -1 if the
 * store failed.
 */
int observation_apply(const struct kb *kb, struct store *st,
		      struct observation *o, const char *const *values,
		      int32_t today, struct strbuf *err);

/* --- suggestions --- */

#define LOG_SUGGEST_MAX 5
#define LOG_SUGGEST_MIN 0.5	/* the least score suggested */
#define LOG_W_TITLE 2.0		/* a word in the determinant's title */
#define LOG_SHARE_MIN 0.2	/* the least share of a word's uses that counts */

struct log_suggestion {
	const struct kb_determinant *det;
	double score;		/* rounded to two decimals */
	char **words;		/* the text's words that matched, in its order */
	size_t nwords;
};
/*
 * The determinants the words of text suggest (see above). Returns the
 * count; *out is allocated, free it with log_suggestions_free.
 */
size_t log_suggest(const struct kb *kb, const char *text,
		   struct log_suggestion **out);
void log_suggestions_free(struct log_suggestion *v, size_t n);

/* --- import --- */

/* Observations read from CSV, each with where its record starts. */
struct observation_rows {
	struct observation *v;
	size_t n;
};
/*
 * Parse CSV with a header naming date, reporter, text and kind
 * (required) and severity, status, setting, determinants and actions
 * (optional; an empty severity or status keeps its default), each
 * value checked as observation_set does and settings
 * against the project's (sorted by name, as store_settings gives
 * them). Each problem goes to d at file:line:column of its field, the
 * field named. rows is always filled (release it). Returns 0 if the
 * file could be read as a whole, -1 if not; either way the import may
 * go on only if d is empty.
 */
int observations_parse_csv(const struct kb *kb, const char *file,
			   const char *data, size_t len,
			   const struct setting *settings, size_t nsettings,
			   int32_t today, struct observation_rows *rows,
			   struct diags *d);
void observation_rows_release(struct observation_rows *rows);

/* --- JSON and demo --- */

/* An observation as JSON (docs/json.md); a new reference. */
json_t *observation_json(const struct observation *o);
/* Suggestions as JSON (docs/json.md); a new reference. */
json_t *log_suggestions_json(const struct log_suggestion *v, size_t n);

/* The demo project's log: six observations of 2025. 0 or -1. */
int demo_log(struct store *st, int64_t project);

#endif
