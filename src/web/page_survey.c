/*
 * page_survey.c: the survey a stakeholder answers through a link, on their
 * own phone and often with a weak signal. The plain form works without
 * JavaScript; survey.js keeps the answers on the phone and sends them as
 * JSON to the API (api_survey.c) when it can.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/html.h"
#include "lib/secret.h"
#include "lib/xalloc.h"
#include "pages.h"
#include "respond.h"

static const char *const scale_values[6] = { "1", "2", "3", "4", "5", "dk" };

/* prefix then the link's token, e.g. "/s/TOKEN" */
static void link_path(struct strbuf *sb, const char *prefix,
		      const struct respondent *t)
{
	sb_adds(sb, prefix);
	html_url(sb, t->link.token);
}

static void intro(struct req *r, const struct respondent *t)
{
	struct strbuf *o = &r->out;
	size_t n = respond_nshown(t), minutes = (n * 10 + 59) / 60;

	if (minutes < 2)
		minutes = 2;
	html(o, "<div class=\"survey-intro\"><p>This short survey "
	     "asks what helps and what gets in the way of this project, so "
	     "that the people running it can see where to act. There are %z "
	     "statements; it takes about %z minutes.</p>\n<ul>"
	     "<li>Your answers are anonymous. We do not ask your name, and "
	     "results are only shown for groups of at least %I people.</li>"
	     "<li>Say how far you agree with each statement. Choose "
	     "&ldquo;Don't know&rdquo; when you are not sure, or leave it "
	     "out.</li>", n, minutes, t->project.anonymity);
	if (t->link.stakeholder)
		html(o, "<li>This link is yours alone: it takes one set of "
		     "answers.</li>");
	html(o, "</ul>\n<p class=\"saved-note\" id=\"survey-saved-intro\" "
	     "hidden></p></div>\n");
}

/* The form's problems as shown: worded for a person, linked to fields. */
static void shown_problems(const struct respondent *t, const struct form *f,
			   struct form *disp)
{
	for (size_t k = 0; k < f->nerrs; k++) {
		const char *field = f->errs[k].name, *msg = f->errs[k].value;
		struct strbuf sb = STRBUF_INIT;
		long i = survey_item_index(&t->s, field);

		if (i >= 0) {
			size_t num = 0;
			for (size_t j = 0; j <= (size_t)i; j++)
				num += respond_shows(t, j);
			sb_addf(&sb, "Statement %zu: choose one of the answers "
				"shown", num);
		} else if (!strcmp(field, "answers")) {
			sb_adds(&sb, "Answer at least one statement (choosing "
				"\"Don't know\" counts)");
		} else if (!strcmp(field, "group")) {
			sb_addf(&sb, "Your group: %s", msg);
		} else if (!strcmp(field, "comment")) {
			sb_addf(&sb, "Your comment: %s", msg);
		} else {
			sb_release(&sb);
			continue;	/* the client id: not the person's doing */
		}
		form_error(disp, field, sb.buf);
		sb_release(&sb);
	}
}

/* Whether the re-shown form had value v for item. */
static bool was_given(struct req *r, const char *item, const char *v)
{
	const char *given = r->is_post ? web_form(r, item) : NULL;

	return given && !strcasecmp(given, v);
}

static void item(struct req *r, const struct respondent *t,
		 const struct form *disp, size_t i, size_t num)
{
	const struct survey_item *it = &t->s.items[i];
	const char *err = form_error_for(disp, it->id);
	struct strbuf *o = &r->out;

	html(o, "<fieldset class=\"item%R\" id=\"q-%s\"", err ? " field-error" :
	     "", it->id);
	if (err)
		html(o, " aria-describedby=\"e-%s\"", it->id);
	html(o, "><legend><span class=\"num\">%z.</span> %s</legend>", num,
	     it->text);
	if (err)
		html(o, "<p class=\"error\" id=\"e-%s\">Choose one of the answers "
		     "shown</p>", it->id);
	html(o, "<div class=\"scale\">");
	for (size_t k = 0; k < 6; k++) {
		html(o, "<label%R><input type=\"radio\" name=\"%s\" value=\"%s\"",
		     k == 5 ? " class=\"dk\"" : "", it->id, scale_values[k]);
		if (!k)
			html(o, " id=\"f-%s\"", it->id);
		html(o, "%R> %s</label>", was_given(r, it->id, scale_values[k]) ?
		     " checked" : "", respond_scale_labels[k]);
	}
	html(o, "</div></fieldset>\n");
}

static void group_field(struct req *r, const struct respondent *t,
			const struct form *disp)
{
	const char **ids, **titles;
	struct strbuf hint = STRBUF_INIT;

	if (t->group >= 0) {
		html(&r->out, "<p class=\"survey-group\">You are answering as "
		     "part of the group <strong>%s</strong>.</p>\n",
		     t->s.groups[t->group].title);
		return;
	}
	ids = xcalloc(t->s.ngroups + 2, sizeof(*ids));
	titles = xcalloc(t->s.ngroups + 2, sizeof(*titles));
	ids[0] = "";
	titles[0] = "Choose your group";
	for (size_t g = 0; g < t->s.ngroups; g++) {
		ids[g + 1] = t->s.groups[g].id;
		titles[g + 1] = t->s.groups[g].title;
	}
	sb_addf(&hint, "Needed. Results are shown by group, and only for "
		"groups of at least %" PRId64 " people.", t->project.anonymity);
	form_select(r, disp, "group", "Which group are you in?", ids, titles,
		    r->is_post ? web_form(r, "group") : NULL, hint.buf);
	sb_release(&hint);
	free(ids);
	free(titles);
}

static void items(struct req *r, const struct respondent *t,
		  const struct form *disp)
{
	const char *det = "";
	size_t num = 0;

	html(&r->out, "<div id=\"f-answers\" class=\"survey-items\" "
	     "tabindex=\"-1\">\n");
	for (size_t i = 0; i < t->s.nitems; i++) {
		const struct survey_item *it = &t->s.items[i];
		if (!respond_shows(t, i))
			continue;
		if (strcmp(det, it->determinant)) {
			det = it->determinant;
			html(&r->out, "<h2>%s</h2>\n", it->determinant_title);
		}
		item(r, t, disp, i, ++num);
	}
	html(&r->out, "</div>\n");
}

/*
 * The survey form, re-showing a POST's values when f has problems.
 * client_id is what the form sends to be counted once.
 */
static int survey_form(struct req *r, const struct respondent *t,
		       const struct form *f, const char *client_id, int status)
{
	struct form disp = FORM_INIT;
	struct strbuf action = STRBUF_INIT, api = STRBUF_INIT;
	struct strbuf title = STRBUF_INIT;
	struct strbuf *o = &r->out;

	shown_problems(t, f, &disp);
	link_path(&action, "/s/", t);
	link_path(&api, "/api/survey/", t);
	sb_addf(&title, "%sSurvey: %s", f->nerrs ? "Please check: " : "",
		t->s.title);
	r->status = status;
	page_begin(r, title.buf, NULL);
	html(o, "<div class=\"survey-page\">\n<h1>%s</h1>\n", t->s.title);
	form_summary(r, &disp);
	intro(r, t);
	if (form_error_for(f, "client_id"))
		page_notice(r, "error", "The form could not be matched with "
			    "what was sent before. Please check your answers "
			    "and send them again.");
	html(o, "<form id=\"survey-form\" class=\"survey\" method=\"post\" "
	     "action=\"%s\" data-api=\"%s\" data-key=\"%s\" novalidate>\n"
	     "<input type=\"hidden\" name=\"client_id\" id=\"survey-client-id\" "
	     "value=\"%s\">\n", action.buf, api.buf, t->link.token, client_id);
	group_field(r, t, &disp);
	items(r, t, &disp);
	form_textarea(r, &disp, "comment", "Anything else you would like to "
		      "tell the project team? (optional)", r->is_post ?
		      web_form(r, "comment") : NULL, "Please do not write "
		      "names or anything else that could identify you or "
		      "someone else.");
	html(o, "<div id=\"survey-status\" class=\"survey-status\" "
	     "role=\"status\" aria-live=\"polite\"></div>\n"
	     "<p class=\"saved-note\" id=\"survey-saved\" hidden></p>\n"
	     "<div class=\"survey-actions\"><button type=\"submit\" "
	     "id=\"survey-submit\">Send my answers</button> "
	     "<button type=\"button\" id=\"survey-retry\" class=\"secondary\" "
	     "hidden>Try again now</button></div>\n</form>\n</div>\n"
	     "<script src=\"/static/survey.js\" defer></script>\n");
	page_end(r);
	form_release(&disp);
	sb_release(&action);
	sb_release(&api);
	sb_release(&title);
	return 0;
}

/*
 * A stakeholder's link that has taken its answers. survey.js may still
 * hold answers sent before: it can ask the API whether they arrived.
 */
static int used_page(struct req *r, const struct respondent *t, int status)
{
	struct strbuf api = STRBUF_INIT;

	link_path(&api, "/api/survey/", t);
	r->status = status;
	page_begin(r, "Link already used", NULL);
	html(&r->out, "<div class=\"survey-page\" id=\"survey-used\" "
	     "data-api=\"%s\" data-key=\"%s\">\n<h1>This link has already been "
	     "used</h1>\n<p>Answers have already been sent through this link, "
	     "and a personal link takes one set of answers. If you sent them: "
	     "thank you, there is nothing more to do. If you did not, ask the "
	     "person who sent you the link.</p>\n<div id=\"survey-status\" "
	     "class=\"survey-status\" role=\"status\" aria-live=\"polite\">"
	     "</div>\n</div>\n<script src=\"/static/survey.js\" defer></script>\n",
	     api.buf, t->link.token);
	page_end(r);
	sb_release(&api);
	return 0;
}

static int thanks_page(struct req *r, const struct respondent *t)
{
	struct strbuf when = STRBUF_INIT, again = STRBUF_INIT;
	int64_t at;

	if (!web_int(web_query(r, "at"), 1, r->now + 60, &at))
		respond_time(&when, at);
	page_begin(r, "Thank you", NULL);
	html(&r->out, "<div class=\"survey-page\" id=\"survey-done\" "
	     "data-key=\"%s\">\n<h1>Thank you</h1>\n<div class=\"notice "
	     "notice-ok\" role=\"status\"><p><strong>Your answers were "
	     "received%R%s.</strong></p></div>\n<p>They will count towards the "
	     "results for %s, which show groups of at least %I people only. "
	     "You can close this page now.</p>\n", t->link.token,
	     when.len ? " on " : "", when.buf, t->s.title,
	     t->project.anonymity);
	if (!t->link.stakeholder) {
		link_path(&again, "/s/", t);
		html(&r->out, "<p>If someone else wants to answer on this device, "
		     "they can <a href=\"%s\">start a new set of answers</a>.</p>\n",
		     again.buf);
	}
	html(&r->out, "</div>\n<script src=\"/static/survey.js\" defer>"
	     "</script>\n");
	page_end(r);
	sb_release(&when);
	sb_release(&again);
	return 0;
}

int page_survey(struct req *r)
{
	struct respondent t;
	struct form none = FORM_INIT;
	char client_id[SECRET_TOKEN_LEN + 1];
	int rc;

	if (respond_open(r, &t))
		return -1;
	if (web_query(r, "thanks")) {
		rc = thanks_page(r, &t);
	} else if (respond_used(&t)) {
		rc = used_page(r, &t, 200);
	} else {
		secret_token(client_id);
		rc = survey_form(r, &t, &none, client_id, 200);
	}
	respond_release(&t);
	return rc;
}

int page_survey_submit(struct req *r)
{
	struct respondent t;
	struct form f = FORM_INIT;
	struct submission sub;
	struct answer *answers;
	struct strbuf url = STRBUF_INIT;
	enum respond_outcome outcome;
	char fresh[SECRET_TOKEN_LEN + 1];
	int rc;

	if (respond_open(r, &t))
		return -1;
	answers = xcalloc(t.s.nitems + 1, sizeof(*answers));
	memset(&sub, 0, sizeof(sub));
	sub.client_id = web_form(r, "client_id");
	sub.group = web_form(r, "group");
	sub.comment = web_form(r, "comment");
	sub.answers = answers;
	for (size_t i = 0; i < t.s.nitems; i++) {
		const char *v = web_form(r, t.s.items[i].id);
		if (v)
			answers[sub.nanswers++] = (struct answer){
				t.s.items[i].id, v };
	}
	rc = respond_keep(r, &t, &sub, &f, &outcome);
	if (rc)
		goto cleanup;
	switch (outcome) {
	case RESPOND_ADDED:
	case RESPOND_AGAIN:
		link_path(&url, "/s/", &t);
		sb_adds(&url, "?thanks=1");
		if (outcome == RESPOND_ADDED)
			sb_addf(&url, "&at=%" PRId64, r->now);
		rc = web_redirect(r, url.buf);
		break;
	case RESPOND_USED:
		rc = used_page(r, &t, 409);
		break;
	case RESPOND_BAD:
		secret_token(fresh);
		rc = survey_form(r, &t, &f, respond_client_id_ok(sub.client_id) ?
				 sub.client_id : fresh, 422);
		break;
	}
cleanup:
	free(answers);
	form_release(&f);
	sb_release(&url);
	respond_release(&t);
	return rc;
}
