/*
 * test-money.c: benefits against their targets and the cost model by
 * year, against figures worked out by hand in the comments; the fields'
 * rules, the CSV imports' checks, and the store's benefits and costs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "store/store.h"
#include "track/money.h"
#include "track/track.h"

#define EPS 1e-9

/* An item set from field=value pairs, failing the test on a bad one. */
static void item(struct cost_item *c, const char *const *kv)
{
	struct strbuf err = STRBUF_INIT;

	cost_item_init(c);
	for (size_t i = 0; kv[i]; i += 2)
		if (cost_item_set(c, kv[i], kv[i + 1], &err))
			fail_msg("%s", err.buf);
	if (cost_item_check(c, &err))
		fail_msg("%s", err.buf);
	sb_release(&err);
}

static void test_refresh_cycle(void **state)
{
	/* devices bought in year 1 and every 3 years: 1, 4 and 7 of 7 */
	static const char *const devices[] = {
		"name", "Phones", "category", "devices", "kind", "one-off",
		"start_year", "1", "refresh", "3", "low", "80", "expected", "100",
		"high", "120", NULL
	};
	static const double want[] = { 100, 0, 0, 100, 0, 0, 100 };
	struct cost_item c;

	(void)state;
	item(&c, devices);
	for (int y = 1; y <= 7; y++)
		assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, y, 7),
				   want[y - 1], EPS);
	/* the horizon cuts it: in 6 years, only 1 and 4 */
	assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, 7, 6), 0, EPS);
	assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, 4, 6), 100, EPS);
	/* end_year 6 stops the third purchase in year 7 */
	c.end_year = 6;
	assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, 7, 7), 0, EPS);
	assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, 4, 7), 100, EPS);
	/*
	 * from year 2 on a 3-year cycle: 2 and 5 (8 is past a 7-year horizon);
	 * the cases are scenarios, so a cost counts its high amount (120) in
	 * the low case and its low amount (80) in the high case
	 */
	c.end_year = 0;
	c.start_year = 2;
	assert_float_equal(cost_item_amount(&c, MONEY_LOW, 2, 7), 120, EPS);
	assert_float_equal(cost_item_amount(&c, MONEY_HIGH, 5, 7), 80, EPS);
	assert_float_equal(cost_item_case(&c, MONEY_LOW), 120, EPS);
	assert_float_equal(cost_item_case(&c, MONEY_EXPECTED), 100, EPS);
	assert_float_equal(cost_item_case(&c, MONEY_HIGH), 80, EPS);
	assert_float_equal(cost_item_amount(&c, MONEY_HIGH, 1, 7), 0, EPS);
	assert_float_equal(cost_item_amount(&c, MONEY_HIGH, 7, 7), 0, EPS);
	/* without a refresh, once only */
	c.refresh = 0;
	assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, 2, 7), 100, EPS);
	assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, 5, 7), 0, EPS);
	/* a benefit keeps its own amounts: low 80 in the low case, high 120 */
	free(c.flow);
	c.flow = strdup("benefit");
	assert_float_equal(cost_item_amount(&c, MONEY_LOW, 2, 7), 80, EPS);
	assert_float_equal(cost_item_amount(&c, MONEY_HIGH, 2, 7), 120, EPS);
	store_cost_item_release(&c);
}

static void test_ramp(void **state)
{
	/* 300 a year from year 2 over a 3-year ramp: 0, 100, 200, 300, 300 */
	static const char *const savings[] = {
		"name", "Bed days", "flow", "benefit", "category", "savings",
		"kind", "recurring", "start_year", "2", "ramp", "3",
		"low", "300", "expected", "300", "high", "300", NULL
	};
	static const double want[] = { 0, 100, 200, 300, 300 };
	struct cost_item c;

	(void)state;
	item(&c, savings);
	for (int y = 1; y <= 5; y++)
		assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, y, 5),
				   want[y - 1], EPS);
	/* end_year 4: nothing in year 5 */
	c.end_year = 4;
	assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, 5, 5), 0, EPS);
	/* ramp 0 and ramp 1 both give the full amount from the start */
	c.end_year = 0;
	c.ramp = 1;
	assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, 2, 5), 300, EPS);
	c.ramp = 0;
	assert_float_equal(cost_item_amount(&c, MONEY_EXPECTED, 2, 5), 300, EPS);
	store_cost_item_release(&c);
}

/*
 * Three items over 5 years from 2024:
 *   devices  cost one-off from 1, refresh 3 (years 1 and 4): 80/100/120
 *   licences cost recurring from 1:                          20/30/40
 *   savings  benefit recurring from 2, ramp 2 (half in 2):   60/100/200
 *
 * expected: year  cost            benefit  net   cumulative net
 *           1     100 + 30 = 130    0      -130  -130
 *           2     30               50       20   -110
 *           3     30              100       70    -40
 *           4     100 + 30 = 130  100      -30    -70
 *           5     30              100       70      0  -> break-even 5 (2028)
 *   totals: cost 130+30+30+130+30 = 350, benefit 50+100+100+100 = 350
 * low (pessimistic: costs high, devices 120 and licences 40; benefit
 * low, 60):
 *           1     120 + 40 = 160    0      -160  -160
 *           2     40               30      -10   -170
 *           3     40               60       20   -150
 *           4     120 + 40 = 160   60     -100   -250
 *           5     40               60       20   -230  never within 5
 *   totals: cost 160+40+40+160+40 = 440, benefit 30+60+60+60 = 210
 * high (optimistic: costs low, devices 80 and licences 20; benefit
 * high, 200):
 *           1     80 + 20 = 100     0      -100  -100
 *           2     20              100       80    -20
 *           3     20              200      180    160  -> break-even 3
 *           4     80 + 20 = 100   200      100    260
 *           5     20              200      180    440
 *   totals: cost 100+20+20+100+20 = 260, benefit 100+200*3 = 700
 * categories (expected): devices 200, licences 150, savings 350; low:
 *   devices 120 * 2 = 240, licences 40 * 5 = 200, savings 60 * 3.5 = 210;
 *   high: devices 80 * 2 = 160, licences 20 * 5 = 100, savings
 *   200 * 3.5 = 700.
 */
static void test_model_three_cases(void **state)
{
	static const char *const kv[3][19] = {
		{ "name", "Phones", "category", "devices", "kind", "one-off",
		  "start_year", "1", "refresh", "3", "low", "80", "expected",
		  "100", "high", "120", NULL },
		{ "name", "Licence", "category", "licences", "kind", "recurring",
		  "start_year", "1", "low", "20", "expected", "30", "high", "40",
		  NULL },
		{ "name", "Bed days", "flow", "benefit", "category", "savings",
		  "kind", "recurring", "start_year", "2", "ramp", "2", "low",
		  "60", "expected", "100", "high", "200", NULL },
	};
	static const double cum_expected[] = { -130, -110, -40, -70, 0 };
	static const double cum_low[] = { -160, -170, -150, -250, -230 };
	static const double cum_high[] = { -100, -20, 160, 260, 440 };
	struct cost_item v[3];
	struct money_model m;

	(void)state;
	for (int i = 0; i < 3; i++)
		item(&v[i], kv[i]);
	money_model(2024, 5, v, 3, &m);
	for (int y = 0; y < 5; y++) {
		assert_int_equal(m.cases[MONEY_EXPECTED].years[y].year, 2024 + y);
		assert_float_equal(m.cases[MONEY_EXPECTED].years[y].cum_net,
				   cum_expected[y], EPS);
		assert_float_equal(m.cases[MONEY_LOW].years[y].cum_net,
				   cum_low[y], EPS);
		assert_float_equal(m.cases[MONEY_HIGH].years[y].cum_net,
				   cum_high[y], EPS);
	}
	assert_float_equal(m.cases[MONEY_EXPECTED].years[3].cost, 130, EPS);
	assert_float_equal(m.cases[MONEY_EXPECTED].years[1].benefit, 50, EPS);
	assert_float_equal(m.cases[MONEY_EXPECTED].years[3].net, -30, EPS);
	assert_float_equal(m.cases[MONEY_EXPECTED].total_cost, 350, EPS);
	assert_float_equal(m.cases[MONEY_EXPECTED].total_benefit, 350, EPS);
	assert_int_equal(m.cases[MONEY_EXPECTED].breakeven, 5);
	assert_float_equal(m.cases[MONEY_LOW].years[0].cost, 160, EPS);
	assert_float_equal(m.cases[MONEY_LOW].years[1].benefit, 30, EPS);
	assert_float_equal(m.cases[MONEY_LOW].total_cost, 440, EPS);
	assert_float_equal(m.cases[MONEY_LOW].total_benefit, 210, EPS);
	assert_float_equal(m.cases[MONEY_HIGH].years[0].cost, 100, EPS);
	assert_float_equal(m.cases[MONEY_HIGH].total_cost, 260, EPS);
	assert_float_equal(m.cases[MONEY_HIGH].total_benefit, 700, EPS);
	assert_int_equal(m.cases[MONEY_LOW].breakeven, 0);
	assert_int_equal(m.cases[MONEY_HIGH].breakeven, 3);
	assert_int_equal(m.ncats, 3);
	assert_string_equal(m.cats[0].category, "devices");
	assert_string_equal(m.cats[1].category, "licences");
	assert_string_equal(m.cats[2].category, "savings");
	assert_string_equal(m.cats[2].flow, "benefit");
	assert_float_equal(m.cats[0].total[MONEY_EXPECTED], 200, EPS);
	assert_float_equal(m.cats[1].total[MONEY_EXPECTED], 150, EPS);
	assert_float_equal(m.cats[2].total[MONEY_EXPECTED], 350, EPS);
	assert_float_equal(m.cats[0].total[MONEY_LOW], 240, EPS);
	assert_float_equal(m.cats[1].total[MONEY_LOW], 200, EPS);
	assert_float_equal(m.cats[2].total[MONEY_LOW], 210, EPS);
	assert_float_equal(m.cats[0].total[MONEY_HIGH], 160, EPS);
	assert_float_equal(m.cats[1].total[MONEY_HIGH], 100, EPS);
	assert_float_equal(m.cats[2].total[MONEY_HIGH], 700, EPS);
	money_model_release(&m);
	for (int i = 0; i < 3; i++)
		store_cost_item_release(&v[i]);
}

/*
 * Break-even must hold to the horizon. Benefit 100 a year from year 1;
 * a 200 device cost in years 1 and 3 (refresh 2), 4 years:
 *   1: -100; 2: 0 (reached); 3: -100 (lost again); 4: 0.
 * So break-even is year 4, not 2. And with no items at all, none.
 */
static void test_breakeven_must_hold(void **state)
{
	static const char *const kv[2][17] = {
		{ "name", "Gain", "flow", "benefit", "category", "savings", "kind",
		  "recurring", "low", "100", "expected", "100", "high", "100",
		  NULL },
		{ "name", "Kit", "category", "devices", "refresh", "2", "low",
		  "200", "expected", "200", "high", "200", NULL },
	};
	struct cost_item v[2];
	struct money_model m;

	(void)state;
	item(&v[0], kv[0]);
	item(&v[1], kv[1]);
	money_model(2030, 4, v, 2, &m);
	assert_float_equal(m.cases[MONEY_EXPECTED].years[1].cum_net, 0, EPS);
	assert_float_equal(m.cases[MONEY_EXPECTED].years[2].cum_net, -100, EPS);
	assert_int_equal(m.cases[MONEY_EXPECTED].breakeven, 4);
	money_model_release(&m);
	/* costs alone never break even */
	money_model(2030, 4, &v[1], 1, &m);
	assert_int_equal(m.cases[MONEY_HIGH].breakeven, 0);
	assert_float_equal(m.cases[MONEY_HIGH].years[3].cum_net, -400, EPS);
	money_model_release(&m);
	money_model(2030, 4, v, 0, &m);
	assert_int_equal(m.cases[MONEY_EXPECTED].breakeven, 0);
	assert_int_equal(m.ncats, 0);
	money_model_release(&m);
	for (int i = 0; i < 2; i++)
		store_cost_item_release(&v[i]);
}

static void test_item_rules(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct cost_item c;

	(void)state;
	cost_item_init(&c);
	assert_int_equal(cost_item_set(&c, "flow", "gain", &err), -1);
	assert_non_null(strstr(err.buf, "flow: 'gain' is not allowed; use cost "
			       "or benefit"));
	sb_reset(&err);
	assert_int_equal(cost_item_set(&c, "start_year", "0", &err), -1);
	assert_int_equal(cost_item_set(&c, "start_year", "31", &err), -1);
	assert_int_equal(cost_item_set(&c, "refresh", "2.5", &err), -1);
	assert_int_equal(cost_item_set(&c, "expected", "-1", &err), -1);
	assert_int_equal(cost_item_set(&c, "expected", "1e5", &err), -1);
	assert_int_equal(cost_item_set(&c, "expected", "12,000", &err), -1);
	assert_int_equal(cost_item_set(&c, "colour", "red", &err), -1);
	sb_reset(&err);
	assert_int_equal(cost_item_set(&c, "refresh", "none", &err), 0);
	assert_int_equal(c.refresh, 0);
	assert_int_equal(cost_item_set(&c, "name", "Kit", &err), 0);
	/* a category is needed */
	assert_string_equal(cost_item_check(&c, &err), "category");
	sb_reset(&err);
	assert_int_equal(cost_item_set(&c, "category", "devices", &err), 0);
	assert_int_equal(cost_item_set(&c, "start_year", "3", &err), 0);
	assert_int_equal(cost_item_set(&c, "end_year", "2", &err), 0);
	assert_string_equal(cost_item_check(&c, &err), "end_year");
	sb_reset(&err);
	c.end_year = 0;
	c.ramp = 2;
	assert_string_equal(cost_item_check(&c, &err), "ramp");
	sb_reset(&err);
	c.ramp = 0;
	cost_item_set(&c, "kind", "recurring", &err);
	c.refresh = 3;
	assert_string_equal(cost_item_check(&c, &err), "refresh");
	sb_reset(&err);
	c.refresh = 0;
	c.low = 5;
	c.expected = 4;
	c.high = 6;
	assert_string_equal(cost_item_check(&c, &err), "low");
	assert_non_null(strstr(err.buf, "low: 5 is above expected, 4"));
	sb_reset(&err);
	c.low = 3;
	c.high = 3.5;
	assert_string_equal(cost_item_check(&c, &err), "high");
	sb_reset(&err);
	c.high = 4;
	assert_null(cost_item_check(&c, &err));
	store_cost_item_release(&c);
	sb_release(&err);
}

static void test_numbers(void **state)
{
	struct strbuf err = STRBUF_INIT;
	double x;
	static const char *const bad[] = {
		"", "-", "1.", ".5", "1e5", "0x10", "12,000", " 1", "1 ", "inf",
		"nan", "--1", NULL
	};

	(void)state;
	assert_int_equal(money_number("v", "-3.25", -10, 10, &x, &err), 0);
	assert_float_equal(x, -3.25, EPS);
	assert_int_equal(money_number("v", "1200", 0, 1e12, &x, &err), 0);
	assert_float_equal(x, 1200, EPS);
	for (size_t i = 0; bad[i]; i++)
		assert_int_equal(money_number("v", bad[i], -1e12, 1e12, &x, &err),
				 -1);
	sb_reset(&err);
	assert_int_equal(money_number("v", "11", 0, 10, &x, &err), -1);
	assert_non_null(strstr(err.buf, "v: 11 is out of range; use 0 to 10"));
	sb_release(&err);
}

/* A benefit from 40 on 2024-01-01 down to 20 on 2025-01-01 (366 days). */
static void falls_benefit(struct benefit *b)
{
	struct strbuf err = STRBUF_INIT;
	static const char *const kv[] = {
		"name", "Waits", "metric", "Minutes to a result", "unit", "min",
		"baseline", "40", "baseline_date", "2024-01-01", "target", "20",
		"target_date", "2025-01-01", NULL
	};

	benefit_init(b);
	for (size_t i = 0; kv[i]; i += 2)
		if (benefit_set(b, kv[i], kv[i + 1], &err))
			fail_msg("%s", err.buf);
	assert_null(benefit_check(b, &err));
	sb_release(&err);
}

static void test_progress(void **state)
{
	/*
	 * On 2024-07-01, 182 days in (31+29+31+30+31+30: 2024 is a leap
	 * year) of 366: the line expects 182/366 = 0.49727 of the way.
	 */
	char d1[] = "2024-07-01", d2[] = "2024-03-01", d0[] = "2023-12-01";
	struct benefit_measure m[2] = {
		{ 1, d2, 39, NULL, NULL }, { 1, d1, 30, NULL, NULL }
	};
	struct benefit b;
	struct benefit_progress p;

	(void)state;
	falls_benefit(&b);
	benefit_progress(&b, m, 0, &p);
	assert_int_equal(p.status, BENEFIT_NO_DATA);
	assert_true(isnan(p.share));
	/* the latest by day counts, not the last given: 30 is (30-40)/(20-40) */
	benefit_progress(&b, m, 2, &p);
	assert_int_equal(p.n, 2);
	assert_float_equal(p.latest, 30, EPS);
	assert_float_equal(p.share, 0.5, EPS);
	assert_float_equal(p.expected, 182.0 / 366.0, EPS);
	assert_int_equal(p.status, BENEFIT_ON_TRACK);
	assert_string_equal(benefit_statuses[p.status], "on-track");
	/* 31: 9/20 = 0.45 < 0.497: behind */
	m[1].value = 31;
	benefit_progress(&b, m, 2, &p);
	assert_float_equal(p.share, 0.45, EPS);
	assert_int_equal(p.status, BENEFIT_BEHIND);
	/* 18: 22/20 = 1.1: met */
	m[1].value = 18;
	benefit_progress(&b, m, 2, &p);
	assert_float_equal(p.share, 1.1, EPS);
	assert_int_equal(p.status, BENEFIT_MET);
	/* 45: moved away, -5/20 = -0.25 */
	m[1].value = 45;
	benefit_progress(&b, m, 2, &p);
	assert_float_equal(p.share, -0.25, EPS);
	assert_int_equal(p.status, BENEFIT_BEHIND);
	/* before the baseline's day the line expects nothing yet */
	m[0].measured = d0;
	m[0].value = 40;
	benefit_progress(&b, m, 1, &p);
	assert_float_equal(p.expected, 0, EPS);
	assert_int_equal(p.status, BENEFIT_ON_TRACK);
	store_benefit_release(&b);
}

static void test_benefit_rules(void **state)
{
	struct strbuf err = STRBUF_INIT;
	struct benefit b;

	(void)state;
	falls_benefit(&b);
	assert_int_equal(benefit_set(&b, "schedule", "weekly", &err), -1);
	assert_non_null(strstr(err.buf, "schedule: 'weekly' is not allowed; "
			       "use monthly, quarterly or yearly"));
	sb_reset(&err);
	assert_int_equal(benefit_set(&b, "cash_releasing", "maybe", &err), -1);
	assert_int_equal(benefit_set(&b, "baseline_date", "2024-02-30", &err), -1);
	assert_int_equal(benefit_set(&b, "target", "x", &err), -1);
	assert_int_equal(benefit_set(&b, "name", "", &err), -1);
	assert_int_equal(benefit_set(&b, "name", "a\tb", &err), -1);
	sb_reset(&err);
	assert_int_equal(benefit_set(&b, "cash_releasing", "yes", &err), 0);
	assert_true(b.cash_releasing);
	assert_int_equal(benefit_set(&b, "target_date", "2023-06-01", &err), 0);
	assert_string_equal(benefit_check(&b, &err), "target_date");
	sb_reset(&err);
	benefit_set(&b, "target_date", "2025-06-01", &err);
	benefit_set(&b, "target", "40", &err);
	assert_string_equal(benefit_check(&b, &err), "target");
	store_benefit_release(&b);
	sb_release(&err);
}

static int has(const struct diags *d, int line, int col, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && d->v[i].col == col &&
		    strstr(d->v[i].msg, text))
			return 1;
	return 0;
}

static void test_measures_csv(void **state)
{
	const char csv[] = "benefit,date,value,note\n"
			   "Waits,2024-03-01,35,first\n"	/* good */
			   "Nope,2024-03-01,35,\n"		/* 3:1 */
			   "Waits,2024-02-30,35,\n"		/* 4:7 */
			   "Waits,2030-01-01,35,\n"		/* 5:7 future */
			   "Waits,2024-04-01,lots,\n"		/* 6:18 */
			   "Waits,2024-03-01,36,\n"		/* 7:7 twice */
			   "Waits,2024-05-01\n";		/* 8:1 short */
	const char hdr[] = "benefit,date\nWaits,2024-01-01\n";
	struct benefit b;
	struct measure_rows rows;
	struct diags d;
	struct strbuf err = STRBUF_INIT;
	int32_t today;

	(void)state;
	falls_benefit(&b);
	b.id = 7;
	assert_int_equal(track_date_parse("2025-06-01", &today, &err), 0);
	diags_init(&d);
	assert_int_equal(measures_parse_csv("m.csv", csv, strlen(csv), &b, 1,
					    today, &rows, &d), 0);
	assert_true(has(&d, 3, 1, "benefit: the project has no benefit 'Nope'"));
	assert_true(has(&d, 4, 7, "date: '2024-02-30' is not a day"));
	assert_true(has(&d, 5, 7, "date: '2030-01-01' is after today"));
	assert_true(has(&d, 6, 18, "value: expected a number"));
	assert_true(has(&d, 7, 7, "date: 2024-03-01 of benefit 'Waits' is "
			"given already on line 2"));
	assert_true(has(&d, 8, 1, "expected 4 fields as in the header, found 2"));
	assert_int_equal(d.n, 6);
	assert_int_equal(rows.n, 7);
	assert_int_equal(rows.v[0].benefit, 7);
	assert_float_equal(rows.v[0].value, 35, EPS);
	assert_string_equal(rows.v[0].note, "first");
	measure_rows_release(&rows);
	diags_release(&d);
	/* a header without value */
	diags_init(&d);
	measures_parse_csv("h.csv", hdr, strlen(hdr), &b, 1, today, &rows, &d);
	assert_true(d.n > 0);
	assert_non_null(strstr(d.v[0].msg, "value"));
	measure_rows_release(&rows);
	diags_release(&d);
	store_benefit_release(&b);
	sb_release(&err);
}

static void test_costs_csv(void **state)
{
	const char csv[] =
		"name,flow,category,kind,start_year,expected,low,high,refresh,benefit\n"
		"Phones,cost,devices,one-off,1,100,,,3,\n"	/* bad: low "" */
		"Kit,cost,devices,one-off,1,100,90,110,3,\n"	/* good */
		"Gain,gain,savings,recurring,1,5,5,5,,\n"	/* 4:6 flow */
		"Old,cost,devices,one-off,1,5,5,5,,\n"		/* 5:1 taken */
		"Kit,cost,devices,one-off,1,5,5,5,,\n"		/* 6:1 twice */
		"Lic,cost,licences,recurring,1,5,6,7,,\n"	/* 7:: low > expected */
		"Sv,benefit,savings,recurring,2,5,5,5,,Nope\n";	/* 8:: benefit */
	const char few[] = "name,flow,category,kind,start_year,expected\n"
			   "A,cost,training,one-off,2,50\n";
	struct cost_item old;
	struct benefit b;
	struct cost_rows rows;
	struct diags d;

	(void)state;
	cost_item_init(&old);
	free(old.name);
	old.name = strdup("Old");
	falls_benefit(&b);
	diags_init(&d);
	assert_int_equal(cost_items_parse_csv("c.csv", csv, strlen(csv), &old, 1,
					      &b, 1, &rows, &d), 0);
	/* row 2: "Phones,cost,devices,one-off,1,100,": low at col 35, high 36 */
	assert_true(has(&d, 2, 35, "low: expected a number"));
	assert_true(has(&d, 2, 36, "high: expected a number"));
	assert_true(has(&d, 4, 6, "flow: 'gain' is not allowed"));
	assert_true(has(&d, 5, 1, "name: the project has a cost item 'Old'"));
	assert_true(has(&d, 6, 1, "name: 'Kit' is given already on line 3"));
	/* "Lic,cost,licences,recurring,1,5,": low at col 33 */
	assert_true(has(&d, 7, 33, "low: 6 is above expected, 5"));
	/* "Sv,benefit,savings,recurring,2,5,5,5,,": benefit at col 39 */
	assert_true(has(&d, 8, 39, "benefit: the project has no benefit 'Nope'"));
	assert_int_equal(d.n, 7);
	assert_int_equal(rows.n, 7);
	assert_int_equal(rows.v[1].refresh, 3);
	assert_float_equal(rows.v[1].low, 90, EPS);
	cost_rows_release(&rows);
	diags_release(&d);
	/* low and high left out take expected */
	diags_init(&d);
	assert_int_equal(cost_items_parse_csv("c.csv", few, strlen(few), NULL, 0,
					      NULL, 0, &rows, &d), 0);
	assert_int_equal(d.n, 0);
	assert_float_equal(rows.v[0].low, 50, EPS);
	assert_float_equal(rows.v[0].high, 50, EPS);
	assert_int_equal(rows.v[0].start_year, 2);
	cost_rows_release(&rows);
	diags_release(&d);
	store_cost_item_release(&old);
	store_benefit_release(&b);
}

static void test_store(void **state)
{
	char path[] = "/tmp/waymark-money-XXXXXX";
	struct store *st;
	struct project p;
	struct benefit b, got;
	struct benefit_measure m[2] = { { 0 } }, *mv;
	struct cost_item c, *cv;
	char *msg = NULL, d1[] = "2024-03-01", d2[] = "2024-02-01";
	char n1[] = "first", n2[] = "", key[24];
	size_t n;
	int64_t first, horizon, rev0, rev1;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, &st, &msg), 0);
	project_init(&p, "t");
	assert_int_equal(store_project_add(st, &p), 0);
	falls_benefit(&b);
	b.project = p.id;
	assert_int_equal(store_project_revision(st, p.id, &rev0), 0);
	assert_int_equal(store_benefit_add(st, &b), 0);
	assert_int_equal(store_project_revision(st, p.id, &rev1), 0);
	assert_true(rev1 > rev0);
	assert_int_equal(store_benefit_add(st, &b), STORE_CONFLICT);
	assert_int_equal(store_benefit_get(st, p.id, "Waits", &got), 0);
	assert_float_equal(got.target, 20, EPS);
	assert_string_equal(got.target_date, "2025-01-01");
	store_benefit_release(&got);
	snprintf(key, sizeof(key), "%lld", (long long)b.id);
	assert_int_equal(store_benefit_get(st, p.id, key, &got), 0);
	assert_string_equal(got.name, "Waits");
	store_benefit_release(&got);
	assert_int_equal(store_benefit_get(st, p.id, "nope", &got),
			 STORE_NOTFOUND);
	/* measurements: the same day again replaces */
	m[0] = (struct benefit_measure){ b.id, d1, 35, n1, NULL };
	m[1] = (struct benefit_measure){ b.id, d2, 38, n2, NULL };
	assert_int_equal(store_benefit_measures_set(st, p.id, m, 2), 0);
	m[0].value = 33;
	assert_int_equal(store_benefit_measures_set(st, p.id, m, 1), 0);
	assert_int_equal(store_benefit_measures(st, p.id, b.id, &mv, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(mv[0].measured, "2024-02-01");
	assert_float_equal(mv[1].value, 33, EPS);
	assert_string_equal(mv[1].note, "first");
	store_benefit_measures_free(mv, n);
	m[0].benefit = b.id + 99;
	assert_int_equal(store_benefit_measures_set(st, p.id, m, 1),
			 STORE_NOTFOUND);
	/* the cost model */
	assert_int_equal(store_cost_model_get(st, p.id, &first, &horizon),
			 STORE_NOTFOUND);
	assert_int_equal(store_cost_model_set(st, p.id, 2024, 7), 0);
	assert_int_equal(store_cost_model_set(st, p.id, 2025, 6), 0);
	assert_int_equal(store_cost_model_get(st, p.id, &first, &horizon), 0);
	assert_int_equal(first, 2025);
	assert_int_equal(horizon, 6);
	cost_item_init(&c);
	free(c.name);
	free(c.category);
	c.name = strdup("Phones");
	c.category = strdup("devices");
	c.refresh = 3;
	c.expected = c.high = 10;
	c.benefit = b.id;
	assert_int_equal(store_cost_items_add(st, p.id, &c, 1), 0);
	assert_int_equal(store_cost_items_add(st, p.id, &c, 1), STORE_CONFLICT);
	c.end_year = 5;
	c.high = 12;
	assert_int_equal(store_cost_item_update(st, &c), 0);
	assert_int_equal(store_cost_items(st, p.id, &cv, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(cv[0].end_year, 5);
	assert_int_equal(cv[0].refresh, 3);
	assert_int_equal(cv[0].benefit, b.id);
	assert_float_equal(cv[0].high, 12, EPS);
	store_cost_items_free(cv, n);
	/* deleting the benefit keeps the item, without the link */
	assert_int_equal(store_benefit_delete(st, p.id, b.id), 0);
	store_cost_item_release(&c);
	assert_int_equal(store_cost_item_get(st, p.id, "Phones", &c), 0);
	assert_int_equal(c.benefit, 0);
	assert_int_equal(store_cost_item_delete(st, p.id, c.id), 0);
	assert_int_equal(store_cost_item_delete(st, p.id, c.id), STORE_NOTFOUND);
	store_cost_item_release(&c);
	store_benefit_release(&b);
	project_release(&p);
	store_close(st);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refresh_cycle),
		cmocka_unit_test(test_ramp),
		cmocka_unit_test(test_model_three_cases),
		cmocka_unit_test(test_breakeven_must_hold),
		cmocka_unit_test(test_item_rules),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_progress),
		cmocka_unit_test(test_benefit_rules),
		cmocka_unit_test(test_measures_csv),
		cmocka_unit_test(test_costs_csv),
		cmocka_unit_test(test_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
