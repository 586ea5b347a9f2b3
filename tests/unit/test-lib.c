/* test-lib.c: strings, words, stems, UTF-8 and CSV reading from src/lib. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/csvread.h"
#include "lib/diag.h"
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

/* --- csv_read --- */

/* What csv_read delivered: "INDEX@LINE: TEXT@LINE:COL | ...", a line each. */
struct records {
	struct strbuf out;
	long stop_at;		/* return 1 from this record; -1: never */
};

static int collect_record(const struct csv_record *r, void *ctx)
{
	struct records *rs = ctx;

	assert_true(r->nfields > 0);
	assert_int_equal(r->line, r->fields[0].line);
	sb_addf(&rs->out, "%ld@%d:", r->index, r->line);
	for (size_t j = 0; j < r->nfields; j++) {
		const struct csv_field *f = &r->fields[j];
		assert_int_equal(strlen(f->text), f->len);
		sb_addf(&rs->out, " %s@%d:%d%s", f->text, f->line, f->col,
			j + 1 < r->nfields ? " |" : "\n");
	}
	return r->index == rs->stop_at;
}

/* Read data; returns csv_read's result, with records and d filled. */
static int read_csv(const char *data, struct records *rs, struct diags *d)
{
	*rs = (struct records){ .out = STRBUF_INIT, .stop_at = -1 };
	diags_init(d);
	return csv_read("t.csv", data, strlen(data), collect_record, rs, d);
}

/* The only problem in d is a file-level one at line:col saying msg. */
static void expect_one_diag(const struct diags *d, int line, int col,
			    const char *msg)
{
	assert_int_equal(d->n, 1);
	assert_string_equal(d->v[0].file, "t.csv");
	assert_int_equal(d->v[0].line, line);
	assert_int_equal(d->v[0].col, col);
	assert_int_equal(d->v[0].record, -1);
	assert_non_null(strstr(d->v[0].msg, msg));
}

/*
 * A byte-order mark (not counted in columns), CRLF, a quoted comma, a
 * quoted CRLF (its field keeps it and the next record starts a line
 * later), a blank line, a lone CR ending a line and the empty field
 * before it, blanks before a record's first field, no final line end.
 */
static void test_csv_read_positions(void **state)
{
	static const char data[] =
		"\xef\xbb\xbfid,note\r\n"		/* line 1 */
		"a1,\"x, y\"\r\n"			/* line 2 */
		"\r\n"					/* line 3 */
		"a2,\"one\r\ntwo\"\r\n"			/* lines 4-5 */
		"a3,\r"					/* line 6 */
		"  a4,last";				/* line 7 */
	struct records rs;
	struct diags d;

	(void)state;
	assert_int_equal(read_csv(data, &rs, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(rs.out.buf,
		"0@1: id@1:1 | note@1:4\n"
		"1@2: a1@2:1 | x, y@2:4\n"
		"2@4: a2@4:1 | one\r\ntwo@4:4\n"
		"3@6: a3@6:1 | @6:4\n"
		"4@7: a4@7:3 | last@7:6\n");
	sb_release(&rs.out);
	diags_release(&d);
}

static void test_csv_read_bad_quotes(void **state)
{
	struct records rs;
	struct diags d;

	(void)state;
	/* the quote opened on line 2, column 4 is still open at the end */
	assert_int_equal(read_csv("h1,h2\r\nv1,\"open\nstill open\n", &rs,
				  &d), -1);
	expect_one_diag(&d, 2, 4, "a quoted field is not closed");
	assert_string_equal(rs.out.buf, "0@1: h1@1:1 | h2@1:4\n");
	sb_release(&rs.out);
	diags_release(&d);

	assert_int_equal(read_csv("h1,h2\nv1,ab\"c\n", &rs, &d), -1);
	expect_one_diag(&d, 2, 6, "a stray double quote");
	sb_release(&rs.out);
	diags_release(&d);

	assert_int_equal(read_csv("h1,h2\n\"v1\"x,v2\n", &rs, &d), -1);
	expect_one_diag(&d, 2, 5, "text after a closing double quote");
	sb_release(&rs.out);
	diags_release(&d);
}

static void test_csv_read_empty(void **state)
{
	static const char *const empty[] = { "", "\xef\xbb\xbf", " \r\n\t\n" };
	struct records rs;
	struct diags d;

	(void)state;
	for (size_t k = 0; k < sizeof(empty) / sizeof(empty[0]); k++) {
		assert_int_equal(read_csv(empty[k], &rs, &d), -1);
		expect_one_diag(&d, 0, 0, "the file is empty; expected a "
				"header row");
		assert_int_equal(rs.out.len, 0);
		sb_release(&rs.out);
		diags_release(&d);
	}
}

/* What the callback returns to stop comes back, and no record follows. */
static void test_csv_read_stop(void **state)
{
	struct records rs;
	struct diags d;

	(void)state;
	rs = (struct records){ .out = STRBUF_INIT, .stop_at = 1 };
	diags_init(&d);
	assert_int_equal(csv_read("t.csv", "h\na\nb\n\"open", 11,
				  collect_record, &rs, &d), 1);
	assert_int_equal(d.n, 0);
	assert_string_equal(rs.out.buf, "0@1: h@1:1\n1@2: a@2:1\n");
	sb_release(&rs.out);
	diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_stem),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_csv_read_positions),
		cmocka_unit_test(test_csv_read_bad_quotes),
		cmocka_unit_test(test_csv_read_empty),
		cmocka_unit_test(test_csv_read_stop),
	};
	return cmocka_run_group_tests_name("lib", tests, NULL, NULL);
}
