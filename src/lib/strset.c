/* strset.c: a set of strings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"
#include "xalloc.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void strset_init(struct strset *s)
{
	memset(s, 0, sizeof(*s));
}

void strset_release(struct strset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
	strset_init(s);
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find(const struct strset *s, const char *key)
{
	size_t i = (size_t)hash(key) & (s->cap - 1);

	while (s->slot[i] && strcmp(s->slot[i], key))
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void grow(struct strset *s)
{
	struct strset bigger = { xcalloc(s->cap ? s->cap * 2 : 64, sizeof(char *)),
				 s->cap ? s->cap * 2 : 64, s->n };

	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i])
			bigger.slot[find(&bigger, s->slot[i])] = s->slot[i];
	free(s->slot);
	*s = bigger;
}

bool strset_add(struct strset *s, const char *key)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap)
		grow(s);
	i = find(s, key);
	if (s->slot[i])
		return false;
	s->slot[i] = xstrdup(key);
	s->n++;
	return true;
}

bool strset_has(const struct strset *s, const char *key)
{
	return s->cap && s->slot[find(s, key)] != NULL;
}
