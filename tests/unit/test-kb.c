/* test-kb.c: the shipped evidence base holds each document's structure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kb/kb.h"

static struct kb kb;

static int setup(void **state)
{
	struct diags errs;

	(void)state;
	kb_init(&kb);
	diags_init(&errs);
	if (kb_load_builtin(&kb, &errs) || kb_finish(&kb, &errs)) {
		diags_print(&errs, stderr);
		return -1;
	}
	diags_release(&errs);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kb_release(&kb);
	return 0;
}

/* Elements of framework fw and kind (and attr key=value when given). */
static size_t count(const char *fw, const char *kind, const char *key,
		    const char *value)
{
	const struct kb_framework *f = kb_framework(&kb, fw);
	size_t n = 0;

	assert_non_null(f);
	for (size_t i = 0; i < f->nelements; i++) {
		const struct kb_element *e = &f->elements[i];
		const char *v;
		if (strcmp(e->kind.s, kind))
			continue;
		if (key && (!(v = kb_attr(e, key)) || strcmp(v, value)))
			continue;
		n++;
	}
	return n;
}

/* Children of parent id of a kind. */
static size_t children(const char *parent, const char *kind)
{
	size_t n = 0;

	for (size_t i = 0; i < kb.nindex; i++) {
		const struct kb_element *e = kb.index[i];
		if (e->parent.s && !strcmp(e->parent.s, parent) &&
		    !strcmp(e->kind.s, kind))
			n++;
	}
	return n;
}

static void test_streams(void **state)
{
	(void)state;
	assert_int_equal(count("streams-2022", "theme", NULL, NULL), 5);
	assert_int_equal(count("streams-2022", "enabler", NULL, NULL), 11);
	assert_int_equal(count("streams-2022", "barrier", NULL, NULL), 16);
	assert_int_equal(count("streams-2022", "lesson", NULL, NULL), 20);
}

static void test_toolkit(void **state)
{
	static const char *const steps[] = {
		"vision", "strategy", "business-case", "procurement",
		"implement", "optimise"
	};
	static const char *const kinds[] = {
		"activity", "consideration", "checkpoint", "next-step"
	};
	const char *fw = "nhsd-mobile-toolkit";

	(void)state;
	assert_int_equal(count(fw, "success-factor", "group", "organisational"), 6);
	assert_int_equal(count(fw, "success-factor", "group", "mobile"), 4);
	assert_int_equal(count(fw, "phase", NULL, NULL), 3);
	assert_int_equal(count(fw, "step", NULL, NULL), 6);
	assert_int_equal(children("nhsd-mobile-toolkit.phase.analyse", "step"), 2);
	assert_int_equal(children("nhsd-mobile-toolkit.phase.decide", "step"), 2);
	assert_int_equal(children("nhsd-mobile-toolkit.phase.deploy", "step"), 2);
	/* every step has its activities, considerations, checkpoints and next steps */
	for (size_t s = 0; s < 6; s++) {
		char id[64];
		snprintf(id, sizeof(id), "nhsd-mobile-toolkit.step.%s", steps[s]);
		assert_non_null(kb_element(&kb, id));
		for (size_t k = 0; k < 4; k++)
			assert_true(children(id, kinds[k]) > 0);
	}
}

static void test_hf(void **state)
{
	(void)state;
	assert_int_equal(count("hf-tech-framework", "factor", NULL, NULL), 7);
}

static void test_kingsfund(void **state)
{
	static const char *const themes[] = {
		"leadership", "user-engagement", "information-governance",
		"partnerships", "resourcing-skills"
	};
	const char *fw = "kingsfund-2018";

	(void)state;
	assert_int_equal(count(fw, "theme", NULL, NULL), 5);
	assert_int_equal(count(fw, "strategy", NULL, NULL), 9);
	assert_int_equal(count(fw, "site", NULL, NULL), 5);
	assert_true(count(fw, "challenge", NULL, NULL) > 0);
	assert_true(count(fw, "solution", NULL, NULL) > 0);
	assert_true(count(fw, "rollout-factor", NULL, NULL) > 0);
	assert_true(count(fw, "lesson", NULL, NULL) > 0);
	for (size_t t = 0; t < 5; t++) {
		char id[64];
		snprintf(id, sizeof(id), "kingsfund-2018.theme.%s", themes[t]);
		assert_true(children(id, "barrier") > 0);
		assert_true(children(id, "remedy") > 0);
		assert_true(children(id, "evolution") > 0);
	}
	/* each site says what it deployed */
	for (size_t i = 0; i < kb.nindex; i++)
		if (!strcmp(kb.index[i]->kind.s, "site"))
			assert_non_null(kb_attr(kb.index[i], "technology"));
}

static void test_epaccs(void **state)
{
	const char *fw = "epaccs-2024";
	size_t boxes = 0;

	(void)state;
	assert_int_equal(count(fw, "challenge", NULL, NULL), 9);
	assert_int_equal(count(fw, "driver", NULL, NULL), 4);
	assert_int_equal(count(fw, "force", NULL, NULL), 9);
	assert_int_equal(count(fw, "force", "nature", "oppositional") +
			 count(fw, "force", "nature", "ambivalent"), 9);
	/* drivers are ordered 1..4 from internal to external */
	for (int o = 1; o <= 4; o++) {
		char v[16];
		snprintf(v, sizeof(v), "%d", o);
		assert_int_equal(count(fw, "driver", "order", v), 1);
	}
	boxes += count(fw, "recommendation", "box", "3") > 0;
	boxes += count(fw, "recommendation", "box", "5") > 0;
	boxes += count(fw, "recommendation", "box", "7") > 0;
	assert_int_equal(boxes, 3);
	/* subtypes belong to challenges */
	for (size_t i = 0; i < kb.nindex; i++) {
		const struct kb_element *e = kb.index[i];
		if (!strcmp(e->kind.s, "subtype")) {
			const struct kb_element *p = kb_element(&kb, e->parent.s);
			assert_non_null(p);
			assert_string_equal(p->kind.s, "challenge");
		}
	}
}

static void test_every_element_cited_and_linked(void **state)
{
	(void)state;
	assert_true(kb.ndeterminants >= 15 && kb.ndeterminants <= 25);
	for (size_t i = 0; i < kb.nindex; i++) {
		const struct kb_element *e = kb.index[i];
		assert_non_null(e->source.s);
		assert_true(strlen(e->source.s) > 0);
		assert_non_null(e->framework->citation.s);
		assert_true(e->ndeterminants > 0);
	}
	/* every determinant is used by at least two frameworks */
	for (size_t d = 0; d < kb.ndeterminants; d++) {
		size_t fws = 0;
		for (size_t f = 0; f < kb.nframeworks; f++)
			fws += kb_count_linked(&kb, kb.frameworks[f],
					       kb.determinants[d].id.s) > 0;
		assert_true(fws >= 2);
	}
}

static void test_lookup_and_overlay(void **state)
{
	struct kb k;
	struct diags errs;
	static const char good[] =
		"framework: {id: hf-tech-framework, title: T, citation: C}\n"
		"elements:\n"
		"  - {id: hf-tech-framework.factor.x, kind: factor, title: X,\n"
		"     summary: S, determinants: [leadership], source: s}\n";
	static const char bad[] = "framework: {id: broken\n";

	(void)state;
	assert_non_null(kb_element(&kb, "streams-2022.barrier.byod-mdm"));
	assert_null(kb_element(&kb, "streams-2022.barrier.nope"));

	kb_init(&k);
	diags_init(&errs);
	assert_int_equal(kb_load_builtin(&k, &errs), 0);
	/* a bad file changes nothing */
	assert_int_equal(kb_load_buffer(&k, "bad.yaml", bad, strlen(bad), &errs), -1);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.v[0].file, "bad.yaml");
	assert_int_equal(k.nframeworks, kb.nframeworks);
	/* a framework with a known id replaces the old one whole */
	assert_int_equal(kb_load_buffer(&k, "hf.yaml", good, strlen(good), &errs), 0);
	assert_int_equal(k.nframeworks, kb.nframeworks);
	assert_int_equal(kb_framework(&k, "hf-tech-framework")->nelements, 1);
	diags_release(&errs);
	assert_int_equal(kb_finish(&k, &errs), 0);
	kb_release(&k);
}

static void test_search_ranks_titles(void **state)
{
	struct kb_hit *hits;
	size_t n;

	(void)state;
	n = kb_search(&kb, "BYOD", &hits);
	assert_true(n >= 3);
	for (size_t i = 1; i < n; i++)
		assert_true(hits[i - 1].score >= hits[i].score);
	kb_hits_free(hits, n);
	/* stop words alone match nothing */
	n = kb_search(&kb, "the and of", &hits);
	assert_int_equal(n, 0);
	kb_hits_free(hits, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_streams),
		cmocka_unit_test(test_toolkit),
		cmocka_unit_test(test_hf),
		cmocka_unit_test(test_kingsfund),
		cmocka_unit_test(test_epaccs),
		cmocka_unit_test(test_every_element_cited_and_linked),
		cmocka_unit_test(test_lookup_and_overlay),
		cmocka_unit_test(test_search_ranks_titles),
	};
	return cmocka_run_group_tests_name("kb", tests, setup, teardown);
}
