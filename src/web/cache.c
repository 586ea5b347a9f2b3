/* cache.c: a small table of rendered answers per thread (see cache.h). */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "lib/xalloc.h"

struct entry {
	struct cache_key key;
	char *text;		/* NULL: the slot is free */
	size_t len;
	uint64_t used;		/* the tick of its last use */
};

struct table {
	struct entry e[CACHE_SLOTS];
	size_t bytes;
	uint64_t tick;
};

static _Thread_local struct table *tab;
static pthread_key_t free_key;
static pthread_once_t free_once = PTHREAD_ONCE_INIT;

static void table_free(struct table *t)
{
	for (size_t i = 0; i < CACHE_SLOTS; i++)
		free(t->e[i].text);
	free(t);
}

/* Runs as a thread ends: its table would otherwise be lost. */
static void thread_end(void *t)
{
	table_free(t);
}

static void make_key(void)
{
	if (pthread_key_create(&free_key, thread_end))
		abort();
}

static struct table *table(void)
{
	if (!tab) {
		pthread_once(&free_once, make_key);
		tab = xcalloc(1, sizeof(*tab));
		pthread_setspecific(free_key, tab);
	}
	return tab;
}

/* The same thing, whatever its revision. */
static bool same_thing(const struct cache_key *a, const struct cache_key *b)
{
	return a->kind == b->kind && a->project == b->project &&
	       a->generation == b->generation && a->round == b->round;
}

static void evict(struct table *t, struct entry *e)
{
	t->bytes -= e->len;
	free(e->text);
	memset(e, 0, sizeof(*e));
}

/* The least recently used entry other than keep, or NULL if none. */
static struct entry *oldest(struct table *t, const struct entry *keep)
{
	struct entry *o = NULL;

	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		struct entry *e = &t->e[i];
		if (e->text && e != keep && (!o || e->used < o->used))
			o = e;
	}
	return o;
}

const char *cache_get(const struct cache_key *k, size_t *len)
{
	struct table *t = tab;

	*len = 0;
	if (!t)
		return NULL;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		struct entry *e = &t->e[i];
		if (e->text && e->key.revision == k->revision &&
		    same_thing(&e->key, k)) {
			e->used = ++t->tick;
			*len = e->len;
			return e->text;
		}
	}
	return NULL;
}

static struct entry *slot_for(struct table *t, const struct cache_key *k)
{
	struct entry *free_slot = NULL;

	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		struct entry *e = &t->e[i];
		if (e->text && same_thing(&e->key, k))
			return e;
		if (!e->text && !free_slot)
			free_slot = e;
	}
	return free_slot ? free_slot : oldest(t, NULL);
}

void cache_put(const struct cache_key *k, const char *text, size_t len)
{
	struct table *t;
	struct entry *e, *o;

	if (len > CACHE_MAX_BYTES)
		return;
	t = table();
	e = slot_for(t, k);
	if (e->text)
		evict(t, e);
	e->key = *k;
	e->text = xmalloc(len + 1);
	memcpy(e->text, text, len);
	e->text[len] = '\0';
	e->len = len;
	e->used = ++t->tick;
	t->bytes += len;
	while (t->bytes > CACHE_MAX_BYTES && (o = oldest(t, e)))
		evict(t, o);
}

void cache_clear(void)
{
	if (!tab)
		return;
	pthread_setspecific(free_key, NULL);
	table_free(tab);
	tab = NULL;
}

size_t cache_count(void)
{
	size_t n = 0;

	for (size_t i = 0; tab && i < CACHE_SLOTS; i++)
		n += tab->e[i].text != NULL;
	return n;
}

size_t cache_bytes(void)
{
	return tab ? tab->bytes : 0;
}

uint64_t cache_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3u;
	}
	return h;
}
