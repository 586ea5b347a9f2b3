/*
 * api_survey.c: the survey behind a link, as JSON (docs/api.md): what
 * survey.js reads, and where it sends the answers it kept on the phone.
 * A response carries the sender's client id, so sending it again after a
 * lost answer is counted once.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/xalloc.h"
#include "pages.h"
#include "respond.h"

static json_t *group_json(const struct survey_group *g)
{
	return json_pack("{s:s, s:s}", "id", g->id, "title", g->title);
}

static json_t *scale_json(void)
{
	json_t *v = json_array();

	for (int k = 0; k < 6; k++)
		json_array_append_new(v, json_pack("{s:o, s:s}", "value", k < 5 ?
			json_integer(k + 1) : json_string("dk"), "label",
			respond_scale_labels[k]));
	return v;
}

int api_survey(struct req *r)
{
	struct respondent t;
	json_t *items, *groups, *o;

	if (respond_open(r, &t))
		return -1;
	items = json_array();
	groups = json_array();
	for (size_t i = 0; i < t.s.nitems; i++) {
		const struct survey_item *it = &t.s.items[i];
		if (respond_shows(&t, i))
			json_array_append_new(items, json_pack("{s:s, s:s, s:s, "
				"s:s}", "id", it->id, "text", it->text,
				"determinant", it->determinant,
				"determinant_title", it->determinant_title));
	}
	for (size_t g = 0; t.group < 0 && g < t.s.ngroups; g++)
		json_array_append_new(groups, group_json(&t.s.groups[g]));
	o = json_pack("{s:{s:s, s:I}, s:I, s:b, s:b, s:o, s:o, s:o, s:o, s:i}",
		      "project", "title", t.s.title, "anonymity",
		      (json_int_t)t.project.anonymity,
		      "round", (json_int_t)t.link.round,
		      "single_use", t.link.stakeholder != 0,
		      "used", respond_used(&t),
		      "group", t.group >= 0 ? group_json(&t.s.groups[t.group]) :
		      json_null(),
		      "groups", groups, "items", items, "scale", scale_json(),
		      "comment_max", RESPOND_COMMENT_MAX);
	respond_release(&t);
	return web_json(r, 200, o);
}

/* A JSON answer as text for survey_parse_value ("?" for a wrong type). */
static const char *answer_text(json_t *v, char *buf, size_t size)
{
	if (json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return *json_string_value(v) ? json_string_value(v) : "?";
	if (json_is_integer(v)) {
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	}
	return "?";
}

/* A string field of the body, or NULL; *bad if it is there but no string. */
static const char *text_field(json_t *body, const char *name, bool *bad)
{
	json_t *v = json_object_get(body, name);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = true;
		return NULL;
	}
	return json_string_value(v);
}

/* Answer 422 with the first problem of f, naming its field as sent. */
static int fail_problem(struct req *r, const struct form *f)
{
	const char *field = f->errs[0].name, *msg = f->errs[0].value;
	const char *code = "bad_request";
	bool is_item = strcmp(field, "client_id") && strcmp(field, "group") &&
		       strcmp(field, "comment") && strcmp(field, "answers");
	char more[64] = "";

	if (is_item)
		code = "bad_answer";
	else if (!strcmp(field, "answers"))
		code = "no_answers";
	else if (!strcmp(field, "group"))
		code = "bad_group";
	else if (!strcmp(field, "client_id"))
		code = "bad_client_id";
	else if (!strcmp(field, "comment"))
		code = "bad_comment";
	if (f->nerrs > 1)
		snprintf(more, sizeof(more), " (and %zu more problem%s)",
			 f->nerrs - 1, f->nerrs > 2 ? "s" : "");
	return web_fail(r, 422, code, "%s%s: %s%s", is_item ? "answers." : "",
			field, msg, more);
}

static int answered(struct req *r, const char *status, const char *client_id,
		    int code)
{
	json_t *o = json_pack("{s:s, s:s}", "status", status, "client_id",
			      client_id);
	time_t now = (time_t)r->now;
	struct tm tm;
	char when[32];

	if (code == 201 && gmtime_r(&now, &tm) &&
	    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm))
		json_object_set_new(o, "received", json_string(when));
	return web_json(r, code, o);
}

int api_survey_submit(struct req *r)
{
	struct respondent t;
	struct submission sub;
	struct answer *answers = NULL;
	char (*bufs)[32] = NULL;
	struct form f = FORM_INIT;
	enum respond_outcome outcome;
	json_t *body = r->json, *jans, *v;
	const char *key;
	bool bad = false;
	size_t n = 0;
	int rc;

	if (respond_open(r, &t))
		return -1;
	memset(&sub, 0, sizeof(sub));
	if (!json_is_object(body)) {
		rc = web_fail(r, 400, "bad_request", "send a JSON object: "
			      "{\"client_id\": \"...\", \"answers\": {\"ITEM\": "
			      "1..5 or \"dk\"}}, as application/json");
		goto cleanup;
	}
	sub.client_id = text_field(body, "client_id", &bad);
	if (bad)
		form_error(&f, "client_id", "expected a string");
	bad = false;
	sub.group = text_field(body, "group", &bad);
	if (bad)
		form_error(&f, "group", "expected a group id as a string");
	bad = false;
	sub.comment = text_field(body, "comment", &bad);
	if (bad)
		form_error(&f, "comment", "expected a string");
	jans = json_object_get(body, "answers");
	if (jans && !json_is_object(jans))
		form_error(&f, "answers", "expected an object of statement ids "
			   "and answers");
	if (f.nerrs) {
		rc = fail_problem(r, &f);
		goto cleanup;
	}
	n = json_is_object(jans) ? json_object_size(jans) : 0;
	answers = xcalloc(n + 1, sizeof(*answers));
	bufs = xcalloc(n + 1, sizeof(*bufs));
	if (n)
		json_object_foreach(jans, key, v) {
			answers[sub.nanswers].item = key;
			answers[sub.nanswers].value = answer_text(v,
				bufs[sub.nanswers], sizeof(*bufs));
			sub.nanswers++;
		}
	sub.answers = answers;
	rc = respond_keep(r, &t, &sub, &f, &outcome);
	if (rc)
		goto cleanup;
	switch (outcome) {
	case RESPOND_ADDED:
		rc = answered(r, "received", sub.client_id, 201);
		break;
	case RESPOND_AGAIN:
		rc = answered(r, "already_received", sub.client_id, 200);
		break;
	case RESPOND_USED:
		rc = web_fail(r, 409, "link_used", "this link has already been "
			      "used to answer; a personal link takes one set of "
			      "answers");
		break;
	case RESPOND_BAD:
		rc = fail_problem(r, &f);
		break;
	}
cleanup:
	free(answers);
	free(bufs);
	form_release(&f);
	respond_release(&t);
	return rc;
}
