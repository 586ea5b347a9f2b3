/*
 * page_links.c: survey links for a project's leads: the links given out
 * and what came back through them, making an open link or one link per
 * stakeholder, and revoking a link.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "form.h"
#include "lib/html.h"
#include "lib/xalloc.h"
#include "pages.h"

static const char *const kind_choices[] = { "open", "stakeholders", NULL };
static const char *const kind_labels[] = {
	"One open link: anyone holding it may answer, any number of times",
	"One link for each stakeholder who has no live link for the round",
	NULL
};

/* What the page needs besides the links: groups, stakeholders, rounds. */
struct world {
	struct survey_link *links;
	size_t nlinks;
	struct group *groups;
	size_t ngroups;
	struct stakeholder *people;
	size_t npeople;
	int64_t *rounds, *counts;
	size_t nrounds;
	const char **group_ids, **group_labels;	/* "" first: asked */
};

static void world_release(struct world *w)
{
	store_links_free(w->links, w->nlinks);
	store_groups_free(w->groups, w->ngroups);
	store_stakeholders_free(w->people, w->npeople);
	free(w->rounds);
	free(w->counts);
	free(w->group_ids);
	free(w->group_labels);
	memset(w, 0, sizeof(*w));
}

static int world_load(struct req *r, struct world *w)
{
	int64_t p = r->project.id;

	memset(w, 0, sizeof(*w));
	if (store_links(r->st, p, &w->links, &w->nlinks) ||
	    store_groups(r->st, p, &w->groups, &w->ngroups) ||
	    store_stakeholder_list(r->st, p, &w->people, &w->npeople) ||
	    store_rounds(r->st, p, &w->rounds, &w->counts, &w->nrounds)) {
		world_release(w);
		return -1;
	}
	w->group_ids = xcalloc(w->ngroups + 2, sizeof(*w->group_ids));
	w->group_labels = xcalloc(w->ngroups + 2, sizeof(*w->group_labels));
	w->group_ids[0] = "";
	w->group_labels[0] = "Any: the respondent says which";
	for (size_t i = 0; i < w->ngroups; i++) {
		w->group_ids[i + 1] = w->groups[i].id;
		w->group_labels[i + 1] = w->groups[i].title;
	}
	return 0;
}

/* The latest round with responses, or 0. */
static int64_t latest_round(const struct world *w)
{
	return w->nrounds ? w->rounds[w->nrounds - 1] : 0;
}

static const char *person_name(const struct world *w, int64_t id)
{
	for (size_t i = 0; i < w->npeople; i++)
		if (w->people[i].id == id)
			return w->people[i].name;
	return NULL;
}

static bool has_group(const struct world *w, const char *id)
{
	for (size_t i = 0; i < w->ngroups; i++)
		if (!strcmp(w->groups[i].id, id))
			return true;
	return false;
}

/* The address to give out: absolute with --public-url, else the path. */
static void link_url(struct req *r, struct strbuf *sb, const char *token)
{
	const char *base = r->cfg ? r->cfg->public_url : NULL;

	if (base && *base) {
		size_t len = strlen(base);

		while (len && base[len - 1] == '/')
			len--;
		sb_add(sb, base, len);
	}
	sb_adds(sb, "/s/");
	html_url(sb, token);
}

static void link_item(struct req *r, const struct world *w,
		      const struct survey_link *l)
{
	struct strbuf url = STRBUF_INIT;
	const char *who = l->stakeholder ? person_name(w, l->stakeholder) :
			  NULL;

	html(&r->out, "<li><h3>%s</h3><p><span class=\"kind\">", l->label);
	if (!l->stakeholder)
		html(&r->out, "open link");
	else
		html(&r->out, "for %s", who ? who : "a deleted stakeholder");
	html(&r->out, "</span>, group %s, round %I, ", l->grp ? l->grp : "any",
	     l->round);
	if (!l->stakeholder)
		html(&r->out, "%I response%s", l->responses,
		     l->responses == 1 ? "" : "s");
	else if (l->used_on)
		html(&r->out, "used on %s", l->used_on);
	else
		html(&r->out, "not used yet");
	html(&r->out, ": <strong class=\"state\">%s</strong></p>",
	     l->revoked ? "revoked" : "live");
	if (!l->revoked) {
		link_url(r, &url, l->token);
		html(&r->out, "<p>Address to give out: <code class=\"link-url\">"
		     "%s</code></p><form method=\"post\" action=\"/p/%u/links/"
		     "%I/revoke\" data-confirm=\"Revoke this link? Nobody will "
		     "be able to answer through it.\">", url.buf,
		     r->project.name, l->id);
		page_csrf(r);
		html(&r->out, "<button type=\"submit\" class=\"danger\" "
		     "aria-label=\"Revoke %s\">Revoke</button></form>",
		     l->label);
	}
	html(&r->out, "</li>\n");
	sb_release(&url);
}

static void links_list(struct req *r, const struct world *w)
{
	size_t live = 0;

	if (!w->nlinks) {
		html(&r->out, "<p>No survey links yet. Make one below.</p>\n");
		return;
	}
	for (size_t i = 0; i < w->nlinks; i++)
		live += !w->links[i].revoked;
	html(&r->out, "<h2>%z link%s, %z live</h2>\n<ul class=\"links\">\n",
	     w->nlinks, w->nlinks == 1 ? "" : "s", live);
	for (size_t i = 0; i < w->nlinks; i++)
		link_item(r, w, &w->links[i]);
	html(&r->out, "</ul>\n");
}

static const char *done_text(const char *done)
{
	if (!done)
		return NULL;
	if (!strcmp(done, "added"))
		return "The link is made: give out its address below.";
	if (!strcmp(done, "many"))
		return "A link is made for each stakeholder who had none: "
		       "give out their addresses below.";
	if (!strcmp(done, "none"))
		return "Every stakeholder already has a live link for that "
		       "round: no link was made.";
	if (!strcmp(done, "revoked"))
		return "The link is revoked.";
	return NULL;
}

static int links_page(struct req *r, const struct form *f)
{
	struct world w;
	char round[24];
	const char *done = done_text(web_query(r, "done"));
	int64_t latest;

	if (world_load(r, &w))
		return web_store_fail(r);
	latest = latest_round(&w);
	snprintf(round, sizeof(round), "%lld", (long long)(latest ? latest : 1));
	page_begin(r, "Survey links", "links");
	html(&r->out, "<h1>Survey links</h1>\n");
	if (done && !f->nerrs)
		page_notice(r, "ok", done);
	form_summary(r, f);
	html(&r->out, "<p>Whoever holds a link may answer the survey without "
	     "logging in. A stakeholder's link can be used once; it records "
	     "<em>that</em> it was used and on which day, never which "
	     "response is theirs: answers stay anonymous.</p>\n");
	html(&r->out, "<section aria-labelledby=\"new\"><h2 id=\"new\">Make "
	     "links</h2><form method=\"post\" action=\"/p/%u/links\" "
	     "class=\"narrow\">", r->project.name);
	page_csrf(r);
	form_select(r, f, "kind", "Kind", kind_choices, kind_labels,
		    f->nerrs ? web_form(r, "kind") : "open", NULL);
	form_select(r, f, "group", "Group (open link)", w.group_ids,
		    w.group_labels, f->nerrs ? web_form(r, "group") : "",
		    "Answers through an open link count for this group. A "
		    "stakeholder's link always counts for their own group.");
	form_input(r, f, "number", "round", "Round", f->nerrs ?
		   web_form(r, "round") : round, latest ? "The latest round "
		   "with responses, or the next one to start a new round." :
		   "No responses yet: this is round 1.", true);
	form_input(r, f, "text", "label", "Label (open link)", f->nerrs ?
		   web_form(r, "label") : "", "For you, to tell links apart, "
		   "e.g. 'ward newsletter'. A stakeholder's link is labelled "
		   "with their name.", false);
	html(&r->out, "<button type=\"submit\">Make the links</button></form>"
	     "</section>\n");
	links_list(r, &w);
	page_end(r);
	world_release(&w);
	return 0;
}

int page_links(struct req *r)
{
	struct form f = FORM_INIT;

	return links_page(r, &f);
}

/* A link as the audit log keeps it: never its token. */
static json_t *link_json(const struct survey_link *l)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:s?, s:I, s:b}", "id",
			 (json_int_t)l->id, "label", l->label, "kind",
			 l->stakeholder ? "stakeholder" : "open", "stakeholder",
			 (json_int_t)l->stakeholder, "group", l->grp, "round",
			 (json_int_t)l->round, "revoked", l->revoked);
}

static int audit_link(struct req *r, const char *action,
		      const struct survey_link *before,
		      const struct survey_link *after)
{
	struct strbuf entity = STRBUF_INIT;
	json_t *b = before ? link_json(before) : NULL;
	json_t *a = after ? link_json(after) : NULL;
	int rc;

	sb_addf(&entity, "link:%lld", (long long)(after ? after : before)->id);
	rc = web_audit(r, r->project.id, action, entity.buf, b, a);
	json_decref(b);
	json_decref(a);
	sb_release(&entity);
	return rc;
}

static int back(struct req *r, const char *done)
{
	return web_redirect_project(r, r->project.name, "/links?done=%s", done);
}

static int add_open(struct req *r, const char *grp, int64_t round,
		    const char *label)
{
	struct survey_link l;
	int rc = auth_link_add(r->st, r->project.id, 0, *grp ? grp : NULL,
			       round, label, &l);

	if (!rc)
		rc = audit_link(r, "add", NULL, &l);
	else
		rc = web_store_fail(r);
	store_link_release(&l);
	return rc ? rc : back(r, "added");
}

/* Whether stakeholder id has a link for round that is not revoked. */
static bool has_live_link(const struct world *w, int64_t id, int64_t round)
{
	for (size_t i = 0; i < w->nlinks; i++)
		if (w->links[i].stakeholder == id &&
		    w->links[i].round == round && !w->links[i].revoked)
			return true;
	return false;
}

static int add_each(struct req *r, const struct world *w, int64_t round)
{
	size_t made = 0;

	for (size_t i = 0; i < w->npeople; i++) {
		const struct stakeholder *s = &w->people[i];
		struct survey_link l;
		int rc;

		if (has_live_link(w, s->id, round))
			continue;
		rc = auth_link_add(r->st, r->project.id, s->id, s->grp, round,
				   s->name, &l);
		rc = rc ? web_store_fail(r) : audit_link(r, "add", NULL, &l);
		store_link_release(&l);
		if (rc)
			return rc;
		made++;
	}
	return back(r, made ? "many" : "none");
}

int page_links_add(struct req *r)
{
	struct form f = FORM_INIT;
	struct strbuf why = STRBUF_INIT;
	struct world w;
	const char *kind = web_form(r, "kind"), *grp = web_form(r, "group");
	const char *label = web_form(r, "label");
	int64_t round = 0;
	int rc;

	if (world_load(r, &w))
		return web_store_fail(r);
	if (!kind || (strcmp(kind, "open") && strcmp(kind, "stakeholders")))
		form_error(&f, "kind", "choose an open link or one link per "
			   "stakeholder");
	if (!grp)
		grp = "";
	if (*grp && !has_group(&w, grp))
		form_error(&f, "group", "choose one of the project's groups, or "
			   "any");
	if (web_int(web_form(r, "round"), 1, latest_round(&w) + 1, &round)) {
		sb_addf(&why, "the round is a whole number from 1 to %lld (the "
			"latest round with responses, plus one)",
			(long long)latest_round(&w) + 1);
		form_error(&f, "round", why.buf);
	}
	sb_reset(&why);
	if (!label)
		label = "";
	if (check_text("label", label, 200, false, &why))
		form_error(&f, "label", why.buf);
	if (!f.nerrs && !strcmp(kind, "stakeholders") && !w.npeople)
		form_error(&f, "kind", "the project has no stakeholders yet; add "
			   "them first, or make an open link");
	if (f.nerrs) {
		r->status = 422;
		rc = links_page(r, &f);
	} else if (!strcmp(kind, "open")) {
		rc = add_open(r, grp, round, *label ? label : "open link");
	} else {
		rc = add_each(r, &w, round);
	}
	world_release(&w);
	sb_release(&why);
	form_release(&f);
	return rc;
}

int page_link_revoke(struct req *r)
{
	struct world w;
	struct survey_link *l = NULL;
	struct survey_link after;
	int64_t id;
	int rc;

	if (web_int(web_arg(r, 1), 1, INT64_MAX, &id))
		return web_not_found(r);
	if (world_load(r, &w))
		return web_store_fail(r);
	for (size_t i = 0; i < w.nlinks && !l; i++)
		if (w.links[i].id == id)
			l = &w.links[i];
	if (!l) {
		world_release(&w);
		return web_not_found(r);
	}
	if (l->revoked) {
		world_release(&w);
		return back(r, "revoked");
	}
	rc = store_link_revoke(r->st, r->project.id, id);
	if (rc) {
		world_release(&w);
		return rc == STORE_NOTFOUND ? web_not_found(r) :
		       web_store_fail(r);
	}
	after = *l;
	after.revoked = true;
	rc = audit_link(r, "revoke", l, &after);
	world_release(&w);
	return rc ? rc : back(r, "revoked");
}
