/*
 * score-gen.c: generates N survey responses in memory (40 items: 10
 * determinants x 4 items, 9 groups, fixed seed) and times score_compute
 * on them. Driven by bench/score.sh. Usage: score-gen [N]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "assess/score.h"
#include "lib/xalloc.h"

#define NDETS 10
#define PER_DET 4
#define NITEMS (NDETS * PER_DET)
#define NGROUPS 9
#define SEED 0x5eedc0ffee2024ULL

/* Share of responses per group, in per cent: a few large, a few tiny. */
static const unsigned group_share[NGROUPS] = { 30, 20, 15, 10, 8, 7, 5, 3, 2 };

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint16_t pick_group(uint64_t bits)
{
	unsigned p = (unsigned)(bits % 100), acc = 0;

	for (uint16_t g = 0; g < NGROUPS; g++) {
		acc += group_share[g];
		if (p < acc)
			return g;
	}
	return NGROUPS - 1;
}

/*
 * One answer: the group's lean on the determinant plus noise of -1..+1,
 * 4% don't know, 3% blank; a reversed item stores the mirror image.
 */
static unsigned char answer(int lean, bool reversed, uint64_t bits)
{
	unsigned roll = (unsigned)(bits % 100);
	int v;

	if (roll < 3)
		return 0;
	if (roll < 7)
		return 6;
	v = lean + (int)((bits >> 8) % 3) - 1;
	v = v < 1 ? 1 : v > 5 ? 5 : v;
	return (unsigned char)(reversed ? 6 - v : v);
}

static void generate(size_t n, unsigned char *values, uint16_t *group)
{
	uint64_t s = SEED;
	int lean[NGROUPS][NDETS];

	for (int g = 0; g < NGROUPS; g++)
		for (int d = 0; d < NDETS; d++)
			lean[g][d] = 1 + (int)(splitmix64(&s) % 5);
	for (size_t r = 0; r < n; r++) {
		group[r] = pick_group(splitmix64(&s));
		for (size_t i = 0; i < NITEMS; i++)
			values[r * NITEMS + i] =
				answer(lean[group[r]][i / PER_DET],
				       i % PER_DET == PER_DET - 1, splitmix64(&s));
	}
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
	size_t item_det[NITEMS];
	bool item_reversed[NITEMS];
	unsigned char *values = xmalloc(n * NITEMS);
	uint16_t *group = xmalloc(n * sizeof(*group));
	struct score_result res;
	double t0, t1, t2;

	for (size_t i = 0; i < NITEMS; i++) {
		item_det[i] = i / PER_DET;
		item_reversed[i] = i % PER_DET == PER_DET - 1;
	}
	t0 = seconds();
	generate(n, values, group);
	t1 = seconds();
	if (score_compute(&(struct score_input){
			.nitems = NITEMS, .ndets = NDETS, .ngroups = NGROUPS,
			.nresp = n, .item_det = item_det,
			.item_reversed = item_reversed, .values = values,
			.resp_group = group,
			.anonymity = SCORE_ANONYMITY_DEFAULT }, &res) < 0) {
		fputs("score-gen: score_compute refused the input\n", stderr);
		return 1;
	}
	t2 = seconds();

	printf("responses: %zu x %d items (%d determinants, %d groups)\n",
	       n, NITEMS, NDETS, NGROUPS);
	printf("generate: %.3f s\n", t1 - t0);
	printf("score_compute: %.3f s\n", t2 - t1);
	for (size_t d = 0; d < 3; d++)
		printf("determinant %zu: n %zu, mean %.3f, sd %.3f, %s, %s\n", d,
		       res.overall[d].n, res.overall[d].mean, res.overall[d].sd,
		       score_class_name(res.overall[d].cls),
		       score_complexity_name(res.complexity[d]));
	score_release(&res);
	free(values);
	free(group);
	return 0;
}
