/*
 * page_project.c: a project's overview (where it stands, its gate, its
 * strongest barriers and enablers, how many have answered) and its
 * settings form.
 */
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "form.h"
#include "kb/kb.h"
#include "lib/html.h"
#include "pages.h"
#include "plan/plan.h"

/* How many barriers and enablers the overview names. */
#define OVERVIEW_TOP 5

/* --- overview --- */

static void card_step(struct req *r)
{
	const char *phase = project_phase(r->project.step);

	html(&r->out, "<section class=\"card\" aria-labelledby=\"c-step\">"
	     "<h2 id=\"c-step\">Phase and step</h2><p class=\"big\">%s</p>"
	     "<p>Step <strong>%s</strong> of the <strong>%s</strong> phase.</p>"
	     "<p><a href=\"/p/%u/roadmap\">Road map</a></p></section>\n",
	     r->project.step, r->project.step, phase ? phase : "unknown",
	     r->project.name);
}

static int card_gate(struct req *r)
{
	struct checkpoint_done *done;
	struct gate g;
	size_t ndone, ticked = 0;

	if (store_checkpoints(r->st, r->project.id, &done, &ndone))
		return web_store_fail(r);
	if (gate_build(r->kb, r->project.step, done, ndone, &g)) {
		store_checkpoints_free(done, ndone);
		html(&r->out, "<section class=\"card\"><h2>Gate</h2><p>The gate "
		     "of step %s cannot be shown.</p></section>\n",
		     r->project.step);
		return 0;
	}
	for (size_t i = 0; i < g.n; i++)
		ticked += g.done[i] != NULL;
	html(&r->out, "<section class=\"card\" aria-labelledby=\"c-gate\">"
	     "<h2 id=\"c-gate\">Gate out of this step</h2>"
	     "<p class=\"big\">%z of %z</p><p>checkpoints ticked: %R</p>"
	     "<p><a href=\"/p/%u/roadmap\">Checkpoints</a></p></section>\n",
	     ticked, g.n, g.ready ? "<strong>ready to move on</strong>" :
	     "<strong>not ready</strong> to move on", r->project.name);
	gate_release(&g);
	store_checkpoints_free(done, ndone);
	return 0;
}

/* Of the stakeholders' own links for round, how many exist and were used. */
static int named_links(struct req *r, int64_t round, size_t *given,
		       size_t *used)
{
	struct survey_link *v;
	size_t n;

	*given = *used = 0;
	if (store_links(r->st, r->project.id, &v, &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!v[i].stakeholder || v[i].round != round)
			continue;
		*given += 1;
		*used += v[i].used_on != NULL;
	}
	store_links_free(v, n);
	return 0;
}

static int card_responses(struct req *r, const struct assessment *a,
			  bool any)
{
	struct stakeholder *sv;
	size_t ns, given, used;
	int64_t count;

	if (store_stakeholder_list(r->st, r->project.id, &sv, &ns))
		return web_store_fail(r);
	store_stakeholders_free(sv, ns);
	html(&r->out, "<section class=\"card\" aria-labelledby=\"c-resp\">"
	     "<h2 id=\"c-resp\">Response rate</h2>");
	if (!any) {
		html(&r->out, "<p class=\"big\">0</p><p>No responses yet. "
		     "%z stakeholders are recorded.</p>", ns);
		if (r->role >= ROLE_LEAD)
			html(&r->out, "<p><a href=\"/p/%u/links\">Send survey "
			     "links</a></p>", r->project.name);
		html(&r->out, "</section>\n");
		return 0;
	}
	if (named_links(r, a->round, &given, &used))
		return web_store_fail(r);
	count = a->round_counts[a->nrounds - 1];
	html(&r->out, "<p class=\"big\">%I</p><p>responses in round %I, "
	     "against %z stakeholders recorded", count, a->round, ns);
	if (ns && count <= (int64_t)ns)
		html(&r->out, " (%I%%)", count * 100 / (int64_t)ns);
	else if (ns)
		html(&r->out, ": open links reach people beyond the register");
	html(&r->out, ".</p>");
	if (given)
		html(&r->out, "<p>%z of %z stakeholders sent their own link "
		     "have answered.</p>", used, given);
	html(&r->out, "<ul>");
	for (size_t i = 0; i < a->nrounds; i++)
		html(&r->out, "<li>Round %I: %I responses</li>", a->rounds[i],
		     a->round_counts[i]);
	html(&r->out, "</ul></section>\n");
	return 0;
}

static void card_rollout(struct req *r, const struct assessment *a)
{
	struct rollout ro;

	rollout_advise(&r->project, a, &ro);
	html(&r->out, "<section class=\"card\" aria-labelledby=\"c-roll\">"
	     "<h2 id=\"c-roll\">Rollout</h2><p class=\"big\">%s</p>",
	     ro.advice);
	if (ro.n) {
		html(&r->out, "<details><summary>Why</summary><ul>");
		for (size_t i = 0; i < ro.n; i++)
			html(&r->out, "<li>%s: %s</li>", ro.votes[i].favours,
			     ro.votes[i].reason);
		html(&r->out, "</ul></details>");
	}
	html(&r->out, "</section>\n");
}

static void ranked(struct req *r, const struct assessment *a,
		   enum score_class cls, const char *title, const char *tag)
{
	size_t *idx, n = assessment_ranked(a, cls, &idx);

	html(&r->out, "<section aria-labelledby=\"top-%s\"><h2 id=\"top-%s\">"
	     "%s</h2>", tag, tag, title);
	if (!n)
		html(&r->out, "<p>None in round %I.</p>", a->round);
	else
		html(&r->out, "<ol>");
	for (size_t i = 0; i < n && i < OVERVIEW_TOP; i++) {
		const struct score_cell *c = &a->score.overall[idx[i]];

		/* the dashboard's section of the class: h-barriers, h-enablers */
		html(&r->out, "<li><a href=\"/p/%u/dashboard#h-%ss\">%s</a> "
		     "<span class=\"tag tag-%s\">%s</span> mean %f of 5 "
		     "<span class=\"muted\">(n=%z)</span></li>",
		     r->project.name, tag, a->det_titles[idx[i]], tag, tag,
		     c->mean, c->n);
	}
	if (n)
		html(&r->out, "</ol>");
	if (n > OVERVIEW_TOP)
		html(&r->out, "<p><a href=\"/p/%u/dashboard\">All %z on the "
		     "dashboard</a></p>", r->project.name, n);
	html(&r->out, "</section>\n");
	free(idx);
}

static void project_facts(struct req *r)
{
	const struct project *p = &r->project;

	html(&r->out, "<section aria-labelledby=\"facts\"><h2 id=\"facts\">"
	     "The project</h2><dl class=\"facts\">"
	     "<dt>Technology</dt><dd>%s</dd>"
	     "<dt>Care settings</dt><dd>%s</dd>"
	     "<dt>Scale</dt><dd>%I sites, %I staff, %I settings that must "
	     "take part</dd>"
	     "<dt>Devices</dt><dd>%s, %s platform, %s adoption</dd>"
	     "<dt>Dedicated implementation staff</dt><dd>%I</dd>"
	     "<dt>Smallest group shown</dt><dd>%I respondents</dd></dl>",
	     p->technology, *p->care_settings ? p->care_settings : "not given",
	     p->sites, p->staff, p->settings, p->device_model, p->platforms,
	     p->adoption, p->dedicated_staff, p->anonymity);
	if (p->notes && *p->notes)
		html(&r->out, "<p class=\"notes\">%s</p>", p->notes);
	html(&r->out, "</section>\n");
}

int page_project(struct req *r)
{
	struct assessment a;
	int rc = assessment_load(r->kb, r->st, &r->project, 0, &a);
	bool any;

	if (rc == -1) {
		assessment_release(&a);
		return web_store_fail(r);
	}
	any = rc == 0 && a.round != 0 && a.nrounds;
	page_begin(r, r->project.title, "overview");
	html(&r->out, "<h1>%s</h1>\n", r->project.title);
	if (web_query(r, "done"))
		page_notice(r, "ok", "The project's settings are saved.");
	html(&r->out, "<div class=\"cards\">\n");
	card_step(r);
	if (card_gate(r) || card_responses(r, &a, any)) {
		assessment_release(&a);
		return -1;
	}
	card_rollout(r, any ? &a : NULL);
	html(&r->out, "</div>\n");
	if (any) {
		ranked(r, &a, CLASS_BARRIER, "Top barriers", "barrier");
		ranked(r, &a, CLASS_ENABLER, "Top enablers", "enabler");
		html(&r->out, "<p><a href=\"/p/%u/dashboard\">The whole "
		     "assessment of round %I</a></p>\n", r->project.name,
		     a.round);
	} else {
		html(&r->out, "<section><h2>Barriers and enablers</h2><p>There "
		     "are no survey responses yet, so there are no barriers or "
		     "enablers to show.</p></section>\n");
	}
	project_facts(r);
	page_end(r);
	assessment_release(&a);
	return 0;
}

/* --- settings --- */

static void edit_form(struct req *r, const struct form *f,
		      const struct project *p)
{
	page_begin(r, "Settings", "edit");
	html(&r->out, "<h1>Settings</h1>\n");
	form_summary(r, f);
	html(&r->out, "<form method=\"post\" action=\"/p/%u/edit\">",
	     r->project.name);
	page_csrf(r);
	form_version(r, p->version);
	form_project(r, f, p, false);
	html(&r->out, "<button type=\"submit\">Save the settings</button> "
	     "<a href=\"/p/%u\">Cancel</a></form>\n", r->project.name);
	page_end(r);
}

int page_project_edit(struct req *r)
{
	struct form f = FORM_INIT;

	edit_form(r, &f, &r->project);
	return 0;
}

int page_project_save(struct req *r)
{
	struct form f = FORM_INIT;
	struct project p;
	json_t *before, *after;
	int rc;

	/* a copy to change, so the page's heading keeps the saved title */
	rc = store_project_get(r->st, r->project.name, &p);
	if (rc)
		return rc == STORE_NOTFOUND ? web_not_found(r) :
		       web_store_fail(r);
	if (form_version_read(r, &f, &p.version) +
	    form_project_apply(r, &f, &p, false)) {
		r->status = 422;
		edit_form(r, &f, &p);
		rc = 0;
		goto out;
	}
	rc = store_project_update(r->st, &p);
	if (rc == STORE_STALE) {
		before = project_json(&r->project);
		after = project_json(&p);
		form_stale(r, &f, before, after);
		json_decref(before);
		json_decref(after);
		p.version = r->project.version;
		edit_form(r, &f, &p);
		rc = 0;
		goto out;
	}
	if (rc) {
		rc = web_store_fail(r);
		goto out;
	}
	before = project_json(&r->project);
	after = project_json(&p);
	rc = web_audit(r, p.id, "update", "project", before, after);
	json_decref(before);
	json_decref(after);
	if (!rc) {
		rc = web_redirect_project(r, p.name, "?done=saved");
	}
out:
	form_release(&f);
	project_release(&p);
	return rc;
}
