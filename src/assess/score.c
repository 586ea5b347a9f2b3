/* score.c: scores per determinant, overall and per group, in one pass over the answers. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assess/score.h"
#include "lib/xalloc.h"

/*
 * The answer codes of survey/survey.h (ANS_NONE, 1..5, ANS_DONT_KNOW),
 * repeated here because that header pulls in jansson and this module is
 * pure computation.
 */
#define V_DONT_KNOW 6
#define V_MAX 6

/*
 * Means are sums of fractions such as 10/3, so a mean meant to sit on a
 * threshold can land a rounding step either side of it; within this
 * distance counts as on it.
 */
#define SCORE_EPS 1e-9

/* Points of an answer code (masked to 0..7), plain and reversed. */
static const unsigned char points_of[2][8] = {
	{ 0, 1, 2, 3, 4, 5, 0, 0 },
	{ 0, 5, 4, 3, 2, 1, 0, 0 },
};
static const unsigned char is_rating[8] = { 0, 1, 1, 1, 1, 1, 0, 0 };
static const unsigned char is_dont_know[8] = { [V_DONT_KNOW] = 1 };

/* One respondent's answers on one determinant, while reading their row. */
struct tally {
	size_t points, ratings, dont_know;
};

/*
 * One cell's running sums. Scores are held shifted by the midpoint
 * (x = score - 3, so |x| <= 2): the sum of squares then stays small and
 * the variance formula loses no precision worth the name.
 */
struct acc {
	double s1, s2;		/* sum of x, sum of x * x */
	size_t n;		/* respondents with a rating */
	size_t held;		/* respondents with any answer, don't know included */
	size_t dk, answers;
};

static const double t95_small[31] = {
	HUGE_VAL,	/* df 0: no interval */
	12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818,
	2.4469119, 2.3646243, 2.3060041, 2.2621572, 2.2281389,
	2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495,
	2.1199053, 2.1098156, 2.1009220, 2.0930241, 2.0859634,
	2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386,
	2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422725,
};

/* Beyond 30: known points, interpolated linearly in 1/df (df 0 stands for infinity). */
static const struct { size_t df; double t; } t95_large[] = {
	{ 30, 2.0422725 }, { 40, 2.0210754 }, { 60, 2.0002978 },
	{ 120, 1.9799304 }, { 0, 1.9599640 },
};

/* Exact to 7 places for df 1..30 and at 40, 60, 120; df 0 gives HUGE_VAL. */
double score_t95(size_t df)
{
	size_t i;

	if (df <= 30)
		return t95_small[df];
	for (i = 1; t95_large[i].df && df > t95_large[i].df; i++)
		;
	if (df == t95_large[i].df)
		return t95_large[i].t;
	{
		double x = 1.0 / (double)df;
		double x0 = 1.0 / (double)t95_large[i - 1].df;
		double x1 = t95_large[i].df ? 1.0 / (double)t95_large[i].df : 0.0;
		double t0 = t95_large[i - 1].t, t1 = t95_large[i].t;

		return t0 + (t1 - t0) * (x - x0) / (x1 - x0);
	}
}

const char *score_class_name(enum score_class c)
{
	switch (c) {
	case CLASS_ENABLER:
		return "enabler";
	case CLASS_BARRIER:
		return "barrier";
	case CLASS_MIXED:
		return "mixed";
	case CLASS_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *score_complexity_name(enum score_complexity c)
{
	switch (c) {
	case CX_COMPLICATED:
		return "complicated";
	case CX_COMPLEX:
		return "complex";
	case CX_SIMPLE:
		break;
	}
	return "simple";
}

/* Whether in describes arrays that can be read as the header promises. */
static bool input_shape_ok(const struct score_input *in)
{
	if (in->anonymity < SCORE_ANONYMITY_FLOOR)
		return false;
	if (in->nitems && (!in->item_det || !in->item_reversed))
		return false;
	if (in->nresp && !in->resp_group)
		return false;
	if (in->nresp && in->nitems && !in->values)
		return false;
	if (in->nitems && in->nresp > SIZE_MAX / in->nitems)
		return false;
	if (in->ndets && in->ngroups > SIZE_MAX / in->ndets / sizeof(struct score_cell))
		return false;
	for (size_t i = 0; i < in->nitems; i++)
		if (in->item_det[i] >= in->ndets)
			return false;
	return true;
}

static void add_respondent(struct acc *a, const struct tally *t)
{
	size_t given = t->ratings + t->dont_know;

	a->answers += given;
	a->dk += t->dont_know;
	a->held += given != 0;
	if (t->ratings) {
		double x = (double)t->points / (double)t->ratings - SCORE_MIDPOINT;

		a->n++;
		a->s1 += x;
		a->s2 += x * x;
	}
}

/*
 * The one pass over the answers: each row is tallied per determinant,
 * then each determinant's score goes to its (group, determinant) cell.
 * Returns -1 at the first response with a bad group or answer code.
 */
static int accumulate(const struct score_input *in, struct acc *acc,
		      struct tally *tl)
{
	const size_t nitems = in->nitems, ndets = in->ndets;

	for (size_t r = 0; r < in->nresp; r++) {
		/* values may be NULL when there are no items */
		const unsigned char *row = nitems ? in->values + r * nitems : NULL;
		size_t g = in->resp_group[r];
		unsigned bad = 0;

		if (g >= in->ngroups)
			return -1;
		for (size_t i = 0; i < nitems; i++) {
			unsigned v = row[i];
			struct tally *t = &tl[in->item_det[i]];

			bad |= v > V_MAX;
			v &= 7;
			t->points += points_of[in->item_reversed[i]][v];
			t->ratings += is_rating[v];
			t->dont_know += is_dont_know[v];
		}
		if (bad)
			return -1;
		for (size_t d = 0; d < ndets; d++) {
			add_respondent(&acc[g * ndets + d], &tl[d]);
			tl[d] = (struct tally){ 0 };
		}
	}
	return 0;
}

static double clamp_scale(double x)
{
	return x < 1.0 ? 1.0 : x > 5.0 ? 5.0 : x;
}

static enum score_class classify(const struct score_cell *c)
{
	if (c->n < SCORE_MIN_N || c->dk_share >= SCORE_MAX_DK - SCORE_EPS)
		return CLASS_UNKNOWN;
	if (c->mean >= SCORE_ENABLER - SCORE_EPS && c->lo > SCORE_MIDPOINT)
		return CLASS_ENABLER;
	if (c->mean <= SCORE_BARRIER + SCORE_EPS && c->hi < SCORE_MIDPOINT)
		return CLASS_BARRIER;
	return CLASS_MIXED;
}

static void finish_cell(const struct acc *a, struct score_cell *c)
{
	double n = (double)a->n;

	*c = (struct score_cell){ .n = a->n, .lo = 1.0, .hi = 5.0 };
	if (a->n)
		c->mean = SCORE_MIDPOINT + a->s1 / n;
	if (a->n >= 2) {
		double var = (a->s2 - a->s1 * a->s1 / n) / (n - 1.0);
		double half;

		c->sd = var > 0.0 ? sqrt(var) : 0.0;
		half = score_t95(a->n - 1) * c->sd / sqrt(n);
		c->lo = clamp_scale(c->mean - half);
		c->hi = clamp_scale(c->mean + half);
	}
	c->answers = a->answers;
	c->dk_share = a->answers ? (double)a->dk / (double)a->answers : 0.0;
	c->cls = classify(c);
	c->low_n = a->n < SCORE_LOW_N;
}

/*
 * Suppression for determinant d: first every cell of a hidden group or
 * with fewer than k respondents; then, while the suppressed cells hold
 * 1 to k-1 respondents (who could be recovered as the overall figure
 * minus the shown cells), the shown cell with the fewest. "Hold" counts
 * anyone who answered, don't know included, so even the counts cannot
 * be recovered. Suppressed cells are zeroed but for the flag.
 */
static void suppress(struct score_result *r, const struct acc *acc, size_t d,
		     size_t k)
{
	const size_t ndets = r->ndets;
	size_t held = 0;

	for (size_t g = 0; g < r->ngroups; g++) {
		struct score_cell *c = &r->by_group[g * ndets + d];

		if (r->group_hidden[g] || c->n < k) {
			c->suppressed = true;
			held += acc[g * ndets + d].held;
		}
	}
	while (held > 0 && held < k) {
		struct score_cell *least = NULL;
		size_t lg = 0;

		for (size_t g = 0; g < r->ngroups; g++) {
			struct score_cell *c = &r->by_group[g * ndets + d];

			if (!c->suppressed && (!least || c->n < least->n)) {
				least = c;
				lg = g;
			}
		}
		if (!least)
			break;
		least->suppressed = true;
		held += acc[lg * ndets + d].held;
	}
	for (size_t g = 0; g < r->ngroups; g++) {
		struct score_cell *c = &r->by_group[g * ndets + d];

		if (c->suppressed)
			*c = (struct score_cell){ .suppressed = true };
	}
}

/* Whether shown cells hi and lo split: one an enabler, one a barrier, apart. */
static bool split(const struct score_cell *hi, const struct score_cell *lo)
{
	return hi->mean >= SCORE_ENABLER - SCORE_EPS &&
	       lo->mean <= SCORE_BARRIER + SCORE_EPS &&
	       hi->mean - lo->mean >= SCORE_AMBIVALENT_GAP - SCORE_EPS &&
	       hi->lo > lo->hi;
}

static bool usable(const struct score_cell *c)
{
	return !c->suppressed && c->n >= SCORE_MIN_N;
}

static bool ambivalent(const struct score_result *r, size_t d)
{
	for (size_t a = 0; a < r->ngroups; a++) {
		const struct score_cell *ca = &r->by_group[a * r->ndets + d];

		if (!usable(ca))
			continue;
		for (size_t b = 0; b < r->ngroups; b++) {
			const struct score_cell *cb = &r->by_group[b * r->ndets + d];

			if (b != a && usable(cb) && split(ca, cb))
				return true;
		}
	}
	return false;
}

static enum score_complexity complexity(const struct score_cell *overall,
					bool is_ambivalent)
{
	if (is_ambivalent || overall->sd >= SCORE_COMPLEX_SD - SCORE_EPS)
		return CX_COMPLEX;
	if (overall->cls != CLASS_ENABLER)
		return CX_COMPLICATED;
	return CX_SIMPLE;
}

static void result_alloc(struct score_result *r, const struct score_input *in)
{
	r->ndets = in->ndets;
	r->ngroups = in->ngroups;
	r->nresp = in->nresp;
	r->overall = xcalloc(in->ndets, sizeof(*r->overall));
	r->by_group = xcalloc(in->ngroups * in->ndets, sizeof(*r->by_group));
	r->group_n = xcalloc(in->ngroups, sizeof(*r->group_n));
	r->group_hidden = xcalloc(in->ngroups, sizeof(*r->group_hidden));
	r->ambivalent = xcalloc(in->ndets, sizeof(*r->ambivalent));
	r->complexity = xcalloc(in->ndets, sizeof(*r->complexity));
}

/* Fill r from the accumulated cells. */
static void result_fill(struct score_result *r, const struct score_input *in,
			const struct acc *acc)
{
	const size_t ndets = in->ndets;

	for (size_t i = 0; i < in->nresp; i++)
		r->group_n[in->resp_group[i]]++;
	for (size_t g = 0; g < in->ngroups; g++)
		r->group_hidden[g] = r->group_n[g] < in->anonymity;
	for (size_t d = 0; d < ndets; d++) {
		struct acc all = { 0 };

		for (size_t g = 0; g < in->ngroups; g++) {
			const struct acc *a = &acc[g * ndets + d];

			all.s1 += a->s1;
			all.s2 += a->s2;
			all.n += a->n;
			all.held += a->held;
			all.dk += a->dk;
			all.answers += a->answers;
			finish_cell(a, &r->by_group[g * ndets + d]);
		}
		finish_cell(&all, &r->overall[d]);
		suppress(r, acc, d, in->anonymity);
		r->ambivalent[d] = ambivalent(r, d);
		r->complexity[d] = complexity(&r->overall[d], r->ambivalent[d]);
	}
}

/*
 * On success out owns six arrays (score_release frees them). On -1, out
 * is all zeros, so score_release(out) is harmless; nothing was allocated.
 */
int score_compute(const struct score_input *in, struct score_result *out)
{
	struct acc *acc;
	struct tally *tl;
	int ret = -1;

	if (!out)
		return -1;
	memset(out, 0, sizeof(*out));
	if (!in || !input_shape_ok(in))
		return -1;
	acc = xcalloc(in->ngroups * in->ndets, sizeof(*acc));
	tl = xcalloc(in->ndets, sizeof(*tl));
	if (accumulate(in, acc, tl) < 0)
		goto cleanup;
	result_alloc(out, in);
	result_fill(out, in, acc);
	ret = 0;
cleanup:
	free(acc);
	free(tl);
	return ret;
}

void score_release(struct score_result *r)
{
	if (!r)
		return;
	free(r->overall);
	free(r->by_group);
	free(r->group_n);
	free(r->group_hidden);
	free(r->ambivalent);
	free(r->complexity);
	memset(r, 0, sizeof(*r));
}
