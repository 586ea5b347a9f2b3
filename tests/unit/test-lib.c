/* test-lib.c: strings, words, stems and UTF-8 from src/lib. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/text.h"

static void test_strbuf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	sb_adds(&sb, "abc");
	sb_addf(&sb, "-%d-%s", 42, "x");
	sb_addch(&sb, '!');
	assert_string_equal(sb.buf, "abc-42-x!");
	assert_int_equal(sb.len, 9);
	for (int i = 0; i < 1000; i++)
		sb_addch(&sb, 'y');
	assert_int_equal(sb.len, 1009);
	sb_reset(&sb);
	assert_string_equal(sb.buf, "");
	sb_adds(&sb, "kept");
	s = sb_detach(&sb);
	assert_string_equal(s, "kept");
	assert_int_equal(sb.len, 0);
	free(s);
	sb_release(&sb);
}

struct words {
	char buf[256];
};

static void collect(const char *w, size_t len, void *ctx)
{
	struct words *ws = ctx;
	size_t n = strlen(ws->buf);

	assert_int_equal(strlen(w), len);
	snprintf(ws->buf + n, sizeof(ws->buf) - n, "%s|", w);
}

static void test_words(void **state)
{
	struct words ws = { "" };

	(void)state;
	text_words("Bring-your-own-device (BYOD), 2022: caf\xc3\xa9 ok", collect, &ws);
	assert_string_equal(ws.buf, "bring|your|own|device|byod|2022|caf|ok|");
	ws.buf[0] = '\0';
	text_words("", collect, &ws);
	assert_string_equal(ws.buf, "");
}

static void test_stem(void **state)
{
	struct stemmer *st = stemmer_new();
	char a[32], b[32];

	(void)state;
	snprintf(a, sizeof(a), "%s", stem(st, "devices", 7));
	snprintf(b, sizeof(b), "%s", stem(st, "device", 6));
	assert_string_equal(a, b);
	snprintf(a, sizeof(a), "%s", stem(st, "engagement", 10));
	snprintf(b, sizeof(b), "%s", stem(st, "engaging", 8));
	assert_string_not_equal(a, "engagement");
	stemmer_free(st);
	assert_true(text_is_stopword("the"));
	assert_false(text_is_stopword("device"));
}

static void test_utf8(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_true(utf8_valid("caf\xc3\xa9", 5, &bad));
	assert_false(utf8_valid("ab\xff", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("a\xc3", 2, &bad));	/* truncated */
	assert_int_equal(bad, 1);
	assert_false(utf8_valid("\xc0\xaf", 2, &bad));	/* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3, &bad));	/* surrogate */
	assert_int_equal(utf8_width("caf\xc3\xa9", 5), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_stem),
		cmocka_unit_test(test_utf8),
	};
	return cmocka_run_group_tests_name("lib", tests, NULL, NULL);
}
