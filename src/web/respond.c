/* respond.c: opening a survey link and keeping one response through it. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/secret.h"
#include "lib/strbuf.h"
#include "respond.h"

const char *const respond_scale_labels[6] = {
	"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
	"Strongly agree", "Don't know"
};

/* Letters, digits, '-' and '_', 1 to max of them. */
static bool url_safe(const char *s, size_t max)
{
	size_t n = s ? strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			      "0123456789-_") : 0;

	return n && n <= max && !s[n];
}

bool respond_client_id_ok(const char *s)
{
	return url_safe(s, RESPOND_CLIENT_ID_MAX);
}

static int not_valid(struct req *r)
{
	return web_fail(r, 404, "not_found", "this survey link is not valid. "
			"Check that you opened the whole link from your message; "
			"if it still does not work, ask the person who sent it to "
			"you for a new one");
}

int respond_open(struct req *r, struct respondent *t)
{
	const char *token = web_arg(r, 0);
	char id[32];
	int rc;

	memset(t, 0, sizeof(*t));
	t->group = -1;
	r->private = true;	/* answers and tokens stay out of caches */
	if (!url_safe(token, 200))
		return not_valid(r);
	rc = store_link_get(r->st, token, &t->link);
	if (rc == STORE_NOTFOUND)
		return not_valid(r);
	if (rc)
		return web_store_fail(r);
	if (t->link.revoked) {
		store_link_release(&t->link);
		return web_fail(r, 404, "link_withdrawn", "this survey link has "
				"been withdrawn, so it no longer takes answers. If "
				"you still want to take part, ask the person who "
				"sent it to you");
	}
	snprintf(id, sizeof(id), "%" PRId64, t->link.project);
	rc = store_project_get(r->st, id, &t->project);
	if (rc == 0 && survey_build(r->kb, r->st, &t->project, &t->s))
		rc = -1;
	if (rc) {
		respond_release(t);
		return rc == STORE_NOTFOUND ? not_valid(r) : web_store_fail(r);
	}
	/* a group removed since the link was made is asked instead */
	if (t->link.grp)
		t->group = survey_group_index(&t->s, t->link.grp);
	return 0;
}

void respond_release(struct respondent *t)
{
	survey_release(&t->s);
	project_release(&t->project);
	store_link_release(&t->link);
	t->group = -1;
}

bool respond_used(const struct respondent *t)
{
	return t->link.stakeholder && t->link.responses > 0;
}

bool respond_shows(const struct respondent *t, size_t i)
{
	return t->group < 0 ||
	       t->s.asked[(size_t)t->group * t->s.nitems + i];
}

size_t respond_nshown(const struct respondent *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->s.nitems; i++)
		n += respond_shows(t, i);
	return n;
}

/*
 * The response's id: a digest of the token and the client id, so that a
 * retry through the same link finds it, and nothing in it points back to
 * the link or to the stakeholder it was given to.
 */
static void response_id(const struct respondent *t, const char *client_id,
			struct strbuf *out)
{
	struct strbuf in = STRBUF_INIT;
	char digest[SECRET_DIGEST_LEN + 1];

	sb_addf(&in, "%s\n%s", t->link.token, client_id);
	secret_digest(in.buf, digest);
	sb_addf(out, "web-%s", digest);
	sb_release(&in);
}

static void set_group(struct respondent *t, const struct submission *sub,
		      struct survey_response *resp, struct form *f)
{
	struct strbuf why = STRBUF_INIT;
	const char *given = sub->group && *sub->group ? sub->group : NULL;

	if (t->group >= 0) {
		const char *mine = t->s.groups[t->group].id;
		if (given && strcmp(given, mine)) {
			sb_addf(&why, "this link is for the group '%s'", mine);
			form_error(f, "group", why.buf);
		} else {
			resp->group = (size_t)t->group;
		}
	} else if (!given) {
		form_error(f, "group", "choose the group you belong to");
	} else if (survey_set_group(&t->s, resp, given, &why)) {
		form_error(f, "group", why.buf);
	}
	sb_release(&why);
}

/* Record the answers; returns how many were kept. */
static size_t set_answers(struct respondent *t, const struct submission *sub,
			  struct survey_response *resp, struct form *f)
{
	struct strbuf why = STRBUF_INIT;
	size_t kept = 0;

	for (size_t k = 0; k < sub->nanswers; k++) {
		const struct answer *a = &sub->answers[k];
		long i = survey_item_index(&t->s, a->item);
		unsigned char v;

		if (i < 0) {
			form_error(f, a->item, "no such statement in this survey");
			continue;
		}
		if (!a->value || !*a->value)
			continue;
		if (survey_parse_value(a->value, &v)) {
			form_error(f, a->item, "expected one of 1..5 or dk");
			continue;
		}
		/* tailored away for this group: not a question put to them */
		if (resp->group < t->s.ngroups &&
		    !t->s.asked[resp->group * t->s.nitems + (size_t)i])
			continue;
		sb_reset(&why);
		if (survey_set_value(&t->s, resp, (size_t)i, v, &why)) {
			form_error(f, a->item, why.buf);
			continue;
		}
		kept++;
	}
	sb_release(&why);
	return kept;
}

static void set_comment(struct respondent *t, const struct submission *sub,
			struct survey_response *resp, struct form *f)
{
	static const char prefix[] = "comment: ";
	struct strbuf why = STRBUF_INIT;
	const char *c = sub->comment;

	if (!c || strspn(c, " \t\r\n") == strlen(c))
		return;
	if (check_text("comment", c, RESPOND_COMMENT_MAX, false, &why)) {
		form_error(f, "comment", !strncmp(why.buf, prefix, strlen(prefix))
			   ? why.buf + strlen(prefix) : why.buf);
	} else if (resp->group < t->s.ngroups) {
		for (size_t i = 0; i < t->s.nitems; i++) {
			if (!t->s.asked[resp->group * t->s.nitems + i])
				continue;
			if (survey_set_comment(&t->s, resp, i, c, &why))
				form_error(f, "comment", why.buf);
			break;
		}
	}
	sb_release(&why);
}

/* Keep resp in the link's round and count it against the link. */
static int keep_response(struct req *r, struct respondent *t,
			 struct survey_response *resp,
			 enum respond_outcome *outcome)
{
	struct survey_keeper k;
	bool added;
	int rc;

	if (survey_keeper_init(&k, r->st, t->project.id, &t->s))
		return web_store_fail(r);
	rc = survey_keep(&k, t->link.round, resp, &added);
	survey_keeper_release(&k);
	if (rc)
		return web_store_fail(r);
	*outcome = added ? RESPOND_ADDED : RESPOND_AGAIN;
	if (!added)
		return 0;
	if (store_link_count(r->st, t->link.id))
		return web_store_fail(r);
	t->link.responses++;
	return 0;
}

int respond_keep(struct req *r, struct respondent *t,
		 const struct submission *sub, struct form *f,
		 enum respond_outcome *outcome)
{
	struct survey_batch b;
	struct survey_response *resp;
	struct strbuf id = STRBUF_INIT, why = STRBUF_INIT;
	bool exists;
	size_t kept, nerrs;
	int rc = 0;

	*outcome = RESPOND_BAD;
	survey_batch_init(&b);
	resp = survey_batch_add(&b, &t->s, 0);
	if (!respond_client_id_ok(sub->client_id)) {
		form_error(f, "client_id", "expected 1 to 100 letters, digits, "
			   "'-' or '_'");
		goto cleanup;
	}
	response_id(t, sub->client_id, &id);
	if (store_response_exists(r->st, t->project.id, id.buf, &exists)) {
		rc = web_store_fail(r);
		goto cleanup;
	}
	if (exists) {
		*outcome = RESPOND_AGAIN;
		goto cleanup;
	}
	if (respond_used(t)) {
		*outcome = RESPOND_USED;
		goto cleanup;
	}
	set_group(t, sub, resp, f);
	nerrs = f->nerrs;
	kept = set_answers(t, sub, resp, f);
	if (!kept && f->nerrs == nerrs)
		form_error(f, "answers", "answer at least one statement");
	set_comment(t, sub, resp, f);
	if (f->nerrs)
		goto cleanup;
	if (survey_set_id(&b, resp, id.buf, &why)) {
		form_error(f, "client_id", why.buf);
		goto cleanup;
	}
	rc = keep_response(r, t, resp, outcome);
cleanup:
	survey_batch_release(&b);
	sb_release(&id);
	sb_release(&why);
	return rc;
}

void respond_time(struct strbuf *sb, int64_t t)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm))
		return;
	sb_addf(sb, "%d %s %d at %02d:%02d UTC", tm.tm_mday, months[tm.tm_mon],
		tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}
