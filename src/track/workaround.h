/*
 * workaround.h: the workaround and mismatch log: the rules for an
 * entry's fields, the harm and frequency scales, the risk matrix that
 * rates an entry from the two, the "fix first" list, the CSV import and
 * the JSON of an entry. The scales and the matrix are set out in full in
 * docs/tracking.md; the CLI and the web call these same functions.
 *
 * Fix first: the entries still open or being fixed, by risk rating, then
 * harm, then frequency (each highest first), then the day observed
 * (oldest first), then id (lowest first), so that the order never
 * depends on how the store returned them.
 */
#ifndef WM_TRACK_WORKAROUND_H
#define WM_TRACK_WORKAROUND_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/diag.h"
#include "store/store.h"

struct strbuf;

/* The levels of every scale run from 1 to WA_LEVELS. */
#define WA_LEVELS 5

/* NULL-terminated choices of kind and status. */
extern const char *const workaround_kinds[];
extern const char *const workaround_statuses[];
/* The names of the levels 1..5 (index 0 is level 1), NULL-terminated. */
extern const char *const harm_names[];
extern const char *const frequency_names[];
extern const char *const risk_names[];

/* Longest description and reporter, in bytes. */
#define WA_DESCRIPTION_MAX 2000
#define WA_REPORTER_MAX 200

/*
 * The risk rating (1 to 5) of harm and frequency (each 1 to 5) from the
 * matrix of docs/tracking.md; 0 if either is out of range.
 */
int workaround_risk(int64_t harm, int64_t frequency);
/* The name of a level of harm, frequency or risk, or "?" if out of range. */
const char *harm_name(int64_t level);
const char *frequency_name(int64_t level);
const char *risk_name(int64_t level);
/* What a risk rating asks of the programme (one sentence), or "". */
const char *risk_action(int64_t level);

/*
 * Parse a level of harm or frequency (field "harm" or "frequency"): a
 * number 1 to 5 or a level's name, in any case. Returns 0, or -1 with
 * the reason (naming field and the choices) in err.
 */
int workaround_level_parse(const char *field, const char *value,
			   int64_t *level, struct strbuf *err);

/* A new entry: kind workaround, status open, texts empty, levels 0. */
void workaround_init(struct workaround *w);
/*
 * Set field (kind, description, setting, harm, frequency, status,
 * observed, reporter) from text: setting is a setting's name ("" for
 * none) kept in setting_name until workaround_resolve; observed a real
 * day YYYY-MM-DD not after today. Returns 0, or -1 with the reason in
 * err (naming the field) and w unchanged.
 */
int workaround_set(struct workaround *w, const char *field,
		   const char *value, struct strbuf *err);
/*
 * Add to err (separated by "; ") a problem for each field a new entry
 * must have and lacks: description, harm, frequency, observed, reporter.
 * Returns how many.
 */
size_t workaround_missing(const struct workaround *w, struct strbuf *err);
/*
 * Find w->setting_name among the project's settings and set w->setting
 * (0 for ""). Returns 0; 1 with the reason in err if there is no such
 * setting; -1 if the store failed (store_error says why).
 */
int workaround_resolve(struct store *st, struct workaround *w,
		       struct strbuf *err);

/* Which entries a listing shows; NULL or 0 for any. */
struct workaround_filter {
	const char *kind, *status, *setting;	/* setting: its name */
	int64_t min_risk;
};
bool workaround_matches(const struct workaround *w,
			const struct workaround_filter *f);
/*
 * Check a filter's values (kind, status one of theirs, min_risk 0 to 5);
 * 0, or -1 with the reason in err.
 */
int workaround_filter_check(const struct workaround_filter *f,
			    struct strbuf *err);

/* True for an entry still open or being fixed. */
bool workaround_is_open(const struct workaround *w);
/*
 * The fix-first list of v: the indexes of the open and fixing entries in
 * order (see above) written to order (room for n). Returns how many.
 */
size_t workaround_fix_first(const struct workaround *v, size_t n,
			    size_t *order);

/* An entry as JSON (docs/json.md), with its risk rating and level names. */
json_t *workaround_json(const struct workaround *w);

/* Entries read from CSV; line[i] is where row i starts. */
struct workaround_rows {
	struct workaround *v;
	int *line;
	size_t n;
};
/*
 * Parse CSV with a header naming description, harm, frequency, observed
 * and reporter (required) and kind, setting and status (optional),
 * checking each value by the field rules, the setting against settings
 * (the project's, sorted by name as store_settings gives them; ids are
 * set), and that no entry repeats one earlier in the file or existing
 * (the same description, setting and day observed). Each problem goes to
 * d at file:line:column of its field, the field named. rows is always
 * filled (release it). Returns 0 if the file could be read as a whole,
 * -1 if not; either way the import may go on only if d is empty.
 */
int workarounds_parse_csv(const char *file, const char *data, size_t len,
			  const struct setting *settings, size_t nsettings,
			  const struct workaround *existing, size_t nexisting,
			  struct workaround_rows *rows, struct diags *d);
void workaround_rows_release(struct workaround_rows *rows);

/*
 * The demo project's log: six entries of mixed risk observed in 2025, at
 * the demo's wards where they exist. 0, or -1 (store_error says why).
 */
int demo_workaround(struct store *st, int64_t project);

#endif
