/*
 * money.h: benefits against their targets, and the cost model by year
 * with its break-even in a low, an expected and a high case. The rules
 * for each field and each figure are here and in docs/tracking.md
 * ("Benefits", "Cost model and break-even"); the CLI and the web call
 * the same functions.
 *
 * Progress of a benefit (benefit_progress):
 *  - Its share of the way is (latest - baseline) / (target - baseline),
 *    latest being the value measured on the latest day. It is 0 at the
 *    baseline and 1 at the target whichever way the target lies, so a
 *    target below its baseline (fewer falls, shorter waits) works the
 *    same. A share below 0 means it moved away from the target.
 *  - The expected share on a day is where a straight line from
 *    (baseline date, 0) to (target date, 1) stands that day, held at 0
 *    before the baseline date and at 1 after the target date.
 *  - The status is "met" when the share is at least 1, "on-track" when
 *    it is at least the expected share on the latest measurement's day,
 *    else "behind"; "no-data" before any measurement.
 *
 * Cost model (money_model), programme years 1 to horizon:
 *  - A one-off item counts its amount in start_year and again every
 *    refresh years after (refresh 0: only once), in each such year up to
 *    end_year (0: the horizon) and the horizon. Devices on a 3-year
 *    refresh from year 1 in a 7-year horizon: years 1, 4 and 7.
 *  - A recurring item counts every year from start_year to end_year (or
 *    the horizon). With ramp R > 0 it reaches full value linearly: its
 *    k-th year counts k / R of the amount while k < R, in full after.
 *  - The cases are scenarios. The low (pessimistic) case takes every
 *    cost at its high amount and every benefit at its low one; the
 *    expected case every expected amount; the high (optimistic) case
 *    every cost at its low amount and every benefit at its high one.
 *    Net = benefits - costs; the cumulative figures add up from year 1.
 *  - Break-even is the first year from which the cumulative net is at
 *    least 0 in every year to the horizon, with some benefit counted by
 *    then; none within the horizon otherwise (0).
 */
#ifndef WM_MONEY_H
#define WM_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "lib/diag.h"
#include "store/store.h"

struct strbuf;

/* Longest name, metric, unit, owner, category or note, in bytes. */
#define MONEY_TEXT_MAX 200
/* Largest amount or value, either sign. */
#define MONEY_MAX 1e12
/* Below this a cumulative net counts as 0 (sums of decimals are inexact). */
#define MONEY_EPS 1e-6
/* The longest horizon and the latest programme year. */
#define MONEY_YEARS 30

/* The three cases, in order; NULL-terminated. */
enum { MONEY_LOW, MONEY_EXPECTED, MONEY_HIGH, MONEY_NCASES };
extern const char *const money_cases[];
/* What each case assumes, in a phrase, by case. */
extern const char *const money_case_notes[];
/* Index of name in money_cases, or -1. */
int money_case_index(const char *name);

/* Choices, NULL-terminated. */
extern const char *const benefit_schedules[];	/* monthly, quarterly, yearly */
extern const char *const cost_flows[];		/* cost, benefit */
extern const char *const cost_kinds[];		/* one-off, recurring */

/*
 * Parse a plain decimal number ("12", "-3.5", "0.25"; no exponent, no
 * thousands separator) within [lo, hi]. Returns 0, or -1 with "field:
 * why" in err.
 */
int money_number(const char *field, const char *v, double lo, double hi,
		 double *out, struct strbuf *err);

/* --- benefits --- */

/* The fields benefit_set knows, in the order forms show them. */
extern const char *const benefit_fields[];
/* A benefit with empty texts and dates, quarterly, not cash-releasing. */
void benefit_init(struct benefit *b);
/*
 * Set field (name, metric, unit, owner, baseline, baseline_date, target,
 * target_date, schedule, cash_releasing) from text. Dates are YYYY-MM-DD;
 * cash_releasing is yes or no. Returns 0, or -1 with "field: why" in err
 * and b unchanged.
 */
int benefit_set(struct benefit *b, const char *field, const char *value,
		struct strbuf *err);
/*
 * Check the fields together: name, metric, unit and both dates given,
 * the target differs from the baseline and its date comes after the
 * baseline's. Returns NULL, or the field at fault with why in err.
 */
const char *benefit_check(const struct benefit *b, struct strbuf *err);

enum benefit_status {
	BENEFIT_NO_DATA, BENEFIT_BEHIND, BENEFIT_ON_TRACK, BENEFIT_MET
};
/* "no-data", "behind", "on-track", "met", by status. */
extern const char *const benefit_statuses[];

struct benefit_progress {
	size_t n;		/* measurements */
	int32_t latest_day;	/* the latest measurement's day (TRACK_NEVER: none) */
	double latest;		/* its value (NAN: none) */
	double share;		/* of the way from baseline to target (NAN: none) */
	double expected;	/* the straight line's share that day (NAN: none) */
	enum benefit_status status;
};
/* b's progress from its n measurements v (any order); see the rules above. */
void benefit_progress(const struct benefit *b, const struct benefit_measure *v,
		      size_t n, struct benefit_progress *out);

/* --- the cost model --- */

/* The fields cost_item_set knows, in the order forms and CSV use them. */
extern const char *const cost_item_fields[];
/* A one-off cost from year 1 with every text empty and amounts 0. */
void cost_item_init(struct cost_item *c);
/*
 * Set field (name, flow, category, kind, start_year, end_year, refresh,
 * ramp, low, expected, high) from text; end_year, refresh and ramp
 * take "" or "none" for none. Returns 0, or -1 with "field: why" in err and c
 * unchanged. (The benefit link is by id; callers find it by name.)
 */
int cost_item_set(struct cost_item *c, const char *field, const char *value,
		  struct strbuf *err);
/*
 * Check the fields together: name and category given, end_year not
 * before start_year, low <= expected <= high, refresh only for a
 * one-off and ramp only for a recurring item. Returns NULL, or the
 * field at fault with why in err.
 */
const char *cost_item_check(const struct cost_item *c, struct strbuf *err);
/*
 * c's amount a year in case k: in MONEY_LOW a cost's high amount and a
 * benefit's low one, in MONEY_HIGH a cost's low amount and a benefit's
 * high one, in MONEY_EXPECTED its expected amount.
 */
double cost_item_case(const struct cost_item *c, int k);
/* c's amount in case k in programme year y of a model of horizon years. */
double cost_item_amount(const struct cost_item *c, int k, int64_t y,
			int64_t horizon);

struct money_year {
	int64_t year;		/* the calendar year */
	double cost, benefit, net;
	double cum_cost, cum_benefit, cum_net;
};

struct money_case {
	struct money_year *years;	/* horizon of them, year 1 first */
	double total_cost, total_benefit;
	int64_t breakeven;	/* the programme year, or 0: not within the horizon */
};

/* What one category of one flow comes to over the horizon. */
struct money_category {
	const char *flow, *category;	/* borrowed from the items */
	double total[MONEY_NCASES];
};

struct money_model {
	int64_t first_year, horizon;
	struct money_case cases[MONEY_NCASES];
	struct money_category *cats;	/* costs first, then by category */
	size_t ncats;
};

/*
 * The model of the n items v over horizon years from first_year (the
 * rules above). out borrows v's texts; release it with
 * money_model_release.
 */
void money_model(int64_t first_year, int64_t horizon,
		 const struct cost_item *v, size_t n, struct money_model *out);
void money_model_release(struct money_model *m);

/* --- CSV imports (every problem at file:line:column, field named) --- */

/* Measurements read from CSV. */
struct measure_rows {
	struct benefit_measure *v;	/* benefit is the benefit's id */
	size_t n;
};
/*
 * Parse CSV with a header naming benefit, date and value (required) and
 * note, checking: the benefit is one of the project's (by name), the
 * date a real day not after today, the value a number, the note short
 * text, and no benefit and day given twice. rows is always filled
 * (release it). Returns 0 if the file could be read as a whole, -1 if
 * not; either way the import may go on only if d is empty.
 */
int measures_parse_csv(const char *file, const char *data, size_t len,
		       const struct benefit *benefits, size_t nbenefits,
		       int32_t today, struct measure_rows *rows,
		       struct diags *d);
void measure_rows_release(struct measure_rows *rows);

/* Cost items read from CSV. */
struct cost_rows {
	struct cost_item *v;
	size_t n;
};
/*
 * Parse CSV with a header naming name, flow, category, kind, start_year
 * and expected (required) and any of end_year, refresh, ramp, low, high
 * (low and high default to expected) and benefit (a benefit's name),
 * checking each field, each item as a whole (cost_item_check), and
 * names given twice in the file or already among existing. Returns as
 * measures_parse_csv.
 */
int cost_items_parse_csv(const char *file, const char *data, size_t len,
			 const struct cost_item *existing, size_t nexisting,
			 const struct benefit *benefits, size_t nbenefits,
			 struct cost_rows *rows, struct diags *d);
void cost_rows_release(struct cost_rows *rows);

/* --- JSON (docs/json.md), the same for the CLI and the API --- */

json_t *benefit_json(const struct benefit *b,
		     const struct benefit_progress *p);
json_t *benefit_measure_json(const struct benefit_measure *m);
/* benefit_name: the linked benefit's name, or NULL. */
json_t *cost_item_json(const struct cost_item *c, const char *benefit_name);
json_t *money_model_json(const struct money_model *m);

/* --- from the store --- */

/* A project's benefits with the progress of each. */
struct benefit_list {
	struct benefit *v;
	struct benefit_progress *p;
	size_t n;
};
/* Load it; 0, or -1 with the store's error. Release l either way. */
int benefit_list_load(struct store *st, int64_t project,
		      struct benefit_list *l);
void benefit_list_release(struct benefit_list *l);
/* The list as a JSON array of benefit_json. */
json_t *benefit_list_json(const struct benefit_list *l);

/* The name of the benefit with id among l, or NULL. */
const char *benefit_list_name(const struct benefit_list *l, int64_t id);

/*
 * The project's cost model computed from its items (which *items keeps,
 * as the model borrows their texts: free them after the model).
 * STORE_NOTFOUND if no model is set, -1 with the store's error.
 */
int money_model_load(struct store *st, int64_t project, struct money_model *m,
		     struct cost_item **items, size_t *nitems);
/* The items as a JSON array of cost_item_json, benefits named from l. */
json_t *cost_items_json(const struct cost_item *v, size_t n,
			const struct benefit_list *l);

/* A benefit with its progress and its measurements (by day). */
json_t *benefit_detail_json(const struct benefit *b,
			    const struct benefit_measure *m, size_t n);
/*
 * The project's cost items and model frame as {"model": {"first_year",
 * "horizon"} or null, "items": [cost_item_json...]}. 0, or -1 with the
 * store's error.
 */
int money_costs_json(struct store *st, int64_t project, json_t **out);

/*
 * The demo project's benefits, measurements and cost model (a clinical
 * app in an acute hospital, 2024 for 7 years). 0, or -1 with the
 * store's error.
 */
int demo_money(struct store *st, int64_t project);

#endif
