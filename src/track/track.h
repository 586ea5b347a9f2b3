/*
 * track.h: rollout tracking: the rules for a setting's fields, days,
 * the CSV imports of settings and of milestones reached, and coverage
 * over time. The CLI and the web call the same functions.
 *
 * Coverage rules (docs/waymark.1, 'waymark coverage'):
 *  - A setting has reached milestone M by day D if it reached M, or any
 *    milestone after M in the project's order, on or before D (a setting
 *    recorded as live counts as engaged even if nobody wrote that down).
 *  - The share overall is the settings that reached M over the
 *    population: the project's 'settings' figure (how many must take
 *    part) if it is larger than the registry, else the registry's size.
 *    Settings not yet registered count as not reached.
 *  - The share by type is over the registered settings of that type
 *    (the project's figure says nothing of types).
 *  - A setting is stalled on day D if it has reached some milestone but
 *    not the last, and reached none in the N weeks up to D (its latest
 *    day is on or before D - 7N). Settings with no milestone at all are
 *    counted apart as not started.
 */
#ifndef WM_TRACK_H
#define WM_TRACK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/diag.h"
#include "store/store.h"

struct strbuf;

/* The setting types, NULL-terminated, and how many there are. */
extern const char *const setting_types[];
#define TRACK_NTYPES 3
/* Index of type in setting_types, or -1. */
int setting_type_index(const char *type);

/* Longest name, parent, IT system or tool, in bytes. */
#define TRACK_TEXT_MAX 200

/* A setting with every text empty. */
void setting_init(struct setting *s);
/*
 * Set field (name, type, parent, it_system) from text. Returns 0, or -1
 * with the reason in err (naming the field) and s unchanged.
 */
int setting_set(struct setting *s, const char *field, const char *value,
		struct strbuf *err);

/* Days since 1970-01-01. */
#define TRACK_NEVER INT32_MAX
/*
 * Parse a day written exactly YYYY-MM-DD (years 1900 to 9999) that
 * exists in the calendar. Returns 0, or -1 with the reason in err.
 */
int track_date_parse(const char *s, int32_t *days, struct strbuf *err);
/* Write days as YYYY-MM-DD into out (11 bytes). */
void track_date_format(int32_t days, char out[11]);
/* Today (UTC). */
int32_t track_today(void);
/*
 * The days from 'from' to 'to' stepping by a week or by a month (the
 * same day of the month, or the month's last day), with 'to' itself
 * added at the end if the steps miss it. Allocated; *n set.
 */
int32_t *track_dates(int32_t from, int32_t to, bool monthly, size_t *n);

/* --- imports --- */

struct track_pos {
	int line, col;
};
/* Settings read from CSV; pos[i * 4 + c]: where row i's column c starts. */
struct setting_rows {
	struct setting *v;
	struct track_pos *pos;
	size_t n, alloc, pos_alloc;
};
/*
 * Parse CSV with a header naming name and type (required) and parent
 * and it_system (optional), checking every value and, against the
 * project's settings existing (sorted by name, as store_settings gives
 * them): names given twice in the file or already in the project,
 * parents that are neither in the project nor in the file, a setting
 * its own parent or parents going round in a circle. Each problem goes
 * to d at file:line:column of its field, the field named. rows is
 * always filled (release it). Returns 0 if the file could be read as a
 * whole, -1 if not; either way the import may go on only if d is empty.
 */
int settings_parse_csv(const char *file, const char *data, size_t len,
		       const struct setting *existing, size_t nexisting,
		       struct setting_rows *rows, struct diags *d);
void setting_rows_release(struct setting_rows *rows);

/* Milestones reached, read from CSV (columns setting, milestone, date). */
struct milestone_rows {
	struct milestone_event *v;	/* setting is the setting's id */
	size_t n, alloc;
};
/*
 * Parse CSV with a header naming setting, milestone and date, checking:
 * the setting is one of settings (sorted by name), the milestone one of
 * milestones, the date a real day written YYYY-MM-DD and not after
 * today, and no setting and milestone pair given twice. Returns as
 * settings_parse_csv.
 */
int milestones_parse_csv(const char *file, const char *data, size_t len,
			 const struct setting *settings, size_t nsettings,
			 const struct group *milestones, size_t nmilestones,
			 int32_t today, struct milestone_rows *rows,
			 struct diags *d);
void milestone_rows_release(struct milestone_rows *rows);

/* Find name among v (sorted by name): its index, or -1. */
long setting_find(const struct setting *v, size_t n, const char *name);

/* --- coverage --- */

/* What coverage needs to know of one setting. */
struct track_setting {
	int type;		/* index in setting_types */
	/* the day each milestone (by position) was reached, or TRACK_NEVER */
	const int32_t *reached;
};

struct coverage_point {
	int32_t date;
	size_t reached;		/* settings that had reached the milestone */
	double share;		/* reached / population (0 if that is 0) */
	size_t type_reached[TRACK_NTYPES];
	double type_share[TRACK_NTYPES];	/* -1 if no setting of the type */
};

struct coverage {
	size_t population;	/* the denominator of share */
	size_t registered;	/* settings in the registry */
	size_t type_total[TRACK_NTYPES];
	struct coverage_point *points;	/* one per date asked */
	size_t npoints;
};

/* max(required, registered), required < 0 counting as 0. */
size_t track_population(int64_t required, size_t registered);
/*
 * Coverage of milestone (a position < nmilestones) among the n settings
 * on each of the ndates days. out is the caller's to release with
 * coverage_release.
 */
void track_coverage(const struct track_setting *v, size_t n,
		    size_t nmilestones, size_t milestone, int64_t required,
		    const int32_t *dates, size_t ndates, struct coverage *out);
void coverage_release(struct coverage *c);

struct stalled {
	size_t setting;		/* index in the settings given */
	size_t milestone;	/* the furthest milestone reached by the day */
	int32_t since;		/* the latest day any milestone was reached */
};
/*
 * The settings stalled on day asof (see the rules above) in the order
 * given, and how many have not started. *out is allocated.
 */
void track_stalled(const struct track_setting *v, size_t n,
		   size_t nmilestones, int32_t asof, int weeks,
		   struct stalled **out, size_t *nout, size_t *not_started);

/* A project's registry, milestones and days reached, for reports. */
struct track_data {
	struct setting *settings;	/* by name */
	size_t n;
	struct group *milestones;	/* in order */
	size_t nmilestones;
	int32_t *reached;	/* [i * nmilestones + k], or TRACK_NEVER */
	struct track_setting *ts;	/* one per setting, pointing into reached */
	int32_t first, last;	/* earliest and latest day recorded, or TRACK_NEVER */
	struct setting_tool *tools;	/* by setting id, then tool */
	size_t ntools;
	size_t *tool_at;	/* setting i's tools: tools[tool_at[i] .. tool_at[i + 1]] */
};
/* Load it all; 0, or -1 with the store's error. Release t either way. */
int track_load(struct store *st, int64_t project, struct track_data *t);
void track_data_release(struct track_data *t);
/* Position of milestone id in t's list, or -1. */
long track_milestone_index(const struct track_data *t, const char *id);

/* --- editing the registry and the milestones --- */

/*
 * The domain functions below return 0; TRACK_BAD with the reason in err
 * (naming the field or saying what to do); STORE_NOTFOUND when the
 * setting or milestone named does not exist (err says which); or -1
 * when the store failed (store_error).
 */
enum { TRACK_BAD = 3 };

/* Longest milestone id, in bytes. */
#define TRACK_ID_MAX 40
/*
 * A milestone id: 1 to TRACK_ID_MAX lower-case ASCII letters, digits and
 * '-', starting with a letter. Returns 0, or -1 with the reason in err.
 */
int milestone_check_id(const char *id, struct strbuf *err);
/* Add milestone id (title) at the end, or just after milestone 'after'. */
int track_milestone_add(struct store *st, int64_t project, const char *id,
			const char *title, const char *after,
			struct strbuf *err);
int track_milestone_rename(struct store *st, int64_t project, const char *id,
			   const char *title, struct strbuf *err);
/* Move milestone id just after 'after', or first if after is NULL. */
int track_milestone_move(struct store *st, int64_t project, const char *id,
			 const char *after, struct strbuf *err);
/*
 * Move milestone id one place earlier (step < 0) or later (step > 0);
 * TRACK_BAD if it is first or last already.
 */
int track_milestone_shift(struct store *st, int64_t project, const char *id,
			  int step, struct strbuf *err);
/*
 * Remove milestone id. Refused (TRACK_BAD) if settings reached it,
 * unless force, which removes those records too (*removed says how
 * many), or if it is the project's last milestone.
 */
int track_milestone_remove(struct store *st, int64_t project, const char *id,
			   bool force, int64_t *removed, struct strbuf *err);

/* Changes to a setting: a NULL field is left as it is. */
struct setting_change {
	const char *name, *type, *parent, *it_system;
	int64_t version;	/* the version the editor read; 0: as stored */
};
/*
 * Change setting id of project: each field through setting_set, then
 * the registry's rules: the name not taken by another setting, the
 * parent an existing setting other than itself, and no circle of
 * parents. Renaming carries the setting's children along. On success
 * *before and *after (if not NULL) get the setting as it was and is
 * (release them); on failure they are zeroed. STORE_STALE (with *before
 * the setting as stored) when c->version is not the stored one.
 */
int track_setting_edit(struct store *st, int64_t project, int64_t id,
		       const struct setting_change *c, struct setting *before,
		       struct setting *after, struct strbuf *err);
/*
 * Check s, a new setting, against the registry (name free, parent
 * there), then add it. As track_setting_edit.
 */
int track_setting_add(struct store *st, struct setting *s,
		      struct strbuf *err);
/*
 * Delete setting id, refused (TRACK_BAD) while other settings name it
 * as their parent. *gone (if not NULL) gets what was deleted.
 */
int track_setting_remove(struct store *st, int64_t project, int64_t id,
			 struct setting *gone, struct strbuf *err);
/* Check a tool's name (one line of text, at most TRACK_TEXT_MAX bytes). */
int tool_check(const char *tool, struct strbuf *err);

/* A tool and how many settings use it. */
struct tool_count {
	const char *tool;	/* points into the track_data */
	size_t settings;
};
/* The tools in use, most used first, then by name. *out is allocated. */
void track_tool_counts(const struct track_data *t, struct tool_count **out,
		       size_t *n);

/* --- the coverage report, as the CLI and the API give it --- */

struct coverage_query {
	const char *milestone;	/* NULL: live, or the last milestone */
	const char *from, *to;	/* YYYY-MM-DD; NULL: first day recorded, today */
	const char *every;	/* "week" or "month"; NULL: month */
	long weeks;		/* stalled after; 0: 8 */
	int32_t today;
};
struct coverage_report {
	struct track_data t;
	size_t milestone;	/* position in t.milestones */
	const char *every;
	int32_t from, to;
	long weeks;
	struct coverage c;
	struct stalled *stalled;
	size_t nstalled, not_started;
	struct tool_count *tools;
	size_t ntools;
};
/*
 * Load and compute the report of project p for q. Returns 0; TRACK_BAD
 * (a bad date, every or weeks) or STORE_NOTFOUND (no such milestone)
 * with err naming the parameter; -1 if the store failed. Release rep
 * whatever the result.
 */
int coverage_report_make(struct store *st, const struct project *p,
			 const struct coverage_query *q,
			 struct coverage_report *rep, struct strbuf *err);
void coverage_report_release(struct coverage_report *rep);

/* --- usage figures (depth of use) --- */

/* Longest metric name, in bytes. */
#define TRACK_METRIC_MAX 60
/* Figures read from CSV (columns setting, metric, month, value, eligible). */
struct usage_rows {
	struct usage_figure *v;
	size_t n;
};
/*
 * Parse CSV with a header naming setting, metric, month and value
 * (required) and eligible (optional), checking: the setting is one of
 * settings (sorted by name); the metric a line of text; the month a real
 * month written YYYY-MM and not after this_month; value a number >= 0;
 * eligible empty or a number > 0 and not below value; no setting,
 * metric and month given twice. Returns as settings_parse_csv.
 */
int usage_parse_csv(const char *file, const char *data, size_t len,
		    const struct setting *settings, size_t nsettings,
		    const char *this_month, struct usage_rows *rows,
		    struct diags *d);
void usage_rows_release(struct usage_rows *rows);
/* The month of day as YYYY-MM (8 bytes). */
void track_month_format(int32_t day, char out[8]);
/* Check a month written YYYY-MM; 0, or -1 with the reason in err. */
int track_month_parse(const char *s, struct strbuf *err);

/* One metric in one month, over the settings reporting it. */
struct usage_month {
	const char *metric;	/* points into the figures given */
	const char *month;
	double total;		/* sum of values */
	size_t settings;	/* settings reporting */
	size_t with_eligible;	/* of those, how many gave eligible */
	double eligible;	/* sum of eligible over those */
	double share;		/* their values over eligible, or -1 */
};
/*
 * Sum figures (sorted by metric then month, as store_usage_figures gives
 * them) per metric and month. *out is allocated.
 */
void track_usage(const struct usage_figure *v, size_t n,
		 struct usage_month **out, size_t *nout);

/* --- JSON (docs/json.md) --- */

/* Setting i of t with its milestones reached and its tools. */
json_t *track_setting_json(const struct track_data *t, size_t i);
/* A setting as stored (for the audit log). */
json_t *setting_json(const struct setting *s);
/* The report as 'waymark coverage --json' prints it. */
json_t *coverage_json(const struct project *p, const struct coverage_report *r);
/* The months as 'waymark usage --json' prints them. */
json_t *usage_json(const struct project *p, const char *metric,
		   const struct usage_month *v, size_t n);

/* --- the demo project --- */

/*
 * Give the demo project a registry: a trust, its sites and teams with
 * the days they reached milestones over 2024 and 2025, the tools some
 * still use, and monthly usage figures. Fixed data. 0 or -1.
 */
int demo_track(struct store *st, int64_t project);

/* --- CSV imports, the same for the CLI and the web (import.c) --- */

struct kb;
struct import_ctx;
/* One kind of record a CSV file can bring into a project. */
struct import_kind {
	const char *name;	/* "settings": the API's and the form's word */
	const char *title;	/* "Settings (the registry)" */
	const char *page;	/* the project page that shows them */
	const char *verb;	/* "imported" or "recorded" */
	const char *one, *many;	/* "setting", "settings" */
	const char *prep;	/* "into" or "in" the project */
	const char *columns;	/* the columns a file may have, in order */
	int (*run)(struct import_ctx *c);
};
/* Every kind, ended by a NULL name; and the one named, or NULL. */
extern const struct import_kind import_kinds[];
const struct import_kind *import_kind_find(const char *name);
/*
 * Import CSV data (named file in the problems) of kind into project:
 * read what the checks need, parse and check every record, and store
 * them only if nothing was wrong (the caller holds the transaction).
 * Returns 0 with *rows set; TRACK_BAD with every problem in d and
 * nothing stored; or -1 when the store failed (store_error), perhaps
 * after storing some records: roll back. kb is needed for the log.
 */
int track_import(struct store *st, const struct kb *kb, int64_t project,
		 const struct import_kind *kind, const char *file,
		 const char *data, size_t len, int32_t today, size_t *rows,
		 struct diags *d);

#endif
