/*
 * test-cache.c: the per-thread cache of rendered answers: hits, misses on
 * a new revision, replacement of an older revision, eviction by slots and
 * by bytes, and that each thread has its own table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "web/cache.h"

static struct cache_key key(unsigned kind, int64_t project, int64_t round,
			    int64_t revision)
{
	struct cache_key k = { kind, project, 0, round, revision };

	k.generation = cache_hash("2024-01-01T00:00:00Z");
	return k;
}

static int clear(void **state)
{
	(void)state;
	cache_clear();
	return 0;
}

static void test_hit(void **state)
{
	struct cache_key k = key(1, 7, 0, 3);
	size_t len = 99;
	const char *s;

	(void)state;
	assert_null(cache_get(&k, &len));
	assert_int_equal(len, 0);
	cache_put(&k, "{\"a\":1}\n", 8);
	s = cache_get(&k, &len);
	assert_non_null(s);
	assert_int_equal(len, 8);
	assert_memory_equal(s, "{\"a\":1}\n", 8);
	assert_int_equal(s[len], '\0');
	assert_int_equal(cache_count(), 1);
	assert_int_equal(cache_bytes(), 8);
}

static void test_key_parts(void **state)
{
	struct cache_key k = key(1, 7, 0, 3), other;
	size_t len;

	(void)state;
	cache_put(&k, "x", 1);
	other = key(2, 7, 0, 3);		/* another kind */
	assert_null(cache_get(&other, &len));
	other = key(1, 8, 0, 3);		/* another project */
	assert_null(cache_get(&other, &len));
	other = key(1, 7, 1, 3);		/* another round */
	assert_null(cache_get(&other, &len));
	other = k;
	other.generation = cache_hash("2024-01-01T00:00:01Z");	/* id reused */
	assert_null(cache_get(&other, &len));
	assert_non_null(cache_get(&k, &len));
}

static void test_new_revision(void **state)
{
	struct cache_key old = key(1, 7, 0, 3), now = key(1, 7, 0, 4);
	const char *s;
	size_t len;

	(void)state;
	cache_put(&old, "old", 3);
	assert_null(cache_get(&now, &len));
	cache_put(&now, "newer", 5);
	s = cache_get(&now, &len);
	assert_non_null(s);
	assert_string_equal(s, "newer");
	/* the older revision's entry was replaced, not kept beside it */
	assert_null(cache_get(&old, &len));
	assert_int_equal(cache_count(), 1);
	assert_int_equal(cache_bytes(), 5);
}

static void test_evict_slots(void **state)
{
	size_t len;

	(void)state;
	for (int64_t p = 1; p <= CACHE_SLOTS; p++) {
		struct cache_key k = key(1, p, 0, 1);
		cache_put(&k, "0123456789", 10);
	}
	assert_int_equal(cache_count(), CACHE_SLOTS);
	/* use project 1 again, so project 2 is the least recently used */
	{
		struct cache_key k = key(1, 1, 0, 1);
		assert_non_null(cache_get(&k, &len));
	}
	{
		struct cache_key k = key(1, 100, 0, 1);
		cache_put(&k, "abc", 3);
		assert_non_null(cache_get(&k, &len));
	}
	assert_int_equal(cache_count(), CACHE_SLOTS);
	assert_int_equal(cache_bytes(), (CACHE_SLOTS - 1) * 10 + 3);
	{
		struct cache_key gone = key(1, 2, 0, 1), kept = key(1, 1, 0, 1);
		assert_null(cache_get(&gone, &len));
		assert_non_null(cache_get(&kept, &len));
	}
	for (int64_t p = 3; p <= CACHE_SLOTS; p++) {
		struct cache_key k = key(1, p, 0, 1);
		assert_non_null(cache_get(&k, &len));
	}
}

static void test_evict_bytes(void **state)
{
	size_t big = CACHE_MAX_BYTES / 2 + 1, len;
	char *text = malloc(CACHE_MAX_BYTES + 1);
	struct cache_key a = key(1, 1, 0, 1), b = key(1, 2, 0, 1),
			 c = key(1, 3, 0, 1);

	(void)state;
	assert_non_null(text);
	memset(text, 'x', CACHE_MAX_BYTES + 1);
	cache_put(&a, text, big);
	cache_put(&b, text, big);	/* both do not fit: a goes */
	assert_null(cache_get(&a, &len));
	assert_non_null(cache_get(&b, &len));
	assert_int_equal(len, big);
	assert_true(cache_bytes() <= CACHE_MAX_BYTES);
	/* too large to keep at all: nothing else is lost */
	cache_put(&c, text, CACHE_MAX_BYTES + 1);
	assert_null(cache_get(&c, &len));
	assert_non_null(cache_get(&b, &len));
	free(text);
}

static void *other_thread(void *arg)
{
	struct cache_key k = key(1, 7, 0, 3);
	size_t len;
	int *seen = arg;

	*seen = cache_get(&k, &len) != NULL;
	cache_put(&k, "theirs", 6);	/* freed as the thread ends */
	return NULL;
}

static void test_per_thread(void **state)
{
	struct cache_key k = key(1, 7, 0, 3);
	pthread_t t;
	int seen = -1;
	size_t len;

	(void)state;
	cache_put(&k, "mine", 4);
	assert_int_equal(pthread_create(&t, NULL, other_thread, &seen), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(seen, 0);
	assert_string_equal(cache_get(&k, &len), "mine");
}

static void test_hash(void **state)
{
	(void)state;
	assert_true(cache_hash("a") != cache_hash("b"));
	assert_true(cache_hash("") == cache_hash(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_hit, clear),
		cmocka_unit_test_teardown(test_key_parts, clear),
		cmocka_unit_test_teardown(test_new_revision, clear),
		cmocka_unit_test_teardown(test_evict_slots, clear),
		cmocka_unit_test_teardown(test_evict_bytes, clear),
		cmocka_unit_test_teardown(test_per_thread, clear),
		cmocka_unit_test(test_hash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
