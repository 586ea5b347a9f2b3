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
};
/* Load it all; 0, or -1 with the store's error. Release t either way. */
int track_load(struct store *st, int64_t project, struct track_data *t);
void track_data_release(struct track_data *t);
/* Position of milestone id in t's list, or -1. */
long track_milestone_index(const struct track_data *t, const char *id);

#endif
