/*
 * test-roundtrip.c: the survey's whole path. Export the questionnaire as
 * FHIR, fill it in as a client would (walking the exported JSON), import
 * the responses into a real SQLite store, score them, and check the
 * scores against means this test computes itself. Then check that a
 * second import changes nothing and that a group of 4 never appears.
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

#include "assess/assessment.h"
#include "assess/project.h"
#include "kb/kb.h"
#include "lib/strbuf.h"
#include "store/store.h"
#include "survey/survey.h"
#include "testdb.h"

#define PER_GROUP 12	/* respondents in each of the first groups */
#define SMALL 4		/* respondents in the small group */

static struct kb kb;
static struct store *st;
static struct project proj;
static char dbpath[64];

static int setup(void **state)
{
	struct diags d;
	char *msg = NULL;
	struct strbuf err = STRBUF_INIT;
	int fd;

	(void)state;
	kb_init(&kb);
	diags_init(&d);
	if (kb_load_builtin(&kb, &d) || kb_finish(&kb, &d))
		return -1;
	diags_release(&d);
	snprintf(dbpath, sizeof(dbpath), "/tmp/waymark-rt-XXXXXX");
	fd = mkstemp(dbpath);
	if (fd < 0)
		return -1;
	close(fd);
	if (store_open(testdb_pg() ? testdb(NULL, "rt") : dbpath, &st, &msg))
		return -1;
	project_init(&proj, "rt");
	project_set(&proj, "anonymity", "5", &err);
	sb_release(&err);
	if (store_project_add(st, &proj))
		return -1;
	/* three determinants keep the arithmetic readable */
	{
		char d1[] = "leadership", d2[] = "resourcing", d3[] = "safety-equity";
		char *dets[] = { d1, d2, d3 };
		if (store_survey_set_dets(st, proj.id, dets, 3))
			return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	char wal[80], shm[80];

	(void)state;
	project_release(&proj);
	store_close(st);
	kb_release(&kb);
	snprintf(wal, sizeof(wal), "%s-wal", dbpath);
	snprintf(shm, sizeof(shm), "%s-shm", dbpath);
	unlink(dbpath);
	unlink(wal);
	unlink(shm);
	return 0;
}

/* The answer respondent r of group g gives to item i: a fixed pattern. */
static int answer(size_t g, size_t r, size_t i)
{
	if ((r + i) % 11 == 0)
		return 6;	/* don't know */
	return 1 + (int)((g * 2 + r + i * 3) % 5);
}

/* Collect the choice items of an exported Questionnaire, in order. */
static void choice_items(json_t *items, json_t *out)
{
	size_t k;
	json_t *it;

	json_array_foreach(items, k, it) {
		const char *type = json_string_value(json_object_get(it, "type"));
		if (!strcmp(type, "group"))
			choice_items(json_object_get(it, "item"), out);
		else if (!strcmp(type, "choice") &&
			 strcmp(json_string_value(json_object_get(it, "linkId")),
				"group"))
			json_array_append(out, it);
	}
}

/* Groups of the Questionnaire's first item, as a client sees them. */
static json_t *group_codes(json_t *q)
{
	json_t *first = json_array_get(json_object_get(q, "item"), 0);
	return json_object_get(first, "answerOption");
}

static json_t *one_response(json_t *choices, const char *group, size_t g,
			    size_t r)
{
	json_t *items = json_array(), *it;
	char id[64];
	size_t i;

	json_array_append_new(items, json_pack("{s:s, s:[{s:{s:s, s:s}}]}",
		"linkId", "group", "answer", "valueCoding", "system",
		"urn:waymark:group", "code", group));
	json_array_foreach(choices, i, it) {
		int v = answer(g, r, i);
		char code[4];
		snprintf(code, sizeof(code), "%d", v);
		json_array_append_new(items, json_pack("{s:O, s:[{s:{s:s, s:s}}]}",
			"linkId", json_object_get(it, "linkId"), "answer",
			"valueCoding", "system", "urn:waymark:agreement", "code",
			v == 6 ? "dk" : code));
	}
	snprintf(id, sizeof(id), "rt-%s-%zu", group, r);
	return json_pack("{s:s, s:{s:s}, s:s, s:o}", "resourceType",
			 "QuestionnaireResponse", "identifier", "value", id,
			 "status", "completed", "item", items);
}

/* Import a Bundle of every response; returns how many were added. */
static size_t import(const struct survey *s, const char *bundle_text)
{
	struct survey_batch b;
	struct diags d;
	char **ids = calloc(s->nitems, sizeof(*ids));
	size_t *slots = calloc(s->nitems, sizeof(*slots)), added = 0;
	unsigned char packed[256];

	diags_init(&d);
	survey_batch_init(&b);
	assert_int_equal(survey_parse_fhir(s, "bundle.json", bundle_text,
					   strlen(bundle_text), &b, &d), 0);
	diags_print(&d, stderr);
	assert_int_equal(d.n, 0);
	for (size_t i = 0; i < s->nitems; i++)
		ids[i] = s->items[i].id;
	assert_int_equal(store_items(st, proj.id, ids, s->nitems, slots, true), 0);
	for (size_t k = 0; k < b.n; k++) {
		bool exists;
		assert_int_equal(store_response_exists(st, proj.id, b.v[k].id,
						       &exists), 0);
		if (exists)
			continue;
		memset(packed, 0, sizeof(packed));
		for (size_t i = 0; i < s->nitems; i++)
			packed[slots[i]] = b.v[k].values[i];
		assert_int_equal(store_response_add(st, proj.id, 1, b.v[k].id,
			s->groups[b.v[k].group].id, packed, s->nitems, NULL), 0);
		added++;
	}
	survey_batch_release(&b);
	diags_release(&d);
	free(ids);
	free(slots);
	return added;
}

static void test_roundtrip(void **state)
{
	struct survey s;
	struct assessment a;
	json_t *q, *choices = json_array(), *entries = json_array(), *opt;
	size_t ngroups = 3, k;
	char *text;

	(void)state;
	assert_int_equal(survey_build(&kb, st, &proj, &s), 0);
	q = survey_to_fhir(&s);
	assert_string_equal(json_string_value(json_object_get(q, "resourceType")),
			    "Questionnaire");
	choice_items(json_object_get(q, "item"), choices);
	assert_int_equal(json_array_size(choices), s.nitems);
	assert_int_equal(json_array_size(group_codes(q)), s.ngroups);

	/* groups 0 and 1 answer in full; group 2 has only SMALL people */
	json_array_foreach(group_codes(q), k, opt) {
		const char *code = json_string_value(json_object_get(
			json_object_get(opt, "valueCoding"), "code"));
		size_t n = k < 2 ? PER_GROUP : SMALL;
		if (k >= ngroups)
			break;
		for (size_t r = 0; r < n; r++)
			json_array_append_new(entries, json_pack("{s:o}", "resource",
				one_response(choices, code, k, r)));
	}
	{
		json_t *bundle = json_pack("{s:s, s:s, s:o}", "resourceType",
					   "Bundle", "type", "collection",
					   "entry", entries);
		text = json_dumps(bundle, JSON_COMPACT);
		json_decref(bundle);
	}
	assert_int_equal(import(&s, text), 2 * PER_GROUP + SMALL);
	/* the same responses again change nothing */
	assert_int_equal(import(&s, text), 0);

	assert_int_equal(assessment_load(&kb, st, &proj, 0, &a), 0);
	assert_int_equal(a.score.nresp, 2 * PER_GROUP + SMALL);
	/* check each determinant's overall mean against our own arithmetic */
	for (size_t d = 0; d < a.ndets; d++) {
		double sum = 0;
		size_t n = 0;
		for (size_t g = 0; g < ngroups; g++) {
			for (size_t r = 0; r < (g < 2 ? PER_GROUP : SMALL); r++) {
				double rs = 0;
				size_t ri = 0;
				for (size_t i = 0; i < s.nitems; i++) {
					int v = answer(g, r, i);
					if (strcmp(s.items[i].determinant, a.dets[d]) || v == 6)
						continue;
					rs += s.items[i].reversed ? 6 - v : v;
					ri++;
				}
				if (ri) {
					sum += rs / (double)ri;
					n++;
				}
			}
		}
		assert_int_equal(a.score.overall[d].n, n);
		assert_true(fabs(a.score.overall[d].mean - sum / (double)n) < 1e-9);
	}
	/* the group of 4 is in no output: not its id, not its numbers */
	{
		json_t *j = assessment_json(&a);
		char *out = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		assert_null(strstr(out, s.groups[2].id));
		assert_non_null(strstr(out, s.groups[0].id));
		assert_non_null(strstr(out, "\"groups_hidden\":1"));
		free(out);
	}
	assessment_release(&a);
	free(text);
	json_decref(q);
	json_decref(choices);
	survey_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
	};
	return cmocka_run_group_tests_name("roundtrip", tests, setup, teardown);
}
