/*
 * survey.c: a survey and its responses in memory, and the rules every
 * reader of response files shares (answer codes, ids, groups, tailoring).
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "survey.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static void item_release(struct survey_item *it)
{
	free(it->id);
	free(it->determinant);
	free(it->determinant_title);
	free(it->text);
}

static void group_release(struct survey_group *g)
{
	free(g->id);
	free(g->title);
}

void survey_release(struct survey *s)
{
	for (size_t i = 0; i < s->nitems; i++)
		item_release(&s->items[i]);
	for (size_t g = 0; g < s->ngroups; g++)
		group_release(&s->groups[g]);
	free(s->items);
	free(s->groups);
	free(s->asked);
	free(s->project);
	free(s->title);
	memset(s, 0, sizeof(*s));
}

long survey_item_index(const struct survey *s, const char *id)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (!strcmp(s->items[i].id, id))
			return (long)i;
	return -1;
}

long survey_group_index(const struct survey *s, const char *id)
{
	for (size_t g = 0; g < s->ngroups; g++)
		if (!strcmp(s->groups[g].id, id))
			return (long)g;
	return -1;
}

long survey_comment_index(const struct survey *s, const char *name)
{
	size_t len = strlen(name), slen = strlen(SURVEY_COMMENT_SUFFIX);

	if (len <= slen || strcmp(name + len - slen, SURVEY_COMMENT_SUFFIX))
		return -1;
	len -= slen;
	for (size_t i = 0; i < s->nitems; i++)
		if (strlen(s->items[i].id) == len &&
		    !memcmp(s->items[i].id, name, len))
			return (long)i;
	return -1;
}

void survey_batch_init(struct survey_batch *b)
{
	memset(b, 0, sizeof(*b));
	strset_init(&b->ids);
}

static void response_release(struct survey_response *r, size_t nitems)
{
	for (size_t i = 0; i < nitems; i++)
		free(r->comments[i]);
	free(r->comments);
	free(r->values);
	free(r->id);
}

void survey_batch_release(struct survey_batch *b)
{
	for (size_t k = 0; k < b->n; k++)
		response_release(&b->v[k], b->nitems);
	free(b->v);
	strset_release(&b->ids);
	survey_batch_init(b);
}

struct survey_response *survey_batch_add(struct survey_batch *b,
					 const struct survey *s, long record)
{
	struct survey_response *r;

	assert(!b->n || b->nitems == s->nitems);
	b->nitems = s->nitems;
	XGROW(b->v, b->alloc, b->n + 1);
	r = &b->v[b->n++];
	memset(r, 0, sizeof(*r));
	r->group = SIZE_MAX;
	r->values = xcalloc(s->nitems, sizeof(*r->values));
	r->comments = xcalloc(s->nitems, sizeof(*r->comments));
	r->record = record;
	return r;
}

size_t survey_bom_len(const char *data, size_t len)
{
	return len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0;
}

bool survey_is_blank(const char *data, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		char c = data[k];
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			return false;
	}
	return true;
}

int survey_parse_value(const char *s, unsigned char *out)
{
	if (s[0] >= '1' && s[0] <= '5' && !s[1]) {
		*out = (unsigned char)(s[0] - '0');
		return 0;
	}
	if (!strcasecmp(s, "dk")) {
		*out = ANS_DONT_KNOW;
		return 0;
	}
	return -1;
}

int survey_set_id(struct survey_batch *b, struct survey_response *r,
		  const char *id, struct strbuf *why)
{
	if (!*id) {
		sb_adds(why, "the response id is empty; expected an identifier");
		return -1;
	}
	if (!strset_add(&b->ids, id)) {
		sb_addf(why, "duplicate response id '%s': an earlier response "
			"has it", id);
		return -1;
	}
	r->id = xstrdup(id);
	return 0;
}

/* "'a', 'b' or 'c'": the group ids, for messages. */
static void add_group_ids(struct strbuf *sb, const struct survey *s)
{
	for (size_t g = 0; g < s->ngroups; g++) {
		if (g)
			sb_adds(sb, g + 1 == s->ngroups ? " or " : ", ");
		sb_addf(sb, "'%s'", s->groups[g].id);
	}
}

int survey_set_group(const struct survey *s, struct survey_response *r,
		     const char *id, struct strbuf *why)
{
	long g = survey_group_index(s, id);

	if (g < 0) {
		sb_addf(why, "unknown group '%s'; expected ", id);
		add_group_ids(why, s);
		return -1;
	}
	r->group = (size_t)g;
	return 0;
}

/* Whether item i may be answered in r: asked of its group, not yet done. */
static int check_answerable(const struct survey *s,
			    const struct survey_response *r, size_t i,
			    bool done, struct strbuf *why)
{
	assert(i < s->nitems);
	if (done) {
		sb_addf(why, "item '%s' is answered twice", s->items[i].id);
		return -1;
	}
	if (r->group < s->ngroups && !s->asked[r->group * s->nitems + i]) {
		sb_addf(why, "item '%s' is not asked of group '%s'; expected no "
			"answer", s->items[i].id, s->groups[r->group].id);
		return -1;
	}
	return 0;
}

int survey_set_value(const struct survey *s, struct survey_response *r,
		     size_t i, unsigned char v, struct strbuf *why)
{
	assert((v >= 1 && v <= 5) || v == ANS_DONT_KNOW);
	if (check_answerable(s, r, i, r->values[i] != ANS_NONE, why))
		return -1;
	r->values[i] = v;
	return 0;
}

int survey_set_comment(const struct survey *s, struct survey_response *r,
		       size_t i, const char *text, struct strbuf *why)
{
	if (check_answerable(s, r, i, r->comments[i] != NULL, why))
		return -1;
	r->comments[i] = xstrdup(text);
	return 0;
}
