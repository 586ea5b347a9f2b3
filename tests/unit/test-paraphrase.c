/*
 * test-paraphrase.c: no run of 10 or more consecutive words is shared
 * between the evidence text and a seed document.
 *
 * Words are lower-cased runs of ASCII letters and digits (text_words).
 * Every 10-word window of each seed goes into a hash set; every window of
 * every element's title, summary and note, each framework's summary,
 * each action's title and summary and each survey statement is looked up
 * in it. The seeds are read from
 * $WAYMARK_SEEDS, else ../shared/seeds; if absent the test says so and
 * skips.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"

#define RUN 10

/* Rolling list of the last RUN word hashes. */
struct window {
	uint64_t h[RUN];
	size_t n;
};

/* An open-addressing set of 64-bit window hashes. */
struct set {
	uint64_t *v;
	size_t cap, n;
};

static uint64_t hash_word(const char *w)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */
	for (; *w; w++)
		h = (h ^ (unsigned char)*w) * 1099511628211ULL;
	return h;
}

static uint64_t window_hash(const struct window *w)
{
	uint64_t h = 0;
	for (size_t i = 0; i < RUN; i++)
		h = h * 0x9E3779B97F4A7C15ULL + w->h[(w->n + i) % RUN];
	return h | 1;	/* 0 marks an empty slot */
}

static void set_add(struct set *s, uint64_t h)
{
	if (2 * (s->n + 1) > s->cap) {
		struct set bigger = { xcalloc(s->cap ? 2 * s->cap : 1024, 8),
				      s->cap ? 2 * s->cap : 1024, 0 };
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i])
				set_add(&bigger, s->v[i]);
		free(s->v);
		*s = bigger;
	}
	for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (s->v[i] == h)
			return;
		if (!s->v[i]) {
			s->v[i] = h;
			s->n++;
			return;
		}
	}
}

static int set_has(const struct set *s, uint64_t h)
{
	for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (s->v[i] == h)
			return 1;
		if (!s->v[i])
			return 0;
	}
}

struct scan {
	struct window w;
	struct set *seeds;	/* the set to look windows up in, or */
	struct set *build;	/* the set to add windows to */
	int found;
};

static void on_word(const char *word, size_t len, void *ctx)
{
	struct scan *sc = ctx;

	(void)len;
	sc->w.h[sc->w.n % RUN] = hash_word(word);
	sc->w.n++;
	if (sc->build) {
		if (sc->w.n >= RUN)
			set_add(sc->build, window_hash(&sc->w));
		return;
	}
	if (sc->w.n >= RUN && !sc->found && set_has(sc->seeds, window_hash(&sc->w)))
		sc->found = 1;
}

static struct set seeds;
static struct kb kb;
static size_t nseeds;

static void build_seeds(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
		struct set *s = &seeds;
		size_t len = strlen(de->d_name);
		if (len < 4 || strcmp(de->d_name + len - 4, ".txt"))
			continue;
		sb_addf(&path, "%s/%s", dir, de->d_name);
		if (sb_read_file(&text, path.buf) == 0) {
			struct scan sc = { { { 0 }, 0 }, NULL, s, 0 };
			text_words(text.buf, on_word, &sc);
			nseeds++;
		}
		sb_release(&path);
		sb_release(&text);
	}
	if (d)
		closedir(d);
}

static int setup(void **state)
{
	struct diags errs;
	const char *dir = getenv("WAYMARK_SEEDS");

	(void)state;
	build_seeds(dir ? dir : "../shared/seeds");
	kb_init(&kb);
	diags_init(&errs);
	if (kb_load_builtin(&kb, &errs) || kb_finish(&kb, &errs))
		return -1;
	diags_release(&errs);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_release(&kb);
	free(seeds.v);
	return 0;
}

/* Returns 1 and prints the place if text shares a 10-word run with a seed. */
static int copied(const char *where, const char *text)
{
	struct scan sc = { { { 0 }, 0 }, &seeds, NULL, 0 };

	if (!text)
		return 0;
	text_words(text, on_word, &sc);
	if (sc.found)
		fprintf(stderr, "copied run of %d words in %s: \"%s\"\n", RUN,
			where, text);
	return sc.found;
}

static void test_seeds_present(void **state)
{
	(void)state;
	if (!nseeds) {
		fprintf(stderr, "seeds not found (set WAYMARK_SEEDS or place "
			"them at ../shared/seeds): copied-sentence test skipped\n");
		skip();
	}
	assert_int_equal(nseeds, 5);
}

static void test_no_copied_runs(void **state)
{
	int bad = 0;

	(void)state;
	if (!nseeds)
		skip();
	for (size_t f = 0; f < kb.nframeworks; f++) {
		const struct kb_framework *fw = kb.frameworks[f];
		bad += copied(fw->id.s, fw->summary.s);
		for (size_t i = 0; i < fw->nelements; i++) {
			const struct kb_element *e = &fw->elements[i];
			bad += copied(e->id.s, e->title.s);
			bad += copied(e->id.s, e->summary.s);
			bad += copied(e->id.s, e->note.s);
		}
	}
	for (size_t i = 0; i < kb.nactions; i++) {
		bad += copied(kb.actions[i].id.s, kb.actions[i].title.s);
		bad += copied(kb.actions[i].id.s, kb.actions[i].summary.s);
	}
	for (size_t d = 0; d < kb.ndeterminants; d++) {
		const struct kb_determinant *det = &kb.determinants[d];
		bad += copied(det->id.s, det->summary.s);
		for (size_t s = 0; s < det->nstatements; s++)
			bad += copied(det->statements[s].id.s,
				      det->statements[s].text.s);
	}
	assert_int_equal(bad, 0);
}

/* The check itself must catch a copied sentence. */
static void test_detector_catches_copy(void **state)
{
	(void)state;
	if (!nseeds)
		skip();
	/* from the Streams abstract: the first ten words of the Results */
	assert_int_equal(copied("probe", "In total, 14 participants were "
				"interviewed. Key enablers identified were the "
				"establishment"), 1);
	assert_int_equal(copied("probe", "Fourteen people took part in "
				"interviews about the app"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seeds_present),
		cmocka_unit_test(test_no_copied_runs),
		cmocka_unit_test(test_detector_catches_copy),
	};
	return cmocka_run_group_tests_name("paraphrase", tests, setup, teardown);
}
