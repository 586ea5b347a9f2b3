/*
 * cache.h: answers rendered once and served many times.
 *
 * Scoring a round or building a road map for every request is far too
 * slow for the API, yet the answer only changes when the project's data
 * does. Every such change raises the project's revision
 * (store_project_revision), from whichever process makes it, so text
 * kept under (what it is, project, round, revision) is never stale: a
 * request that reads a newer revision simply misses, renders, and
 * replaces the older entry.
 *
 * Each thread keeps its own small table (no locks, no sharing): at most
 * CACHE_SLOTS entries and CACHE_MAX_BYTES of text, the least recently
 * used going first. A thread's table is freed when the thread ends, or
 * by cache_clear().
 */
#ifndef WM_CACHE_H
#define WM_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define CACHE_SLOTS 16			/* entries per thread */
#define CACHE_MAX_BYTES (4u << 20)	/* bytes of text per thread */

struct cache_key {
	unsigned kind;		/* what was rendered (the caller's numbers) */
	int64_t project;	/* the project's id */
	uint64_t generation;	/* tells apart projects reusing an id */
	int64_t round;		/* the round asked for; 0: the latest */
	int64_t revision;	/* the project's revision it was made from */
};

/*
 * The text kept under k on this thread, or NULL on a miss. *len receives
 * its length (without the NUL that follows it). The text belongs to the
 * cache and stays valid until this thread's next cache_put or
 * cache_clear.
 */
const char *cache_get(const struct cache_key *k, size_t *len);

/*
 * Keep a copy of len bytes of text under k on this thread. It replaces
 * the entry for the same thing at another revision, if there is one,
 * else takes a free slot or the least recently used one; older entries
 * then go until the table is within CACHE_MAX_BYTES. Text longer than
 * CACHE_MAX_BYTES is not kept. Never fails (allocation failure aborts,
 * as everywhere in waymark).
 */
void cache_put(const struct cache_key *k, const char *text, size_t len);

/* Forget every entry of this thread and free its table. */
void cache_clear(void);

/* What this thread keeps: entries and bytes of text (for tests). */
size_t cache_count(void);
size_t cache_bytes(void);

/* A 64-bit hash (FNV-1a) of s: e.g. of a project's creation time. */
uint64_t cache_hash(const char *s);

#endif
