/*
 * fhir.c: the survey as an HL7 FHIR R4 Questionnaire, and the
 * QuestionnaireResponses that answer it read back (docs/survey-formats.md).
 */
#include <stdarg.h>
#include <string.h>

#include "survey.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

#define URL_PREFIX "urn:waymark:questionnaire:"
#define GROUP_SYSTEM "urn:waymark:group"
#define AGREEMENT_SYSTEM "urn:waymark:agreement"
#define GROUP_LINK "group"	/* the linkId of "which group are you in?" */

/* The agreement scale, as answer options. */
static const struct {
	const char *code, *display;
} scale[] = {
	{ "1", "Strongly disagree" },
	{ "2", "Disagree" },
	{ "3", "Neither agree nor disagree" },
	{ "4", "Agree" },
	{ "5", "Strongly agree" },
	{ "dk", "Don't know" },
};

/* --- writing the Questionnaire --- */

static json_t *coding_option(const char *system, const char *code,
			     const char *display)
{
	return json_pack("{s:{s:s, s:s, s:s}}", "valueCoding", "system", system,
			 "code", code, "display", display);
}

static json_t *group_question(const struct survey *s)
{
	json_t *options = json_array();

	for (size_t g = 0; g < s->ngroups; g++) {
		const struct survey_group *grp = &s->groups[g];
		if (json_array_append_new(options, coding_option(GROUP_SYSTEM,
				grp->id, grp->title))) {
			json_decref(options);
			return NULL;
		}
	}
	return json_pack("{s:s, s:s, s:s, s:b, s:o}", "linkId", GROUP_LINK,
			 "text", "Which group are you answering as?",
			 "type", "choice", "required", 1, "answerOption", options);
}

static json_t *agreement_options(void)
{
	json_t *options = json_array();

	for (size_t k = 0; k < sizeof(scale) / sizeof(scale[0]); k++)
		json_array_append_new(options, coding_option(AGREEMENT_SYSTEM,
				      scale[k].code, scale[k].display));
	return options;
}

/*
 * Tailoring: item i is shown unless the respondent's group is one of
 * those not asked it. Adds nothing when every group is asked.
 */
static int add_enable_when(json_t *question, const struct survey *s, size_t i)
{
	json_t *conditions = json_array();

	for (size_t g = 0; g < s->ngroups; g++) {
		if (s->asked[g * s->nitems + i])
			continue;
		if (json_array_append_new(conditions, json_pack(
				"{s:s, s:s, s:{s:s, s:s}}", "question", GROUP_LINK,
				"operator", "!=", "answerCoding",
				"system", GROUP_SYSTEM, "code", s->groups[g].id))) {
			json_decref(conditions);
			return -1;
		}
	}
	if (!json_array_size(conditions)) {
		json_decref(conditions);
		return 0;
	}
	if (json_object_set_new(question, "enableWhen", conditions) ||
	    json_object_set_new(question, "enableBehavior", json_string("all")))
		return -1;
	return 0;
}

static json_t *statement_question(const struct survey *s, size_t i)
{
	json_t *q = json_pack("{s:s, s:s, s:s, s:b, s:o}",
			      "linkId", s->items[i].id, "text", s->items[i].text,
			      "type", "choice", "required", 0,
			      "answerOption", agreement_options());

	if (q && add_enable_when(q, s, i)) {
		json_decref(q);
		return NULL;
	}
	return q;
}

static json_t *comment_question(const struct survey *s, size_t i)
{
	struct strbuf link = STRBUF_INIT;
	json_t *q;

	sb_addf(&link, "%s" SURVEY_COMMENT_SUFFIX, s->items[i].id);
	q = json_pack("{s:s, s:s, s:s, s:b}", "linkId", link.buf,
		      "text", "Comment (optional)", "type", "text",
		      "required", 0);
	sb_release(&link);
	if (q && add_enable_when(q, s, i)) {
		json_decref(q);
		return NULL;
	}
	return q;
}

/* The group item of the determinant of item first, holding all its items. */
static json_t *determinant_group(const struct survey *s, size_t first)
{
	const struct survey_item *it = &s->items[first];
	json_t *questions = json_array();

	for (size_t i = first; i < s->nitems; i++) {
		if (strcmp(s->items[i].determinant, it->determinant))
			continue;
		if (json_array_append_new(questions, statement_question(s, i)) ||
		    json_array_append_new(questions, comment_question(s, i))) {
			json_decref(questions);
			return NULL;
		}
	}
	return json_pack("{s:s, s:s, s:s, s:o}", "linkId", it->determinant,
			 "text", it->determinant_title, "type", "group",
			 "item", questions);
}

/* True if no item before i has i's determinant. */
static bool first_of_determinant(const struct survey *s, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (!strcmp(s->items[k].determinant, s->items[i].determinant))
			return false;
	return true;
}

/* Returns NULL only if a string of s is not valid UTF-8. */
json_t *survey_to_fhir(const struct survey *s)
{
	struct strbuf url = STRBUF_INIT;
	json_t *items = json_array(), *q = NULL;

	if (json_array_append_new(items, group_question(s)))
		goto cleanup;
	for (size_t i = 0; i < s->nitems; i++)
		if (first_of_determinant(s, i) &&
		    json_array_append_new(items, determinant_group(s, i)))
			goto cleanup;
	sb_addf(&url, URL_PREFIX "%s", s->project);
	q = json_pack("{s:s, s:s, s:s, s:s, s:s, s:O}",
		      "resourceType", "Questionnaire", "id", s->project,
		      "url", url.buf, "title", s->title, "status", "active",
		      "item", items);
cleanup:
	json_decref(items);
	sb_release(&url);
	return q;
}

/* --- reading QuestionnaireResponses --- */

/* State for reading one file. */
struct reader {
	const struct survey *s;
	const char *file;
	struct survey_batch *b;
	struct diags *d;
	struct strbuf ptr;		/* JSON pointer of the value in hand */
	struct strbuf why;		/* a setter's complaint */
	struct survey_response *r;	/* the response being read, or NULL */
};

/* An answered item found in a response. */
struct answer {
	const char *link_id;
	json_t *value;		/* its answer[0] */
	char *ptr;		/* its JSON pointer, below the response's */
};

struct answers {
	struct answer *v;
	size_t n, alloc;
	size_t base;		/* length of the response's own JSON pointer */
};

static size_t ptr_push(struct reader *R, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Descend: append to the JSON pointer; returns the mark to pop back to. */
static size_t ptr_push(struct reader *R, const char *fmt, ...)
{
	size_t mark = R->ptr.len;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&R->ptr, fmt, ap);
	va_end(ap);
	return mark;
}

static void ptr_pop(struct reader *R, size_t mark)
{
	if (R->ptr.alloc) {
		R->ptr.len = mark;
		R->ptr.buf[mark] = '\0';
	}
}

static void report(struct reader *R, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Report a problem at path below the JSON pointer in hand: in the response
 * being read, which is marked bad, or else in the file as a whole.
 */
static void report(struct reader *R, const char *path, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	size_t mark = ptr_push(R, "%s", path);
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag_add(R->d, R->file, 0, 0, R->ptr.len ? R->ptr.buf : NULL,
		 R->r ? R->r->record : -1, "%s", msg.buf);
	if (R->r)
		R->r->bad = true;
	ptr_pop(R, mark);
	sb_release(&msg);
}

/* Report what a survey_set_* function said, at path. */
static void report_why(struct reader *R, const char *path)
{
	report(R, path, "%s", R->why.buf);
	sb_reset(&R->why);
}

static const char *type_name(json_type t)
{
	switch (t) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/* What v is, for "got ...": any number is "a number" to the user. */
static const char *value_kind(const json_t *v)
{
	return json_is_number(v) ? "a number" : type_name(json_typeof(v));
}

/*
 * Member key of obj if it has type t. Reports and returns NULL if it has
 * another, or is absent and required.
 */
static json_t *member(struct reader *R, json_t *obj, const char *key,
		      json_type t, bool required)
{
	json_t *v = json_object_get(obj, key);
	size_t mark;

	if (!v) {
		if (required)
			report(R, "", "missing '%s'; expected %s", key,
			       type_name(t));
		return NULL;
	}
	if (json_typeof(v) == t)
		return v;
	mark = ptr_push(R, "/%s", key);
	report(R, "", "expected %s, got %s", type_name(t), value_kind(v));
	ptr_pop(R, mark);
	return NULL;
}

static void answers_release(struct answers *A)
{
	for (size_t k = 0; k < A->n; k++)
		free(A->v[k].ptr);
	free(A->v);
}

static void collect_items(struct reader *R, json_t *parent,
			  struct answers *A);

static void add_answer(struct reader *R, struct answers *A,
		       const char *link_id, json_t *answer)
{
	size_t n = json_array_size(answer);

	if (n > 1) {
		report(R, "/answer", "expected one answer to item '%s', got %zu",
		       link_id, n);
		return;
	}
	XGROW(A->v, A->alloc, A->n + 1);
	A->v[A->n++] = (struct answer){
		link_id, json_array_get(answer, 0), xstrdup(R->ptr.buf + A->base)
	};
}

/* One item at R->ptr: its answer, if any, then the items nested in it. */
static void collect_item(struct reader *R, json_t *item, struct answers *A)
{
	json_t *link, *answer;

	if (!json_is_object(item)) {
		report(R, "", "expected an object, got %s", value_kind(item));
		return;
	}
	link = member(R, item, "linkId", JSON_STRING, true);
	answer = member(R, item, "answer", JSON_ARRAY, false);
	if (link && answer && json_array_size(answer))
		add_answer(R, A, json_string_value(link), answer);
	collect_items(R, item, A);
}

/* The answered items below parent, flat or nested, in document order. */
static void collect_items(struct reader *R, json_t *parent, struct answers *A)
{
	json_t *items = member(R, parent, "item", JSON_ARRAY, false), *item;
	size_t i;

	json_array_foreach(items, i, item) {
		size_t mark = ptr_push(R, "/item/%zu", i);
		collect_item(R, item, A);
		ptr_pop(R, mark);
	}
}

/* Member key of a's answer[0] if it has type t; else reports, NULL. */
static json_t *answer_member(struct reader *R, const struct answer *a,
			     const char *key, json_type t)
{
	size_t mark = ptr_push(R, "/answer/0");
	json_t *v = NULL;

	if (!json_is_object(a->value))
		report(R, "", "expected an object, got %s", value_kind(a->value));
	else
		v = member(R, a->value, key, t, true);
	ptr_pop(R, mark);
	return v;
}

/* answer[0].valueCoding.code of a; NULL (reported) if not a string. */
static const char *coding_code(struct reader *R, const struct answer *a)
{
	json_t *coding = answer_member(R, a, "valueCoding", JSON_OBJECT);
	json_t *code = NULL;
	size_t mark;

	if (coding) {
		mark = ptr_push(R, "/answer/0/valueCoding");
		code = member(R, coding, "code", JSON_STRING, true);
		ptr_pop(R, mark);
	}
	return code ? json_string_value(code) : NULL;
}

static int integer_code(struct reader *R, const struct answer *a,
			unsigned char *v)
{
	json_t *n = answer_member(R, a, "valueInteger", JSON_INTEGER);
	json_int_t x;

	if (!n)
		return -1;
	x = json_integer_value(n);
	if (x < 1 || x > 5) {
		report(R, "/answer/0/valueInteger", "expected an integer from 1 "
		       "to 5, got %" JSON_INTEGER_FORMAT, x);
		return -1;
	}
	*v = (unsigned char)x;
	return 0;
}

/* The answer code of a statement: valueCoding.code or valueInteger. */
static int choice_code(struct reader *R, const struct answer *a,
		       unsigned char *v)
{
	const char *code;

	if (json_is_object(a->value) &&
	    json_object_get(a->value, "valueInteger"))
		return integer_code(R, a, v);
	if (json_is_object(a->value) &&
	    !json_object_get(a->value, "valueCoding")) {
		report(R, "/answer/0", "expected valueCoding or valueInteger");
		return -1;
	}
	if (!(code = coding_code(R, a)))
		return -1;
	if (!survey_parse_value(code, v))
		return 0;
	report(R, "/answer/0/valueCoding/code",
	       "expected " SURVEY_VALUES ", got \"%s\"", code);
	return -1;
}

static void read_statement(struct reader *R, const struct answer *a,
			   size_t i)
{
	unsigned char v;

	if (!choice_code(R, a, &v) &&
	    survey_set_value(R->s, R->r, i, v, &R->why))
		report_why(R, "/answer/0");
}

static void read_comment(struct reader *R, const struct answer *a, size_t i)
{
	json_t *text = answer_member(R, a, "valueString", JSON_STRING);

	if (text && survey_set_comment(R->s, R->r, i, json_string_value(text),
				       &R->why))
		report_why(R, "/answer/0/valueString");
}

/* One answer, with R->ptr at its item. The group was read first. */
static void read_answer(struct reader *R, const struct answer *a)
{
	long i;

	if (!strcmp(a->link_id, GROUP_LINK))
		return;
	if ((i = survey_item_index(R->s, a->link_id)) >= 0)
		read_statement(R, a, (size_t)i);
	else if ((i = survey_comment_index(R->s, a->link_id)) >= 0)
		read_comment(R, a, (size_t)i);
	else
		report(R, "/linkId", "unknown item '%s'; expected a linkId of "
		       "the questionnaire", a->link_id);
}

/* The respondent's group, wherever the item "group" is. */
static void read_group(struct reader *R, const struct answers *A)
{
	const struct answer *found = NULL;
	const char *code;
	size_t mark;

	for (size_t k = 0; k < A->n; k++) {
		if (strcmp(A->v[k].link_id, GROUP_LINK))
			continue;
		if (found)
			report(R, A->v[k].ptr, "item '" GROUP_LINK "' is answered "
			       "twice");
		else
			found = &A->v[k];
	}
	if (!found) {
		report(R, "", "no answer to item '" GROUP_LINK "'; expected the "
		       "respondent's group");
		return;
	}
	mark = ptr_push(R, "%s", found->ptr);
	if ((code = coding_code(R, found)) &&
	    survey_set_group(R->s, R->r, code, &R->why))
		report_why(R, "/answer/0/valueCoding/code");
	ptr_pop(R, mark);
}

/* The response's id from obj[key], obj being at R->ptr. */
static void set_id_from(struct reader *R, json_t *obj, const char *key)
{
	json_t *v = member(R, obj, key, JSON_STRING, true);
	size_t mark;

	if (!v || !survey_set_id(R->b, R->r, json_string_value(v), &R->why))
		return;
	mark = ptr_push(R, "/%s", key);
	report_why(R, "");
	ptr_pop(R, mark);
}

/* The response's id: identifier.value if given, else id. */
static void read_id(struct reader *R, json_t *res)
{
	json_t *ident = member(R, res, "identifier", JSON_OBJECT, false);
	size_t mark;

	if (ident && json_object_get(ident, "value")) {
		mark = ptr_push(R, "/identifier");
		set_id_from(R, ident, "value");
		ptr_pop(R, mark);
	} else if (json_object_get(res, "id")) {
		set_id_from(R, res, "id");
	} else {
		report(R, "", "no identifier.value or id; expected the "
		       "response's identifier");
	}
}

/* A QuestionnaireResponse at R->ptr, into R->r. */
static void read_response(struct reader *R, json_t *res)
{
	struct answers A = { .base = R->ptr.len };

	read_id(R, res);
	collect_items(R, res, &A);
	read_group(R, &A);
	for (size_t k = 0; k < A.n; k++) {
		size_t mark = ptr_push(R, "%s", A.v[k].ptr);
		read_answer(R, &A.v[k]);
		ptr_pop(R, mark);
	}
	answers_release(&A);
}

/* True if res's resourceType is want; else reports at /resourceType. */
static bool is_resource(struct reader *R, json_t *res, const char *want)
{
	json_t *type = member(R, res, "resourceType", JSON_STRING, true);

	if (!type)
		return false;
	if (!strcmp(json_string_value(type), want))
		return true;
	report(R, "/resourceType", "expected %s, got \"%s\"", want,
	       json_string_value(type));
	return false;
}

/* Entry record of a Bundle, at R->ptr: a response, good or bad. */
static void read_entry(struct reader *R, json_t *entry, long record)
{
	json_t *res = NULL;
	size_t mark;

	R->r = survey_batch_add(R->b, R->s, record);
	if (!json_is_object(entry))
		report(R, "", "expected an object, got %s", value_kind(entry));
	else
		res = member(R, entry, "resource", JSON_OBJECT, true);
	if (res) {
		mark = ptr_push(R, "/resource");
		if (is_resource(R, res, "QuestionnaireResponse"))
			read_response(R, res);
		ptr_pop(R, mark);
	}
	R->r = NULL;
}

static int read_bundle(struct reader *R, json_t *bundle)
{
	json_t *entries = member(R, bundle, "entry", JSON_ARRAY, false), *entry;
	size_t k;

	if (!entries && json_object_get(bundle, "entry"))
		return -1;
	json_array_foreach(entries, k, entry) {
		size_t mark = ptr_push(R, "/entry/%zu", k);
		read_entry(R, entry, (long)k);
		ptr_pop(R, mark);
	}
	return 0;
}

static int read_root(struct reader *R, json_t *root)
{
	json_t *type;

	if (!json_is_object(root)) {
		report(R, "", "expected a JSON object, got %s", value_kind(root));
		return -1;
	}
	type = member(R, root, "resourceType", JSON_STRING, true);
	if (!type)
		return -1;
	if (!strcmp(json_string_value(type), "Bundle"))
		return read_bundle(R, root);
	if (strcmp(json_string_value(type), "QuestionnaireResponse")) {
		report(R, "/resourceType", "expected QuestionnaireResponse or "
		       "Bundle, got \"%s\"", json_string_value(type));
		return -1;
	}
	R->r = survey_batch_add(R->b, R->s, 0);
	read_response(R, root);
	R->r = NULL;
	return 0;
}

int survey_parse_fhir(const struct survey *s, const char *file,
		      const char *data, size_t len, struct survey_batch *b,
		      struct diags *d)
{
	struct reader R = { s, file, b, d, STRBUF_INIT, STRBUF_INIT, NULL };
	size_t bom = survey_bom_len(data, len);
	json_error_t err;
	json_t *root;
	int rc;

	if (survey_is_blank(data + bom, len - bom)) {
		diag_add(d, file, 0, 0, NULL, -1, "the file is empty; expected "
			 "a QuestionnaireResponse or a Bundle of them");
		return -1;
	}
	root = json_loadb(data + bom, len - bom, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		diag_add(d, file, err.line, err.column, NULL, -1,
			 "invalid JSON: %s", err.text);
		return -1;
	}
	sb_init(&R.ptr);
	sb_init(&R.why);
	rc = read_root(&R, root);
	sb_release(&R.ptr);
	sb_release(&R.why);
	json_decref(root);
	return rc;
}
