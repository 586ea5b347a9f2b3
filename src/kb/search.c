/* search.c: ranked full-text search over the evidence base. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"

/* Field weights: a word in a title or keyword says more than one in prose. */
#define W_TITLE 3.0
#define W_KEYWORD 3.0
#define W_SUMMARY 1.0
#define W_NOTE 0.5
/* BM25 constants, the usual values. */
#define BM25_K1 1.2
#define BM25_B 0.75

#define MAX_TERMS 16

struct term {
	char *word;		/* as typed, lower case */
	char *stem;
	double df;		/* elements containing it */
};

struct query {
	struct term terms[MAX_TERMS];
	size_t n;
	struct stemmer *st;
};

struct counter {
	struct query *q;
	double weight;
	double tf[MAX_TERMS];
	double len;
};

static void add_query_word(const char *w, size_t len, void *ctx)
{
	struct query *q = ctx;
	const char *s;

	if (text_is_stopword(w) || q->n == MAX_TERMS)
		return;
	s = stem(q->st, w, len);
	for (size_t i = 0; i < q->n; i++)
		if (!strcmp(q->terms[i].stem, s))
			return;
	q->terms[q->n].word = xstrdup(w);
	q->terms[q->n].stem = xstrdup(s);
	q->terms[q->n].df = 0;
	q->n++;
}

static void count_word(const char *w, size_t len, void *ctx)
{
	struct counter *c = ctx;
	const char *s = NULL;

	c->len += c->weight;
	for (size_t i = 0; i < c->q->n; i++) {
		const char *t = c->q->terms[i].stem;
		/* English stems keep a word's first letters: skip the rest */
		if (w[0] != t[0] || (len > 1 && t[1] && w[1] != t[1]))
			continue;
		if (!s)
			s = stem(c->q->st, w, len);
		if (!strcmp(s, t))
			c->tf[i] += c->weight;
	}
}

static void count_field(struct counter *c, const char *text, double weight)
{
	if (!text)
		return;
	c->weight = weight;
	text_words(text, count_word, c);
}

static void count_element(struct counter *c, const struct kb_element *e)
{
	memset(c->tf, 0, sizeof(c->tf));
	c->len = 0;
	count_field(c, e->title.s, W_TITLE);
	count_field(c, e->summary.s, W_SUMMARY);
	count_field(c, e->note.s, W_NOTE);
	for (size_t i = 0; i < e->nkeywords; i++)
		count_field(c, e->keywords[i].s, W_KEYWORD);
}

static int cmp_hit(const void *a, const void *b)
{
	const struct kb_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return strcmp(x->el->id.s, y->el->id.s);
}

size_t kb_search(const struct kb *kb, const char *query, struct kb_hit **hits)
{
	struct query q = { .n = 0 };
	struct counter c = { .q = &q };
	double (*tf)[MAX_TERMS], *len, total = 0, avg;
	size_t n = kb->nindex, nhits = 0;

	*hits = NULL;
	q.st = stemmer_new();
	text_words(query, add_query_word, &q);
	if (!q.n || !n)
		goto done;
	tf = xcalloc(n, sizeof(*tf));
	len = xcalloc(n, sizeof(*len));
	for (size_t i = 0; i < n; i++) {
		count_element(&c, kb->index[i]);
		memcpy(tf[i], c.tf, sizeof(c.tf));
		len[i] = c.len;
		total += c.len;
		for (size_t t = 0; t < q.n; t++)
			if (c.tf[t] > 0)
				q.terms[t].df++;
	}
	avg = total / (double)n;
	*hits = xcalloc(n, sizeof(**hits));
	for (size_t i = 0; i < n; i++) {
		struct strbuf matched = STRBUF_INIT;
		double score = 0;

		for (size_t t = 0; t < q.n; t++) {
			double f = tf[i][t], df = q.terms[t].df, idf;
			if (f <= 0)
				continue;
			idf = log(1.0 + ((double)n - df + 0.5) / (df + 0.5));
			score += idf * f * (BM25_K1 + 1) /
				 (f + BM25_K1 * (1 - BM25_B + BM25_B * len[i] / avg));
			if (matched.len)
				sb_addch(&matched, ' ');
			sb_adds(&matched, q.terms[t].word);
		}
		if (score > 0) {
			(*hits)[nhits].el = kb->index[i];
			(*hits)[nhits].score = score;
			(*hits)[nhits].matched = sb_detach(&matched);
			nhits++;
		}
		sb_release(&matched);
	}
	qsort(*hits, nhits, sizeof(**hits), cmp_hit);
	free(tf);
	free(len);
done:
	for (size_t t = 0; t < q.n; t++) {
		free(q.terms[t].word);
		free(q.terms[t].stem);
	}
	stemmer_free(q.st);
	return nhits;
}

void kb_hits_free(struct kb_hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(hits[i].matched);
	free(hits);
}
