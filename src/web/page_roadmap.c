/*
 * page_roadmap.c: the road map (as 'waymark roadmap' shows it: phases,
 * steps, actions with their reasons and sources, rollout advice) and the
 * gate out of the project's current step, whose checkpoints contributors
 * tick here (as 'waymark checkpoint done' and 'undo' do).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "form.h"
#include "kb/kb.h"
#include "lib/html.h"
#include "pages.h"
#include "plan/plan.h"

#define NOTE_MAX 2000		/* bytes in a checkpoint's note */

/* A checkpoint form sent back with a problem: which one, what was typed. */
struct tick_error {
	const char *checkpoint;
	const char *note;
	const char *msg;
};

static const char *done_text(const char *done)
{
	if (!done)
		return NULL;
	if (!strcmp(done, "ticked"))
		return "The checkpoint is marked done.";
	if (!strcmp(done, "unticked"))
		return "The checkpoint is marked not done.";
	if (!strcmp(done, "unchanged"))
		return "The checkpoint was not marked done; nothing changed.";
	return NULL;
}

static const char *step_title(const struct kb *kb, size_t step)
{
	struct strbuf id = STRBUF_INIT;
	const struct kb_element *e;

	sb_addf(&id, "nhsd-mobile-toolkit.step.%s", kb_steps[step]);
	e = kb_element(kb, id.buf);
	sb_release(&id);
	return e ? e->title.s : kb_steps[step];
}

static const char *phase_title(const char *phase)
{
	if (!strcmp(phase, "analyse"))
		return "Analyse";
	if (!strcmp(phase, "decide"))
		return "Decide";
	if (!strcmp(phase, "deploy"))
		return "Deploy";
	return phase;
}

/* --- rollout --- */

static void rollout(struct req *r, const struct rollout *ro)
{
	html(&r->out, "<h2 id=\"rollout\">Rollout: %s</h2>\n<p>Whether to go "
	     "live everywhere at once (big bang) or in waves (phased), from "
	     "the King's Fund's factors that apply to this project:</p>\n<ul>\n",
	     ro->advice);
	for (size_t i = 0; i < ro->n; i++) {
		const struct kb_element *e = kb_element(r->kb, ro->votes[i].factor);
		html(&r->out, "<li><strong>%s</strong>: %s", ro->votes[i].favours,
		     ro->votes[i].reason);
		if (e)
			html(&r->out, " <span class=\"source\">(<a href=\"/evidence/"
			     "%u\">%s</a>)</span>", e->id.s, e->title.s);
		html(&r->out, "</li>\n");
	}
	if (!ro->n)
		html(&r->out, "<li>No factor applies yet.</li>\n");
	html(&r->out, "</ul>\n");
}

/* --- the gate --- */

static void done_by(struct req *r, const struct checkpoint_done *d)
{
	html(&r->out, "<p class=\"muted\">Done by %s, %s%s%s</p>", d->by, d->at,
	     d->note && *d->note ? ": " : "", d->note);
}

static void checkpoint_form(struct req *r, const struct kb_element *cp,
			    const struct checkpoint_done *d, size_t i,
			    const struct tick_error *te)
{
	bool bad = te && !strcmp(te->checkpoint, cp->id.s);
	const char *note = bad ? te->note : d ? d->note : "";

	html(&r->out, "<li id=\"cp-%z\"><form method=\"post\" "
	     "action=\"/p/%u/checkpoints\" class=\"checkpoint\">",
	     i, r->project.name);
	page_csrf(r);
	html(&r->out, "<input type=\"hidden\" name=\"checkpoint\" value=\"%s\">"
	     "<div class=\"field check\"><input type=\"checkbox\" "
	     "id=\"cp-%z-done\" name=\"done\" value=\"1\"%R> <label "
	     "for=\"cp-%z-done\">%s</label></div>", cp->id.s, i,
	     d ? " checked" : "", i, cp->title.s);
	if (d)
		done_by(r, d);
	html(&r->out, "<div class=\"field%R\"><label for=\"cp-%z-note\">Note "
	     "<span class=\"req\">(optional)</span></label>",
	     bad ? " field-error" : "", i);
	if (bad)
		html(&r->out, "<p class=\"error\" id=\"cp-%z-err\">%s</p>", i,
		     te->msg);
	html(&r->out, "<input type=\"text\" id=\"cp-%z-note\" name=\"note\" "
	     "value=\"%s\"", i, note ? note : "");
	if (bad)
		html(&r->out, " aria-invalid=\"true\" aria-describedby=\"cp-%z-err\"",
		     i);
	html(&r->out, "></div><button type=\"submit\" class=\"secondary\">"
	     "Save <span class=\"visually-hidden\">%s</span></button></form>"
	     "<p class=\"source\"><a href=\"/evidence/%u\">About this "
	     "checkpoint</a></p></li>\n", cp->title.s, cp->id.s);
}

static void checkpoint_plain(struct req *r, const struct kb_element *cp,
			     const struct checkpoint_done *d)
{
	html(&r->out, "<li><span aria-hidden=\"true\">%R</span> <a "
	     "href=\"/evidence/%u\">%s</a> <span class=\"muted\">(%s)</span>",
	     d ? "✓" : "☐", cp->id.s, cp->title.s, d ? "done" : "not done");
	if (d)
		done_by(r, d);
	html(&r->out, "</li>\n");
}

/* Open barriers among the determinants of this step's actions. */
static void still_open(struct req *r, const struct plan *pl, size_t step)
{
	struct plan_open *v;
	size_t n = plan_still_open(pl, step, &v);

	html(&r->out, "<h3>Still open</h3>\n<ul>\n");
	for (size_t i = 0; i < n; i++)
		html(&r->out, "<li>%s (%s), which “%s” addresses</li>\n",
		     v[i].trigger->title, v[i].trigger->state,
		     v[i].item->action->title.s);
	if (!n)
		html(&r->out, "<li>No barrier met by this step's actions is "
		     "open.</li>\n");
	html(&r->out, "</ul>\n");
	free(v);
}

static void interim(struct req *r)
{
	html(&r->out, "<h3>While it is not ready</h3>\n<ul>\n");
	for (size_t i = 0; i < gate_ninterim; i++) {
		const struct kb_element *e = kb_element(r->kb, gate_interim[i].source);
		html(&r->out, "<li>%s", gate_interim[i].option);
		if (e)
			html(&r->out, " <span class=\"source\">(<a href=\"/evidence/"
			     "%u\">%s</a>)</span>", e->id.s, e->title.s);
		html(&r->out, "</li>\n");
	}
	html(&r->out, "</ul>\n");
}

static void gate(struct req *r, const struct gate *g, const struct plan *pl,
		 const struct tick_error *te)
{
	bool can = r->role >= ROLE_CONTRIBUTOR;
	int si = kb_step_index(g->step);

	html(&r->out, "<section aria-labelledby=\"gate\"><h2 id=\"gate\">Gate "
	     "out of step “%s”</h2>\n<p><span class=\"tag tag-%s\">%s</span> "
	     "The project is in the %s phase, step %s. Tick each checkpoint when "
	     "it is met; the project is ready to move on when all are.</p>\n",
	     si >= 0 ? step_title(r->kb, (size_t)si) : g->step,
	     g->ready ? "enabler" : "barrier",
	     g->ready ? "Ready to move on" : "Not ready",
	     si >= 0 ? kb_step_phases[si] : "", g->step);
	if (!g->n)
		html(&r->out, "<p>This step has no checkpoints.</p>\n");
	else
		html(&r->out, "<ul class=\"checklist\">\n");
	for (size_t i = 0; i < g->n; i++) {
		if (can)
			checkpoint_form(r, g->checkpoints[i], g->done[i], i, te);
		else
			checkpoint_plain(r, g->checkpoints[i], g->done[i]);
	}
	if (g->n)
		html(&r->out, "</ul>\n");
	if (!g->ready) {
		if (si >= 0)
			still_open(r, pl, (size_t)si);
		interim(r);
	}
	html(&r->out, "</section>\n");
}

/* --- the actions --- */

static void sources(struct req *r, const struct kb_action *a)
{
	html(&r->out, "<ul class=\"sources\">");
	for (size_t s = 0; s < a->nsources; s++) {
		const struct kb_element *e = kb_element(r->kb, a->sources[s].s);
		if (!e)
			continue;
		html(&r->out, "<li class=\"source\">Source: <a href=\"/evidence/%u\">"
		     "%s</a> (%s, %s)</li>", e->id.s, e->title.s,
		     e->framework->id.s, e->source.s);
	}
	html(&r->out, "</ul>");
}

static void item(struct req *r, const struct plan_item *it)
{
	const struct kb_action *a = it->action;
	const struct kb_element *cp = a->checkpoint.s ?
		kb_element(r->kb, a->checkpoint.s) : NULL;

	html(&r->out, "<li><h5>%s%R</h5><p>%s</p><p class=\"muted\">Owner: %s; "
	     "score %f</p>", a->title.s, it->done ? " <span class=\"tag "
	     "tag-enabler\">done</span>" : "", a->summary.s, a->owner.s,
	     it->score);
	html(&r->out, "<ul class=\"why\">");
	for (size_t t = 0; t < it->ntriggers; t++) {
		struct strbuf sb = STRBUF_INIT;
		plan_trigger_words(&it->triggers[t], &sb);
		html(&r->out, "<li>Why: %s</li>", sb.buf);
		sb_release(&sb);
	}
	html(&r->out, "</ul>");
	sources(r, a);
	if (cp)
		html(&r->out, "<p class=\"source\">Feeds the checkpoint <a "
		     "href=\"/evidence/%u\">%s</a></p>", cp->id.s, cp->title.s);
	html(&r->out, "</li>\n");
}

static void actions(struct req *r, const struct plan *pl)
{
	const char *phase = "";
	long step = -1;

	html(&r->out, "<h2 id=\"actions\">Actions by phase and step</h2>\n");
	if (!pl->n)
		html(&r->out, "<p>No action applies yet.</p>\n");
	for (size_t i = 0; i < pl->n; i++) {
		const struct plan_item *it = &pl->items[i];
		bool new_phase = strcmp(phase, kb_step_phases[it->step]) != 0;

		if (new_phase || (long)it->step != step) {
			if (step >= 0)
				html(&r->out, "</ol>\n");
			if (new_phase) {
				phase = kb_step_phases[it->step];
				html(&r->out, "<h3 class=\"phase\">%s phase</h3>\n",
				     phase_title(phase));
			}
			step = (long)it->step;
			html(&r->out, "<h4 class=\"step\">Step: %s</h4>\n<ol "
			     "class=\"actions\" start=\"%z\">\n",
			     step_title(r->kb, it->step), i + 1);
		}
		item(r, it);
	}
	if (step >= 0)
		html(&r->out, "</ol>\n");
}

/* --- the page --- */

static int show(struct req *r, const struct tick_error *te)
{
	struct assessment a;
	struct plan pl;
	struct gate g;
	struct rollout ro;
	struct checkpoint_done *done;
	size_t ndone;
	const char *notice = done_text(web_query(r, "done"));

	if (plan_load(r->kb, r->st, &r->project, 0, &a, &pl))
		return web_store_fail(r);
	if (store_checkpoints(r->st, r->project.id, &done, &ndone)) {
		plan_release(&pl);
		assessment_release(&a);
		return web_store_fail(r);
	}
	gate_build(r->kb, r->project.step, done, ndone, &g);
	rollout_advise(&r->project, &a, &ro);
	page_begin(r, "Road map", "roadmap");
	html(&r->out, "<h1>Road map</h1>\n");
	if (te)
		html(&r->out, "<div class=\"notice notice-error\" role=\"alert\">"
		     "<h2>Please check this</h2><p>%s</p></div>\n", te->msg);
	else if (notice)
		page_notice(r, "ok", notice);
	if (a.round)
		html(&r->out, "<p>%z actions from the evidence, matched to the "
		     "assessment of round %I (<a href=\"/p/%u/dashboard\">"
		     "dashboard</a>) and the project's circumstances. Each says "
		     "why it is here and where the evidence for it is.</p>\n",
		     pl.n, a.round, r->project.name);
	else
		html(&r->out, "<p>No survey responses yet: these %z actions come "
		     "from the project's circumstances alone, and every "
		     "determinant counts as unknown. Survey the stakeholders to "
		     "sharpen it.</p>\n", pl.n);
	html(&r->out, "<nav aria-label=\"On this page\"><ul><li><a "
	     "href=\"#gate\">Gate out of the current step</a></li><li><a "
	     "href=\"#rollout\">Rollout advice</a></li><li><a href=\"#actions\">"
	     "Actions by phase and step</a></li></ul></nav>\n");
	gate(r, &g, &pl, te);
	rollout(r, &ro);
	actions(r, &pl);
	page_end(r);
	gate_release(&g);
	store_checkpoints_free(done, ndone);
	plan_release(&pl);
	assessment_release(&a);
	return 0;
}

int page_roadmap(struct req *r)
{
	return show(r, NULL);
}

/* --- ticking a checkpoint --- */

static json_t *state_json(const struct checkpoint_done *d)
{
	if (!d)
		return json_pack("{s:b}", "done", 0);
	return json_pack("{s:b, s:s?, s:s?, s:s}", "done", 1, "by", d->by,
			 "at", d->at, "note", d->note ? d->note : "");
}

/* The checkpoint's current mark as JSON (for the audit), or NULL on error. */
static json_t *current(struct req *r, const char *id)
{
	struct checkpoint_done *v;
	size_t n;
	json_t *o = NULL;

	if (store_checkpoints(r->st, r->project.id, &v, &n))
		return NULL;
	for (size_t i = 0; i < n && !o; i++)
		if (!strcmp(v[i].checkpoint, id))
			o = state_json(&v[i]);
	if (!o)
		o = state_json(NULL);
	store_checkpoints_free(v, n);
	return o;
}

static int back(struct req *r, const char *done)
{
	return web_redirect_project(r, r->project.name,
				    "/roadmap?done=%s#gate", done);
}

/*
 * POST checkpoint=ID, done=1 or 0 (an unticked box sends nothing: 0),
 * note=TEXT. Refuses an id that is not a checkpoint of the evidence base.
 */
int page_checkpoint_save(struct req *r)
{
	const char *id = web_form(r, "checkpoint");
	const char *d = web_form(r, "done");
	const char *note = web_form(r, "note");
	const struct kb_element *e = id ? kb_element(r->kb, id) : NULL;
	struct strbuf err = STRBUF_INIT, entity = STRBUF_INIT;
	json_t *before, *after;
	bool done;
	int rc;

	if (!e || strcmp(e->kind.s, "checkpoint"))
		return web_fail(r, 422, "unknown_checkpoint", "there is no "
				"checkpoint '%s' in the evidence base; tick one "
				"from the road map's gate", id ? id : "");
	if (d && strcmp(d, "1") && strcmp(d, "0"))
		return web_fail(r, 422, "bad_done", "done: expected 1 (done) or "
				"0 (not done), got '%s'", d);
	done = d && !strcmp(d, "1");
	if (note && check_text("note", note, NOTE_MAX, false, &err)) {
		struct tick_error te = { e->id.s, note, err.buf };
		r->status = 422;
		rc = show(r, &te);
		sb_release(&err);
		return rc;
	}
	before = current(r, e->id.s);
	if (!before)
		return web_store_fail(r);
	rc = store_checkpoint_set(r->st, r->project.id, e->id.s,
				  done ? r->user.name : NULL,
				  done ? (note ? note : "") : NULL);
	if (rc == STORE_NOTFOUND && !done) {
		json_decref(before);
		return back(r, "unchanged");
	}
	if (rc) {
		json_decref(before);
		return web_store_fail(r);
	}
	after = current(r, e->id.s);
	sb_addf(&entity, "checkpoint:%s", e->id.s);
	rc = after ? web_audit(r, r->project.id, done ? "done" : "undone",
			       entity.buf, before, after)
		   : web_store_fail(r);
	json_decref(before);
	json_decref(after);
	sb_release(&entity);
	if (!rc)
		rc = back(r, done ? "ticked" : "unticked");
	return rc;
}
