/* test-score.c: scores, classes, anonymity and complexity from src/assess. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "assess/score.h"

/*
 * Every expected figure below was worked out by hand; the comments show
 * the arithmetic. t95 values are the textbook table: t(2) = 4.302653,
 * t(3) = 3.182446, t(4) = 2.776445, t(9) = 2.262157.
 */
#define EPS 1e-5

#define DK 6			/* don't know */
#define NA 0			/* not answered */

/* A survey of up to 4 items and 40 responses, built by each test. */
struct fixture {
	size_t item_det[4];
	bool item_reversed[4];
	unsigned char values[40 * 4];
	uint16_t group[40];
	struct score_input in;
};

/* nitems items, item i on determinant item_det[i] (all 0 unless set). */
static void fixture_init(struct fixture *f, size_t nitems, size_t ndets,
			 size_t ngroups, unsigned k)
{
	memset(f, 0, sizeof(*f));
	f->in = (struct score_input){
		.nitems = nitems, .ndets = ndets, .ngroups = ngroups,
		.item_det = f->item_det, .item_reversed = f->item_reversed,
		.values = f->values, .resp_group = f->group, .anonymity = k,
	};
}

/* Append one response from group g with answers a (nitems of them). */
static void add(struct fixture *f, uint16_t g, const unsigned char *a)
{
	size_t r = f->in.nresp++;

	assert_true(r < 40);
	memcpy(f->values + r * f->in.nitems, a, f->in.nitems);
	f->group[r] = g;
}

/* Append n responses from group g, each answering v on every item. */
static void add_n(struct fixture *f, uint16_t g, size_t n, unsigned char v)
{
	unsigned char a[4] = { v, v, v, v };

	while (n--)
		add(f, g, a);
}

/* One item, one determinant, one group, k = 3: the given answers. */
static void one_item(struct fixture *f, const unsigned char *v, size_t n)
{
	fixture_init(f, 1, 1, 1, 3);
	for (size_t i = 0; i < n; i++)
		add(f, 0, &v[i]);
}

static void assert_zeroed(const struct score_cell *c)
{
	assert_true(c->suppressed);
	assert_int_equal(c->n, 0);
	assert_int_equal(c->answers, 0);
	assert_true(c->mean == 0.0 && c->sd == 0.0);
	assert_true(c->lo == 0.0 && c->hi == 0.0);
	assert_true(c->dk_share == 0.0);
	assert_int_equal(c->cls, CLASS_UNKNOWN);
	assert_false(c->low_n);
}

static void test_t95(void **state)
{
	(void)state;
	assert_float_equal(score_t95(1), 12.706, 0.0005);
	assert_float_equal(score_t95(4), 2.776, 0.0005);
	assert_float_equal(score_t95(9), 2.262, 0.0005);
	assert_float_equal(score_t95(29), 2.045, 0.0005);
	assert_float_equal(score_t95(30), 2.042, 0.0005);
	assert_float_equal(score_t95(35), 2.030, 0.0005);	/* table: 2.0301 */
	assert_float_equal(score_t95(40), 2.021, 0.0005);
	assert_float_equal(score_t95(50), 2.009, 0.0005);	/* table: 2.0086 */
	assert_float_equal(score_t95(60), 2.000, 0.0005);
	assert_float_equal(score_t95(120), 1.980, 0.0005);
	assert_float_equal(score_t95(1000), 1.962, 0.0005);	/* table: 1.9623 */
	assert_float_equal(score_t95((size_t)-1), 1.960, 0.0005);
	for (size_t df = 1; df < 500; df++)
		assert_true(score_t95(df + 1) < score_t95(df));
}

static void test_mean_sd_interval(void **state)
{
	static const unsigned char v[] = { 2, 3, 3, 4, 5 };
	struct fixture f;
	struct score_result r;
	const struct score_cell *c;

	(void)state;
	one_item(&f, v, 5);
	assert_int_equal(score_compute(&f.in, &r), 0);
	c = &r.overall[0];
	/* mean = 17 / 5 = 3.4 */
	assert_int_equal(c->n, 5);
	assert_float_equal(c->mean, 3.4, EPS);
	/* squares of -1.4 -0.4 -0.4 0.6 1.6: 1.96 + .16 + .16 + .36 + 2.56 = 5.2;
	 * var = 5.2 / 4 = 1.3; sd = sqrt(1.3) = 1.140175 */
	assert_float_equal(c->sd, 1.140175, EPS);
	/* half = t(4) * sd / sqrt(5) = 2.776445 * 0.509902 = 1.415715 */
	assert_float_equal(c->lo, 3.4 - 1.415715, EPS);
	assert_float_equal(c->hi, 3.4 + 1.415715, EPS);
	assert_int_equal(c->answers, 5);
	assert_float_equal(c->dk_share, 0.0, EPS);
	assert_true(c->low_n);
	/* the group cell is the same (one group of 5, k = 3) */
	assert_false(r.by_group[0].suppressed);
	assert_float_equal(r.by_group[0].sd, 1.140175, EPS);
	assert_int_equal(r.group_n[0], 5);
	assert_int_equal(r.nresp, 5);
	score_release(&r);
}

static void test_one_respondent(void **state)
{
	static const unsigned char v[] = { 5 };
	struct fixture f;
	struct score_result r;

	(void)state;
	one_item(&f, v, 1);
	assert_int_equal(score_compute(&f.in, &r), 0);
	/* n = 1: sd 0, interval the whole scale */
	assert_int_equal(r.overall[0].n, 1);
	assert_float_equal(r.overall[0].mean, 5.0, EPS);
	assert_float_equal(r.overall[0].sd, 0.0, EPS);
	assert_float_equal(r.overall[0].lo, 1.0, EPS);
	assert_float_equal(r.overall[0].hi, 5.0, EPS);
	assert_int_equal(r.overall[0].cls, CLASS_UNKNOWN);
	score_release(&r);
}

static void test_respondent_mean_first(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	fixture_init(&f, 2, 1, 1, 3);
	add(&f, 0, (unsigned char[]){ 5, 5 });	/* score 5 */
	add(&f, 0, (unsigned char[]){ 1, NA });	/* score 1 */
	assert_int_equal(score_compute(&f.in, &r), 0);
	/* (5 + 1) / 2 = 3, not the pooled (5 + 5 + 1) / 3 = 3.67 */
	assert_int_equal(r.overall[0].n, 2);
	assert_float_equal(r.overall[0].mean, 3.0, EPS);
	/* var = (2^2 + 2^2) / 1 = 8; sd = 2.828427 */
	assert_float_equal(r.overall[0].sd, 2.828427, EPS);
	assert_int_equal(r.overall[0].answers, 3);
	score_release(&r);
}

static void test_reversed(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	fixture_init(&f, 2, 1, 1, 3);
	f.item_reversed[1] = true;
	add(&f, 0, (unsigned char[]){ 4, 2 });	/* (4 + 4) / 2 = 4 */
	add(&f, 0, (unsigned char[]){ 5, 1 });	/* (5 + 5) / 2 = 5 */
	add(&f, 0, (unsigned char[]){ 3, 5 });	/* (3 + 1) / 2 = 2 */
	assert_int_equal(score_compute(&f.in, &r), 0);
	/* mean = 11 / 3 = 3.666667; squares of 1/3, 4/3, -5/3 sum to 42/9;
	 * var = 42 / 9 / 2 = 2.333333; sd = 1.527525 */
	assert_float_equal(r.overall[0].mean, 3.666667, EPS);
	assert_float_equal(r.overall[0].sd, 1.527525, EPS);
	score_release(&r);
}

static void test_dont_know(void **state)
{
	struct fixture f;
	struct score_result r;
	const struct score_cell *c;

	(void)state;
	fixture_init(&f, 2, 1, 1, 3);
	add(&f, 0, (unsigned char[]){ 4, DK });	/* score 4 */
	add(&f, 0, (unsigned char[]){ DK, DK });	/* no score */
	add(&f, 0, (unsigned char[]){ NA, 5 });	/* score 5 */
	add(&f, 0, (unsigned char[]){ 2, 4 });	/* score 3 */
	assert_int_equal(score_compute(&f.in, &r), 0);
	c = &r.overall[0];
	/* ratings 1 + 0 + 1 + 2 = 4, don't know 1 + 2 = 3: answers 7,
	 * share 3 / 7 = 0.428571; n = 3 (the second has no rating) */
	assert_int_equal(c->answers, 7);
	assert_float_equal(c->dk_share, 0.428571, EPS);
	assert_int_equal(c->n, 3);
	/* scores 4 5 3: mean 4, var (0 + 1 + 1) / 2 = 1, sd 1;
	 * half = t(2) / sqrt(3) = 4.302653 / 1.732051 = 2.484138 */
	assert_float_equal(c->mean, 4.0, EPS);
	assert_float_equal(c->sd, 1.0, EPS);
	assert_float_equal(c->lo, 4.0 - 2.484138, EPS);
	assert_float_equal(c->hi, 5.0, EPS);	/* 6.48 clamped */
	/* mean >= 3.5 but interval reaches below 3 */
	assert_int_equal(c->cls, CLASS_MIXED);
	score_release(&r);
}

/* Class of one item's answers, with the interval checked by the caller. */
static enum score_class class_of(const unsigned char *v, size_t n,
				 struct score_result *r)
{
	struct fixture f;

	one_item(&f, v, n);
	assert_int_equal(score_compute(&f.in, r), 0);
	return r->overall[0].cls;
}

static void test_classes(void **state)
{
	/* 4 x8, 5 x2: mean 4.2; squares 8 * .04 + 2 * .64 = 1.6, var 1.6 / 9,
	 * sd 0.421637; half = t(9) * sd / sqrt(10) = 2.262157 * 0.133333 = 0.301621 */
	static const unsigned char enabler[] = { 4, 4, 4, 4, 4, 4, 4, 4, 5, 5 };
	/* 3 x5, 4 x5: mean 3.5 exactly; var 2.5 / 9, sd 0.527046;
	 * half = 2.262157 * 0.166667 = 0.377026: lo 3.122974 > 3 */
	static const unsigned char enabler_edge[] = { 3, 4, 3, 4, 3, 4, 3, 4, 3, 4 };
	/* mirror images: mean 1.8, hi 2.101621; mean 2.5, hi 2.877026 */
	static const unsigned char barrier[] = { 2, 2, 2, 2, 2, 2, 2, 2, 1, 1 };
	static const unsigned char barrier_edge[] = { 2, 3, 2, 3, 2, 3, 2, 3, 2, 3 };
	/* 2 2 5 5: mean 3.5, var 9 / 3 = 3, sd 1.732051;
	 * half = t(3) * 0.866025 = 2.756079: 0.74 .. 6.26, clamped to 1 .. 5 */
	static const unsigned char wide[] = { 2, 2, 5, 5 };
	/* 3 3 3: mean 3, sd 0, interval 3 .. 3 */
	static const unsigned char middle[] = { 3, 3, 3 };
	/* n = 2 < SCORE_MIN_N although both agree strongly */
	static const unsigned char few[] = { 5, 5 };
	/* mean 3.4 < 3.5 with 9 respondents: low n, interval aside */
	static const unsigned char nine[] = { 3, 3, 3, 4, 4, 4, 3, 4, 3 };
	struct score_result r;

	(void)state;
	assert_int_equal(class_of(enabler, 10, &r), CLASS_ENABLER);
	assert_float_equal(r.overall[0].mean, 4.2, EPS);
	assert_float_equal(r.overall[0].sd, 0.421637, EPS);
	assert_float_equal(r.overall[0].lo, 3.898379, EPS);
	assert_float_equal(r.overall[0].hi, 4.501621, EPS);
	assert_false(r.overall[0].low_n);	/* n = 10 = SCORE_LOW_N */
	assert_int_equal(r.complexity[0], CX_SIMPLE);
	score_release(&r);

	assert_int_equal(class_of(enabler_edge, 10, &r), CLASS_ENABLER);
	assert_float_equal(r.overall[0].lo, 3.122974, EPS);
	score_release(&r);

	assert_int_equal(class_of(barrier, 10, &r), CLASS_BARRIER);
	assert_float_equal(r.overall[0].hi, 2.101621, EPS);
	assert_int_equal(r.complexity[0], CX_COMPLICATED);
	score_release(&r);

	assert_int_equal(class_of(barrier_edge, 10, &r), CLASS_BARRIER);
	assert_float_equal(r.overall[0].hi, 2.877026, EPS);
	score_release(&r);

	assert_int_equal(class_of(wide, 4, &r), CLASS_MIXED);
	assert_float_equal(r.overall[0].sd, 1.732051, EPS);
	assert_float_equal(r.overall[0].lo, 1.0, EPS);
	assert_float_equal(r.overall[0].hi, 5.0, EPS);
	/* sd 1.73 >= 1.2 */
	assert_int_equal(r.complexity[0], CX_COMPLEX);
	score_release(&r);

	assert_int_equal(class_of(middle, 3, &r), CLASS_MIXED);
	assert_float_equal(r.overall[0].lo, 3.0, EPS);
	assert_float_equal(r.overall[0].hi, 3.0, EPS);
	assert_int_equal(r.complexity[0], CX_COMPLICATED);
	score_release(&r);

	assert_int_equal(class_of(few, 2, &r), CLASS_UNKNOWN);
	assert_int_equal(r.complexity[0], CX_COMPLICATED);
	score_release(&r);

	/* 3 x5, 4 x4: 31 / 9 = 3.444444 */
	assert_int_equal(class_of(nine, 9, &r), CLASS_MIXED);
	assert_float_equal(r.overall[0].mean, 3.444444, EPS);
	assert_true(r.overall[0].low_n);
	score_release(&r);
}

static void test_unknown_high_dk(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	/* three rate 5 and say don't know once: 3 / 6 = 0.5 >= SCORE_MAX_DK */
	fixture_init(&f, 2, 1, 1, 3);
	for (int i = 0; i < 3; i++)
		add(&f, 0, (unsigned char[]){ 5, DK });
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_float_equal(r.overall[0].dk_share, 0.5, EPS);
	assert_float_equal(r.overall[0].lo, 5.0, EPS);	/* sd 0 */
	assert_int_equal(r.overall[0].cls, CLASS_UNKNOWN);
	score_release(&r);

	/* a fourth rates 5 twice: 3 / 8 = 0.375, and 5 .. 5 is above 3 */
	add(&f, 0, (unsigned char[]){ 5, 5 });
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_float_equal(r.overall[0].dk_share, 0.375, EPS);
	assert_int_equal(r.overall[0].answers, 8);
	assert_int_equal(r.overall[0].cls, CLASS_ENABLER);
	score_release(&r);
}

static void test_ambivalent(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	/* group 0: 4 5 4 5, mean 4.5, var 1 / 3, sd 0.577350,
	 * half = t(3) * 0.288675 = 0.918693: lo 3.581307.
	 * group 1: 1 2 1 2, mean 1.5, hi 2.418693. Gap 3, 3.58 > 2.42. */
	fixture_init(&f, 1, 1, 3, 3);
	for (int i = 0; i < 4; i++) {
		add(&f, 0, (unsigned char[]){ 4 + i % 2 });
		add(&f, 1, (unsigned char[]){ 1 + i % 2 });
	}
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_float_equal(r.by_group[0].lo, 3.581307, EPS);
	assert_float_equal(r.by_group[1].hi, 2.418693, EPS);
	assert_true(r.ambivalent[0]);
	/* overall: squares 4+1+4+1+1+4+1+4 = 20 about 3, var 20 / 7,
	 * sd 1.690309 */
	assert_float_equal(r.overall[0].sd, 1.690309, EPS);
	assert_int_equal(r.overall[0].cls, CLASS_MIXED);
	assert_int_equal(r.complexity[0], CX_COMPLEX);
	score_release(&r);

	/* group 2: twenty 3s; overall squares still 20 over 28: var 20 / 27,
	 * sd 0.860663 < 1.2, so complex by ambivalence alone */
	add_n(&f, 2, 20, 3);
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_float_equal(r.overall[0].sd, 0.860663, EPS);
	assert_true(r.ambivalent[0]);
	assert_int_equal(r.complexity[0], CX_COMPLEX);
	score_release(&r);

	/* with k = 5 both groups of 4 are hidden (8 together, no secondary
	 * suppression needed) and hidden groups make no ambivalence */
	f.in.anonymity = 5;
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_true(r.by_group[0].suppressed && r.by_group[1].suppressed);
	assert_false(r.by_group[2].suppressed);
	assert_false(r.ambivalent[0]);
	assert_int_equal(r.complexity[0], CX_COMPLICATED);	/* mixed, sd 0.86 */
	score_release(&r);
}

static void test_not_ambivalent(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	/* 3 4 4 4 3: 18 / 5 = 3.6 against 3 3 4 4 3: 17 / 5 = 3.4 */
	fixture_init(&f, 1, 1, 2, 3);
	add_n(&f, 0, 3, 4);
	add_n(&f, 0, 2, 3);
	add_n(&f, 1, 2, 4);
	add_n(&f, 1, 3, 3);
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_float_equal(r.by_group[0].mean, 3.6, EPS);
	assert_float_equal(r.by_group[1].mean, 3.4, EPS);
	assert_false(r.ambivalent[0]);
	/* overall five 4s, five 3s: mean 3.5, sd 0.527046, lo 3.122974:
	 * an enabler with little spread, so simple */
	assert_int_equal(r.overall[0].cls, CLASS_ENABLER);
	assert_int_equal(r.complexity[0], CX_SIMPLE);
	score_release(&r);

	/* 3 5 3 5 (mean 4, lo 4 - 3.182446 * 0.577350 = 2.162614) against
	 * 1 3 1 3 (mean 2, hi 3.837386): far apart but the intervals overlap */
	fixture_init(&f, 1, 1, 2, 3);
	for (int i = 0; i < 4; i++) {
		add(&f, 0, (unsigned char[]){ 3 + 2 * (i % 2) });
		add(&f, 1, (unsigned char[]){ 1 + 2 * (i % 2) });
	}
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_float_equal(r.by_group[0].lo, 2.162614, EPS);
	assert_float_equal(r.by_group[1].hi, 3.837386, EPS);
	assert_false(r.ambivalent[0]);
	/* overall squares 4+0+4+0+0+4+0+4 = 16, var 16 / 7, sd 1.511858:
	 * complex by spread alone */
	assert_float_equal(r.overall[0].sd, 1.511858, EPS);
	assert_int_equal(r.complexity[0], CX_COMPLEX);
	score_release(&r);
}

static void test_hidden_group(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	/* k = 5: group 0 of 4 and group 1 of 3 hidden (7 together >= 5, so no
	 * secondary suppression); group 2 the enabler case of test_classes */
	fixture_init(&f, 1, 1, 3, 5);
	add_n(&f, 0, 4, 1);
	add_n(&f, 1, 3, 2);
	add_n(&f, 2, 8, 4);
	add_n(&f, 2, 2, 5);
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_int_equal(r.group_n[0], 4);
	assert_int_equal(r.group_n[1], 3);
	assert_int_equal(r.group_n[2], 10);
	assert_true(r.group_hidden[0]);
	assert_true(r.group_hidden[1]);
	assert_false(r.group_hidden[2]);
	assert_zeroed(&r.by_group[0]);
	assert_zeroed(&r.by_group[1]);
	assert_false(r.by_group[2].suppressed);
	assert_int_equal(r.by_group[2].n, 10);
	assert_float_equal(r.by_group[2].mean, 4.2, EPS);
	assert_float_equal(r.by_group[2].lo, 3.898379, EPS);
	/* overall: (4 * 1 + 3 * 2 + 8 * 4 + 2 * 5) / 17 = 52 / 17 = 3.058824 */
	assert_int_equal(r.overall[0].n, 17);
	assert_float_equal(r.overall[0].mean, 3.058824, EPS);
	score_release(&r);
}

static void test_secondary_suppression(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	/* groups of 6, 7 and 3, k = 5: the 3 is hidden; 3 alone could be
	 * recovered from the overall figure, so the smallest shown (6) goes too */
	fixture_init(&f, 1, 1, 3, 5);
	add_n(&f, 0, 6, 4);
	add_n(&f, 1, 7, 5);
	add_n(&f, 2, 3, 1);
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_true(r.group_hidden[2]);
	assert_false(r.group_hidden[0]);
	assert_zeroed(&r.by_group[2]);
	assert_zeroed(&r.by_group[0]);
	assert_false(r.by_group[1].suppressed);
	assert_int_equal(r.by_group[1].n, 7);
	assert_float_equal(r.by_group[1].mean, 5.0, EPS);
	/* overall: (6 * 4 + 7 * 5 + 3 * 1) / 16 = 62 / 16 = 3.875 */
	assert_int_equal(r.overall[0].n, 16);
	assert_float_equal(r.overall[0].mean, 3.875, EPS);
	score_release(&r);
}

static void test_suppression_per_determinant(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	/* three groups of 6, k = 5; on determinant 1 only 4 of group 0
	 * answer: that cell is suppressed though the group is not hidden, and
	 * the tie between groups 1 and 2 (6 each) goes to group 1 */
	fixture_init(&f, 2, 2, 3, 5);
	f.item_det[1] = 1;
	for (int i = 0; i < 6; i++)
		add(&f, 0, (unsigned char[]){ 4, i < 4 ? 2 : NA });
	add_n(&f, 1, 6, 3);
	add_n(&f, 2, 6, 5);
	assert_int_equal(score_compute(&f.in, &r), 0);
	for (int g = 0; g < 3; g++) {
		assert_false(r.group_hidden[g]);
		assert_false(r.by_group[g * 2 + 0].suppressed);
	}
	assert_zeroed(&r.by_group[0 * 2 + 1]);
	assert_zeroed(&r.by_group[1 * 2 + 1]);
	assert_false(r.by_group[2 * 2 + 1].suppressed);
	assert_int_equal(r.by_group[2 * 2 + 1].n, 6);
	/* determinant 1 overall: (4 * 2 + 6 * 3 + 6 * 5) / 16 = 56 / 16 = 3.5 */
	assert_int_equal(r.overall[1].n, 16);
	assert_float_equal(r.overall[1].mean, 3.5, EPS);
	score_release(&r);
}

static void test_suppression_dont_know_only(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	/* a hidden group of 2 who only said don't know: no ratings, but the
	 * overall answer count minus the shown ones would give them away,
	 * so the smallest shown group (6) is suppressed as well */
	fixture_init(&f, 1, 1, 3, 5);
	add_n(&f, 0, 6, 4);
	add_n(&f, 1, 7, 4);
	add_n(&f, 2, 2, DK);
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_zeroed(&r.by_group[2]);
	assert_zeroed(&r.by_group[0]);
	assert_false(r.by_group[1].suppressed);
	/* overall: 13 rated, 15 answers, 2 / 15 = 0.133333 don't know */
	assert_int_equal(r.overall[0].n, 13);
	assert_int_equal(r.overall[0].answers, 15);
	assert_float_equal(r.overall[0].dk_share, 0.133333, EPS);
	score_release(&r);
}

static void assert_refused(const struct score_input *in)
{
	struct score_result r;

	memset(&r, 0xff, sizeof(r));
	assert_int_equal(score_compute(in, &r), -1);
	assert_null(r.overall);
	assert_null(r.by_group);
	assert_null(r.group_n);
	assert_int_equal(r.nresp, 0);
	score_release(&r);	/* harmless */
}

static void test_bad_input(void **state)
{
	struct fixture f;

	(void)state;
	fixture_init(&f, 2, 1, 2, 3);
	add(&f, 0, (unsigned char[]){ 4, 5 });
	add(&f, 1, (unsigned char[]){ 2, DK });

	f.in.anonymity = 2;	/* below SCORE_ANONYMITY_FLOOR */
	assert_refused(&f.in);
	f.in.anonymity = 0;
	assert_refused(&f.in);
	f.in.anonymity = 3;

	f.item_det[1] = 1;	/* only determinant 0 exists */
	assert_refused(&f.in);
	f.item_det[1] = 0;

	f.group[1] = 2;		/* only groups 0 and 1 */
	assert_refused(&f.in);
	f.group[1] = 1;

	f.values[3] = 7;	/* answer codes stop at 6 */
	assert_refused(&f.in);
	f.values[3] = 255;
	assert_refused(&f.in);
	f.values[3] = DK;

	assert_refused(NULL);
	assert_int_equal(score_compute(&f.in, NULL), -1);
}

static void test_no_responses(void **state)
{
	struct fixture f;
	struct score_result r;

	(void)state;
	fixture_init(&f, 1, 1, 2, 3);
	assert_int_equal(score_compute(&f.in, &r), 0);
	assert_int_equal(r.overall[0].n, 0);
	assert_float_equal(r.overall[0].lo, 1.0, EPS);
	assert_float_equal(r.overall[0].hi, 5.0, EPS);
	assert_int_equal(r.overall[0].cls, CLASS_UNKNOWN);
	assert_true(r.group_hidden[0] && r.group_hidden[1]);
	assert_zeroed(&r.by_group[0]);
	assert_false(r.ambivalent[0]);
	assert_int_equal(r.complexity[0], CX_COMPLICATED);
	score_release(&r);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(score_class_name(CLASS_UNKNOWN), "unknown");
	assert_string_equal(score_class_name(CLASS_ENABLER), "enabler");
	assert_string_equal(score_class_name(CLASS_BARRIER), "barrier");
	assert_string_equal(score_class_name(CLASS_MIXED), "mixed");
	assert_string_equal(score_complexity_name(CX_SIMPLE), "simple");
	assert_string_equal(score_complexity_name(CX_COMPLICATED), "complicated");
	assert_string_equal(score_complexity_name(CX_COMPLEX), "complex");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_t95),
		cmocka_unit_test(test_mean_sd_interval),
		cmocka_unit_test(test_one_respondent),
		cmocka_unit_test(test_respondent_mean_first),
		cmocka_unit_test(test_reversed),
		cmocka_unit_test(test_dont_know),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_unknown_high_dk),
		cmocka_unit_test(test_ambivalent),
		cmocka_unit_test(test_not_ambivalent),
		cmocka_unit_test(test_hidden_group),
		cmocka_unit_test(test_secondary_suppression),
		cmocka_unit_test(test_suppression_per_determinant),
		cmocka_unit_test(test_suppression_dont_know_only),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_no_responses),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
