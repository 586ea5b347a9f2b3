/* test-survey.c: the survey's FHIR and CSV files, written and read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "survey/survey.h"

/*
 * Three items over two determinants (interleaved, so that grouping by
 * determinant is tested), three groups, and one item not asked of one.
 */
enum { SPONSOR, WIFI, TIME };
enum { NURSING, MEDICAL, ADMIN };

static struct survey S;

static void add_item(const char *id, const char *det, const char *det_title,
		     const char *text, bool reversed)
{
	struct survey_item *it;

	S.items = xrealloc(S.items, (S.nitems + 1) * sizeof(*S.items));
	it = &S.items[S.nitems++];
	it->id = xstrdup(id);
	it->determinant = xstrdup(det);
	it->determinant_title = xstrdup(det_title);
	it->text = xstrdup(text);
	it->reversed = reversed;
}

static void add_group(const char *id, const char *title)
{
	S.groups = xrealloc(S.groups, (S.ngroups + 1) * sizeof(*S.groups));
	S.groups[S.ngroups].id = xstrdup(id);
	S.groups[S.ngroups++].title = xstrdup(title);
}

static int setup(void **state)
{
	(void)state;
	S.project = xstrdup("epr-2025");
	S.title = xstrdup("Electronic patient record 2025");
	add_item("leadership.sponsor", "leadership", "Leadership and governance",
		 "A senior sponsor backs the change.", false);
	add_item("devices.wifi", "devices", "Devices and connectivity",
		 "Wi-Fi works where care happens.", false);
	add_item("leadership.time", "leadership", "Leadership and governance",
		 "Staff have \"protected\" time, for training.", true);
	add_group("nursing", "Nursing");
	add_group("medical", "Medical");
	add_group("admin", "Administrative");
	S.asked = xmalloc(S.ngroups * S.nitems * sizeof(*S.asked));
	for (size_t k = 0; k < S.ngroups * S.nitems; k++)
		S.asked[k] = true;
	S.asked[ADMIN * S.nitems + WIFI] = false;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	survey_release(&S);
	return 0;
}

/* --- reading, and checking what was read --- */

typedef int (*parse_fn)(const struct survey *, const char *, const char *,
			size_t, struct survey_batch *, struct diags *);

struct parsed {
	struct survey_batch b;
	struct diags d;
	int rc;
};

static void parse(struct parsed *P, parse_fn fn, const char *data)
{
	survey_batch_init(&P->b);
	diags_init(&P->d);
	P->rc = fn(&S, "in", data, strlen(data), &P->b, &P->d);
}

static void parsed_release(struct parsed *P)
{
	survey_batch_release(&P->b);
	diags_release(&P->d);
}

static void expect_ndiags(const struct parsed *P, size_t n)
{
	if (P->d.n != n) {
		diags_print(&P->d, stderr);
		fail_msg("expected %zu problems, got %zu", n, P->d.n);
	}
}

/* Problem k: where it is (line 0: none), its record, part of its text. */
static void expect_diag(const struct parsed *P, size_t k, int line, int col,
			const char *where, long record, const char *msg)
{
	const struct diag *g;

	assert_true(k < P->d.n);
	g = &P->d.v[k];
	assert_string_equal(g->file, "in");
	assert_int_equal(g->line, line);
	assert_int_equal(g->col, col);
	if (where)
		assert_string_equal(g->where, where);
	else
		assert_null(g->where);
	assert_int_equal(g->record, record);
	if (!strstr(g->msg, msg))
		fail_msg("message \"%s\" lacks \"%s\"", g->msg, msg);
}

/* The responses read, one flag each: '0' good, '1' bad. */
static void expect_bad(const struct parsed *P, const char *flags)
{
	assert_int_equal(P->b.n, strlen(flags));
	for (size_t k = 0; k < P->b.n; k++) {
		assert_int_equal(P->b.v[k].record, (long)k);
		assert_int_equal(P->b.v[k].bad, flags[k] == '1');
	}
}

/* One problem, with the file as a whole at fault. */
static void expect_file_error(const char *data, parse_fn fn, int line,
			      int col, const char *where, const char *msg)
{
	struct parsed P;

	parse(&P, fn, data);
	assert_int_equal(P.rc, -1);
	expect_ndiags(&P, 1);
	expect_diag(&P, 0, line, col, where, -1, msg);
	parsed_release(&P);
}

/* One problem, in one record (the others read well). */
static void expect_record_error(const char *data, parse_fn fn,
				const char *flags, int line, int col,
				const char *where, long record, const char *msg)
{
	struct parsed P;

	parse(&P, fn, data);
	assert_int_equal(P.rc, 0);
	expect_ndiags(&P, 1);
	expect_diag(&P, 0, line, col, where, record, msg);
	expect_bad(&P, flags);
	parsed_release(&P);
}

/* --- FHIR --- */

static json_t *at(json_t *v, const char *key, size_t i)
{
	v = json_array_get(json_object_get(v, key), i);
	assert_non_null(v);
	return v;
}

static const char *str(json_t *v, const char *key)
{
	const char *s = json_string_value(json_object_get(v, key));

	assert_non_null(s);
	return s;
}

static void test_fhir_questionnaire(void **state)
{
	json_t *q = survey_to_fhir(&S), *group, *det, *sponsor, *comment;
	json_t *wifi, *when;

	(void)state;
	assert_non_null(q);
	assert_string_equal(str(q, "resourceType"), "Questionnaire");
	assert_string_equal(str(q, "id"), "epr-2025");
	assert_string_equal(str(q, "url"), "urn:waymark:questionnaire:epr-2025");
	assert_string_equal(str(q, "status"), "active");
	assert_string_equal(str(q, "title"), "Electronic patient record 2025");
	assert_int_equal(json_array_size(json_object_get(q, "item")), 3);

	group = at(q, "item", 0);
	assert_string_equal(str(group, "linkId"), "group");
	assert_string_equal(str(group, "type"), "choice");
	assert_true(json_is_true(json_object_get(group, "required")));
	assert_int_equal(json_array_size(json_object_get(group, "answerOption")), 3);
	assert_string_equal(str(json_object_get(at(group, "answerOption", 2),
		"valueCoding"), "code"), "admin");
	assert_string_equal(str(json_object_get(at(group, "answerOption", 2),
		"valueCoding"), "system"), "urn:waymark:group");

	det = at(q, "item", 1);
	assert_string_equal(str(det, "linkId"), "leadership");
	assert_string_equal(str(det, "type"), "group");
	assert_string_equal(str(det, "text"), "Leadership and governance");
	assert_int_equal(json_array_size(json_object_get(det, "item")), 4);
	sponsor = at(det, "item", 0);
	assert_string_equal(str(sponsor, "linkId"), "leadership.sponsor");
	assert_string_equal(str(sponsor, "type"), "choice");
	assert_true(json_is_false(json_object_get(sponsor, "required")));
	assert_null(json_object_get(sponsor, "enableWhen"));
	assert_int_equal(json_array_size(json_object_get(sponsor,
		"answerOption")), 6);
	assert_string_equal(str(json_object_get(at(sponsor, "answerOption", 5),
		"valueCoding"), "display"), "Don't know");
	assert_string_equal(str(json_object_get(at(sponsor, "answerOption", 0),
		"valueCoding"), "system"), "urn:waymark:agreement");
	comment = at(det, "item", 1);
	assert_string_equal(str(comment, "linkId"), "leadership.sponsor.comment");
	assert_string_equal(str(comment, "type"), "text");
	assert_string_equal(str(at(det, "item", 2), "linkId"), "leadership.time");

	wifi = at(at(q, "item", 2), "item", 0);
	assert_string_equal(str(wifi, "linkId"), "devices.wifi");
	assert_string_equal(str(wifi, "enableBehavior"), "all");
	when = at(wifi, "enableWhen", 0);
	assert_int_equal(json_array_size(json_object_get(wifi, "enableWhen")), 1);
	assert_string_equal(str(when, "question"), "group");
	assert_string_equal(str(when, "operator"), "!=");
	assert_string_equal(str(json_object_get(when, "answerCoding"), "code"),
			    "admin");
	assert_non_null(json_object_get(at(at(q, "item", 2), "item", 1),
					"enableWhen"));
	json_decref(q);
}

#define ANSWER(link, value) "{\"linkId\": \"" link "\", \"answer\": [" value "]}"
#define CODE(c) "{\"valueCoding\": {\"system\": \"urn:waymark:agreement\", " \
		"\"code\": \"" c "\"}}"
#define GROUP(g) ANSWER("group", "{\"valueCoding\": {\"system\": " \
			"\"urn:waymark:group\", \"code\": \"" g "\"}}")
#define QR(id, items) "{\"resourceType\": \"QuestionnaireResponse\", " \
		"\"status\": \"completed\", \"identifier\": {\"value\": \"" id \
		"\"}, \"item\": [" items "]}"
#define QR_ID(id, items) "{\"resourceType\": \"QuestionnaireResponse\", " \
		"\"id\": \"" id "\", \"item\": [" items "]}"
#define BUNDLE(entries) "{\"resourceType\": \"Bundle\", \"type\": " \
		"\"collection\", \"entry\": [" entries "]}"
#define ENTRY(resource) "{\"resource\": " resource "}"
#define GOOD(id) ENTRY(QR(id, GROUP("medical") ", " \
			    ANSWER("leadership.sponsor", CODE("3"))))

static void test_fhir_nested(void **state)
{
	static const char json[] = QR("r1",
		GROUP("nursing") ", "
		"{\"linkId\": \"leadership\", \"item\": ["
			ANSWER("leadership.sponsor", CODE("4")) ", "
			ANSWER("leadership.sponsor.comment",
			       "{\"valueString\": \"Yes, \\\"mostly\\\"\"}") ", "
			ANSWER("leadership.time", "{\"valueInteger\": 2}")
		"]}, "
		"{\"linkId\": \"devices\", \"item\": ["
			ANSWER("devices.wifi", CODE("DK")) ", "
			"{\"linkId\": \"devices.wifi.comment\"}"
		"]}");
	struct parsed P;
	const struct survey_response *r;

	(void)state;
	parse(&P, survey_parse_fhir, json);
	assert_int_equal(P.rc, 0);
	expect_ndiags(&P, 0);
	expect_bad(&P, "0");
	r = &P.b.v[0];
	assert_string_equal(r->id, "r1");
	assert_int_equal(r->group, NURSING);
	assert_int_equal(r->values[SPONSOR], 4);
	assert_int_equal(r->values[WIFI], ANS_DONT_KNOW);
	assert_int_equal(r->values[TIME], 2);
	assert_string_equal(r->comments[SPONSOR], "Yes, \"mostly\"");
	assert_null(r->comments[WIFI]);
	assert_null(r->comments[TIME]);
	parsed_release(&P);
}

static void test_fhir_bundle(void **state)
{
	static const char json[] = BUNDLE(
		ENTRY(QR_ID("a", GROUP("admin") ", "
			    ANSWER("leadership.time", CODE("1")))) ", "
		ENTRY(QR_ID("b", ANSWER("devices.wifi", CODE("5")) ", "
			    GROUP("medical"))));
	struct parsed P;

	(void)state;
	parse(&P, survey_parse_fhir, json);
	assert_int_equal(P.rc, 0);
	expect_ndiags(&P, 0);
	expect_bad(&P, "00");
	assert_string_equal(P.b.v[0].id, "a");
	assert_int_equal(P.b.v[0].group, ADMIN);
	assert_int_equal(P.b.v[0].values[TIME], 1);
	assert_int_equal(P.b.v[0].values[SPONSOR], ANS_NONE);
	assert_string_equal(P.b.v[1].id, "b");
	assert_int_equal(P.b.v[1].group, MEDICAL);
	assert_int_equal(P.b.v[1].values[WIFI], 5);
	parsed_release(&P);
}

static void test_fhir_unreadable(void **state)
{
	parse_fn fhir = survey_parse_fhir;

	(void)state;
	expect_file_error("", fhir, 0, 0, NULL, "the file is empty");
	expect_file_error("\xef\xbb\xbf \n\t", fhir, 0, 0, NULL,
			  "the file is empty");
	expect_file_error("{\n  \"resourceType\": \"Bundle\",\n  \"entry\": [",
			  fhir, 3, 12, NULL, "invalid JSON: ");
	expect_file_error("{\"resourceType\": \"Bundle\",\n \"entry\": "
			  "[\"caf\xe9\"]}", fhir, 2, 15, NULL,
			  "invalid JSON: unable to decode byte 0xe9");
	expect_file_error("{\"resourceType\": \"Bundle\", \"resourceType\": "
			  "\"Bundle\"}", fhir, 1, 41, NULL,
			  "invalid JSON: duplicate object key");
	expect_file_error("[]", fhir, 0, 0, NULL,
			  "expected a JSON object, got an array");
	expect_file_error("{\"resourceType\": \"Patient\"}", fhir, 0, 0,
			  "/resourceType", "expected QuestionnaireResponse or "
			  "Bundle, got \"Patient\"");
	expect_file_error("{\"resourceType\": \"Bundle\", \"entry\": {}}", fhir,
			  0, 0, "/entry", "expected an array, got an object");
}

static void test_fhir_bad_records(void **state)
{
	parse_fn fhir = survey_parse_fhir;

	(void)state;
	expect_record_error(BUNDLE(GOOD("r0") ", "
		ENTRY(QR("r1", GROUP("medical") ", "
			 "{\"linkId\": 7, \"answer\": [" CODE("3") "]}")) ", "
		GOOD("r2")), fhir, "010", 0, 0,
		"/entry/1/resource/item/1/linkId", 1,
		"expected a string, got a number");
	expect_record_error(BUNDLE(ENTRY(QR("r0", GROUP("medical") ", "
		ANSWER("leadership.sponsor", "\"4\"")))), fhir, "1", 0, 0,
		"/entry/0/resource/item/1/answer/0", 0,
		"expected an object, got a string");
	expect_record_error(QR("r0", GROUP("medical") ", "
		"{\"linkId\": \"leadership\", \"item\": ["
		ANSWER("leadership.xyz", CODE("3")) "]}"), fhir, "1", 0, 0,
		"/item/1/item/0/linkId", 0, "unknown item 'leadership.xyz'");
	expect_record_error(BUNDLE(GOOD("r0") ", " ENTRY(QR("r1",
		GROUP("medical") ", " ANSWER("leadership.time", CODE("7"))))),
		fhir, "01", 0, 0,
		"/entry/1/resource/item/1/answer/0/valueCoding/code", 1,
		"expected one of 1, 2, 3, 4, 5 or dk, got \"7\"");
	expect_record_error(QR("r0", GROUP("medical") ", "
		ANSWER("leadership.time", CODE("0"))), fhir, "1", 0, 0,
		"/item/1/answer/0/valueCoding/code", 0,
		"expected one of 1, 2, 3, 4, 5 or dk, got \"0\"");
	expect_record_error(QR("r0", GROUP("medical") ", "
		ANSWER("leadership.time", "{\"valueInteger\": 9}")), fhir, "1",
		0, 0, "/item/1/answer/0/valueInteger", 0,
		"expected an integer from 1 to 5, got 9");
	expect_record_error(QR("r0", GROUP("medical") ", "
		ANSWER("leadership.time", "{\"valueString\": \"4\"}")), fhir,
		"1", 0, 0, "/item/1/answer/0", 0,
		"expected valueCoding or valueInteger");
	expect_record_error(BUNDLE(GOOD("r0") ", " GOOD("r1") ", " GOOD("r0")),
		fhir, "001", 0, 0, "/entry/2/resource/identifier/value", 2,
		"duplicate response id 'r0'");
	expect_record_error(QR("r0", GROUP("surgeons")), fhir, "1", 0, 0,
		"/item/0/answer/0/valueCoding/code", 0,
		"unknown group 'surgeons'; expected 'nursing', 'medical' or "
		"'admin'");
	expect_record_error(BUNDLE(GOOD("r0") ", " ENTRY(QR("r1",
		ANSWER("devices.wifi", CODE("2")) ", " GROUP("admin")))), fhir,
		"01", 0, 0, "/entry/1/resource/item/0/answer/0", 1,
		"item 'devices.wifi' is not asked of group 'admin'");
	expect_record_error(BUNDLE(ENTRY("{\"resourceType\": \"Patient\"}") ", "
		GOOD("r1")), fhir, "10", 0, 0, "/entry/0/resource/resourceType",
		0, "expected QuestionnaireResponse, got \"Patient\"");
	expect_record_error(BUNDLE(GOOD("r0") ", " ENTRY(QR("r1",
		ANSWER("leadership.time", CODE("2"))))), fhir, "01", 0, 0,
		"/entry/1/resource", 1, "no answer to item 'group'");
	expect_record_error(QR_ID("", GROUP("medical")), fhir, "1", 0, 0,
		"/id", 0, "the response id is empty");
	expect_record_error("{\"resourceType\": \"QuestionnaireResponse\", "
		"\"item\": [" GROUP("medical") "]}", fhir, "1", 0, 0, NULL, 0,
		"no identifier.value or id");
}

/* --- CSV --- */

/* What fn writes, as a string to free. */
static char *written(void (*fn)(const struct survey *, FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fn(&S, f);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_csv_dictionary(void **state)
{
	char *csv = written(survey_write_dictionary_csv);

	(void)state;
	assert_string_equal(csv,
		"item,determinant,determinant_title,text,reversed,values\n"
		"leadership.sponsor,leadership,Leadership and governance,"
		"A senior sponsor backs the change.,no,1-5 or dk\n"
		"devices.wifi,devices,Devices and connectivity,"
		"Wi-Fi works where care happens.,no,1-5 or dk\n"
		"leadership.time,leadership,Leadership and governance,"
		"\"Staff have \"\"protected\"\" time, for training.\",yes,"
		"1-5 or dk\n");
	free(csv);
}

#define HEADER "response_id,group,leadership.sponsor,devices.wifi," \
	"leadership.time,leadership.sponsor.comment,devices.wifi.comment," \
	"leadership.time.comment\n"

static void test_csv_template_round_trip(void **state)
{
	char *header = written(survey_write_template_csv);
	struct strbuf data = STRBUF_INIT;
	struct parsed P;

	(void)state;
	assert_string_equal(header, HEADER);
	sb_adds(&data, header);
	sb_adds(&data, "r1,nursing,5,Dk,1,,,\n"
		"r2,admin,2,,4,\"say \"\"hi\"\", then go\",,\n");
	parse(&P, survey_parse_csv, data.buf);
	assert_int_equal(P.rc, 0);
	expect_ndiags(&P, 0);
	expect_bad(&P, "00");
	assert_string_equal(P.b.v[0].id, "r1");
	assert_int_equal(P.b.v[0].group, NURSING);
	assert_int_equal(P.b.v[0].values[SPONSOR], 5);
	assert_int_equal(P.b.v[0].values[WIFI], ANS_DONT_KNOW);
	assert_int_equal(P.b.v[0].values[TIME], 1);
	assert_int_equal(P.b.v[1].group, ADMIN);
	assert_int_equal(P.b.v[1].values[WIFI], ANS_NONE);
	assert_string_equal(P.b.v[1].comments[SPONSOR], "say \"hi\", then go");
	assert_null(P.b.v[1].comments[WIFI]);
	parsed_release(&P);
	sb_release(&data);
	free(header);
}

/* A byte-order mark, CRLF, a quoted field over two lines, a blank line. */
static void test_csv_lines(void **state)
{
	static const char csv[] =
		"\xef\xbb\xbfresponse_id,group,leadership.sponsor,devices.wifi,"
		"leadership.sponsor.comment\r\n"
		"r1,nursing,4,dk,\"Good, \"\"mostly\"\"\r\nsecond line\"\r\n"
		"r2 , medical ,  5,1,\r\n"
		"\r\n"
		"r3,nursing,3,7,\r\n"
		"r4,nursing,3,2,\"last\"";
	struct parsed P;

	(void)state;
	parse(&P, survey_parse_csv, csv);
	assert_int_equal(P.rc, 0);
	expect_ndiags(&P, 1);
	expect_diag(&P, 0, 6, 14, "devices.wifi", 2,
		    "expected one of 1, 2, 3, 4, 5 or dk, or an empty field, "
		    "got \"7\"");
	expect_bad(&P, "0010");
	assert_string_equal(P.b.v[0].comments[SPONSOR],
			    "Good, \"mostly\"\r\nsecond line");
	assert_string_equal(P.b.v[1].id, "r2");
	assert_int_equal(P.b.v[1].group, MEDICAL);
	assert_int_equal(P.b.v[1].values[SPONSOR], 5);
	assert_string_equal(P.b.v[3].comments[SPONSOR], "last");
	parsed_release(&P);
}

static void test_csv_unreadable(void **state)
{
	parse_fn csv = survey_parse_csv;

	(void)state;
	expect_file_error("", csv, 0, 0, NULL,
			  "the file is empty; expected a header row");
	expect_file_error("\xef\xbb\xbf", csv, 0, 0, NULL, "the file is empty");
	expect_file_error(" \r\n\n", csv, 0, 0, NULL, "the file is empty");
	expect_file_error("response_id,group,leadership.xyz\nr1,nursing,3\n",
			  csv, 1, 19, NULL, "unknown column 'leadership.xyz' "
			  "(column 3 of the header); expected response_id, "
			  "group, an item id or ITEM.comment");
	expect_file_error("response_id,group,devices.wifi,devices.wifi\n", csv,
			  1, 32, NULL, "column 'devices.wifi' (column 4 of the "
			  "header) repeats column 3");
	expect_file_error("response_id,devices.wifi\n", csv, 1, 1, NULL,
			  "the header has no 'group' column");
	expect_file_error("response_id,gr\xc3oup\n", csv, 1, 13, NULL,
			  "invalid UTF-8 at byte 3 of the field");
	expect_file_error("response_id,group\nr1,nurs\"ing\"\n", csv, 2, 8,
			  NULL, "a stray double quote");
	expect_file_error("response_id,group\nr1,\"nursing\"x\n", csv, 2, 13,
			  NULL, "text after a closing double quote");
	expect_file_error("response_id,group\nr1,nursing\nr2,\"nursing\n\n",
			  csv, 3, 4, NULL, "a quoted field is not closed");
}

#define ROWS_HEADER "response_id,group,devices.wifi,devices.wifi.comment\n"

static void test_csv_bad_records(void **state)
{
	parse_fn csv = survey_parse_csv;

	(void)state;
	expect_record_error(ROWS_HEADER "r0,nursing,3,\nr1,nursing,3\n"
			    "r2,nursing,3,\n", csv, "010", 3, 1, NULL, 1,
			    "expected 4 fields as in the header, found 3");
	expect_record_error(ROWS_HEADER "r0,nursing,3,\"caf\xe9\"\n", csv, "1",
			    2, 14, "devices.wifi.comment", 0,
			    "invalid UTF-8 at byte 4 of the field");
	expect_record_error(ROWS_HEADER "r0,nursing,0,\n", csv, "1", 2, 12,
			    "devices.wifi", 0, "got \"0\"");
	expect_record_error(ROWS_HEADER "r0,surgeons,3,\n", csv, "1", 2, 4,
			    "group", 0, "unknown group 'surgeons'");
	expect_record_error(ROWS_HEADER "r0,nursing,3,\nr1,medical,3,\n"
			    "r0,admin,,\n", csv, "001", 4, 1, "response_id", 2,
			    "duplicate response id 'r0'");
	expect_record_error(ROWS_HEADER ",nursing,3,\n", csv, "1", 2, 1,
			    "response_id", 0, "the response id is empty");
	expect_record_error(ROWS_HEADER "r0,nursing,3,\nr1,admin,2,\n", csv,
			    "01", 3, 10, "devices.wifi", 1,
			    "item 'devices.wifi' is not asked of group 'admin'");
	expect_record_error(ROWS_HEADER "r0,admin,,why me?\n", csv, "1", 2, 11,
			    "devices.wifi.comment", 0, "is not asked of group");
}

/* Enough responses to grow the id index; a duplicate near the end. */
static void test_csv_many(void **state)
{
	struct strbuf csv = STRBUF_INIT;
	struct parsed P;

	(void)state;
	sb_adds(&csv, ROWS_HEADER);
	for (int k = 0; k < 500; k++)
		sb_addf(&csv, "r%d,medical,%d,\n", k == 400 ? 123 : k, k % 5 + 1);
	parse(&P, survey_parse_csv, csv.buf);
	assert_int_equal(P.rc, 0);
	expect_ndiags(&P, 1);
	expect_diag(&P, 0, 402, 1, "response_id", 400,
		    "duplicate response id 'r123'");
	assert_int_equal(P.b.n, 500);
	for (size_t k = 0; k < P.b.n; k++)
		assert_int_equal(P.b.v[k].bad, k == 400);
	assert_int_equal(P.b.v[499].values[WIFI], 5);
	parsed_release(&P);
	sb_release(&csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fhir_questionnaire),
		cmocka_unit_test(test_fhir_nested),
		cmocka_unit_test(test_fhir_bundle),
		cmocka_unit_test(test_fhir_unreadable),
		cmocka_unit_test(test_fhir_bad_records),
		cmocka_unit_test(test_csv_dictionary),
		cmocka_unit_test(test_csv_template_round_trip),
		cmocka_unit_test(test_csv_lines),
		cmocka_unit_test(test_csv_unreadable),
		cmocka_unit_test(test_csv_bad_records),
		cmocka_unit_test(test_csv_many),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
