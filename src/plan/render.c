/* render.c: the road map as JSON and as Markdown. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assess/assessment.h"
#include "assess/project.h"
#include "kb/kb.h"
#include "lib/strbuf.h"
#include "plan.h"

/* "barrier: Resourcing and dedicated roles (mean 2.35)" and the like. */
void plan_trigger_words(const struct trigger *t, struct strbuf *sb)
{
	if (!t->determinant)
		sb_addf(sb, "condition: %s", t->title);
	else if (t->logged)
		sb_addf(sb, "logged %s: %s (log entry %lld of %s, severity %d "
			"of 5: %s)", t->logged->kind, t->title,
			(long long)t->logged->id, t->logged->date,
			t->logged->severity, t->logged->text);
	else if (!strcmp(t->state, "unknown"))
		sb_addf(sb, "unknown: %s (no clear reading yet)", t->title);
	else
		sb_addf(sb, "%s: %s (mean %.2f of 5)", t->state, t->title,
			t->mean);
}

static json_t *trigger_json(const struct trigger *t)
{
	json_t *o = json_object();
	struct strbuf sb = STRBUF_INIT;

	plan_trigger_words(t, &sb);
	json_object_set_new(o, "state", json_string(t->state));
	json_object_set_new(o, "determinant", t->determinant ?
			    json_string(t->determinant) : json_null());
	json_object_set_new(o, "mean", t->determinant && t->mean > 0 ?
			    json_real(round(t->mean * 1000) / 1000) : json_null());
	json_object_set_new(o, "reason", json_string(sb.buf));
	if (t->logged)
		json_object_set_new(o, "observation", json_integer(t->logged->id));
	sb_release(&sb);
	return o;
}

static json_t *sources_json(const struct kb *kb, const struct kb_action *a)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < a->nsources; i++) {
		const struct kb_element *e = kb_element(kb, a->sources[i].s);
		if (!e)
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s}",
			"id", e->id.s, "framework", e->framework->id.s, "title",
			e->title.s, "source", e->source.s, "citation",
			e->framework->citation.s));
	}
	return arr;
}

json_t *plan_json(const struct kb *kb, const struct plan *pl)
{
	json_t *items = json_array();

	for (size_t i = 0; i < pl->n; i++) {
		const struct plan_item *it = &pl->items[i];
		const struct kb_action *a = it->action;
		json_t *o = json_object(), *why = json_array(), *dets = json_array();

		for (size_t t = 0; t < it->ntriggers; t++)
			json_array_append_new(why, trigger_json(&it->triggers[t]));
		for (size_t d = 0; d < a->ndeterminants; d++)
			json_array_append_new(dets, json_string(a->determinants[d].s));
		json_object_set_new(o, "id", json_string(a->id.s));
		json_object_set_new(o, "title", json_string(a->title.s));
		json_object_set_new(o, "summary", json_string(a->summary.s));
		json_object_set_new(o, "phase", json_string(kb_step_phases[it->step]));
		json_object_set_new(o, "step", json_string(kb_steps[it->step]));
		json_object_set_new(o, "owner", json_string(a->owner.s));
		json_object_set_new(o, "score", json_real(it->score));
		json_object_set_new(o, "done", json_boolean(it->done));
		json_object_set_new(o, "checkpoint", a->checkpoint.s ?
				    json_string(a->checkpoint.s) : json_null());
		json_object_set_new(o, "determinants", dets);
		json_object_set_new(o, "why", why);
		json_object_set_new(o, "sources", sources_json(kb, a));
		json_array_append_new(items, o);
	}
	return items;
}

static const char *step_title(const struct kb *kb, size_t step)
{
	char id[64];
	const struct kb_element *e;

	snprintf(id, sizeof(id), "nhsd-mobile-toolkit.step.%s", kb_steps[step]);
	e = kb_element(kb, id);
	return e ? e->title.s : kb_steps[step];
}

void plan_markdown(const struct kb *kb, const struct project *p,
		   const struct plan *pl, FILE *f)
{
	const char *phase = "";
	long step = -1;

	fprintf(f, "# Road map: %s\n\n", p->title);
	fprintf(f, "%zu actions drawn from the evidence, in phases and steps; "
		"each says why it is here and where the evidence for it is.\n",
		pl->n);
	for (size_t i = 0; i < pl->n; i++) {
		const struct plan_item *it = &pl->items[i];
		const struct kb_action *a = it->action;

		if (strcmp(phase, kb_step_phases[it->step])) {
			phase = kb_step_phases[it->step];
			fprintf(f, "\n## %c%s\n", phase[0] - 'a' + 'A', phase + 1);
		}
		if ((long)it->step != step) {
			step = (long)it->step;
			fprintf(f, "\n### %s\n\n", step_title(kb, it->step));
		}
		fprintf(f, "- **%s**%s (owner: %s; score %.2f)\n", a->title.s,
			it->done ? " (done)" : "", a->owner.s, it->score);
		fprintf(f, "  %s\n", a->summary.s);
		for (size_t t = 0; t < it->ntriggers; t++) {
			struct strbuf sb = STRBUF_INIT;
			plan_trigger_words(&it->triggers[t], &sb);
			fprintf(f, "  - Why: %s\n", sb.buf);
			sb_release(&sb);
		}
		for (size_t s = 0; s < a->nsources; s++) {
			const struct kb_element *e = kb_element(kb, a->sources[s].s);
			if (e)
				fprintf(f, "  - Source: %s, %s (`%s`)\n",
					e->framework->id.s, e->source.s, e->id.s);
		}
		if (a->checkpoint.s)
			fprintf(f, "  - Feeds checkpoint: `%s`\n", a->checkpoint.s);
	}
}

static json_t *rollout_json(const struct rollout *ro)
{
	json_t *votes = json_array();

	for (size_t i = 0; i < ro->n; i++)
		json_array_append_new(votes, json_pack("{s:s, s:s, s:s}",
			"factor", ro->votes[i].factor, "favours",
			ro->votes[i].favours, "reason", ro->votes[i].reason));
	return json_pack("{s:s, s:o}", "advice", ro->advice, "factors", votes);
}

json_t *plan_document_json(const struct kb *kb, const struct project *p,
			   const struct assessment *a, const struct plan *pl,
			   const struct rollout *ro)
{
	return json_pack("{s:s, s:I, s:o, s:o}", "project", p->name, "round",
			 (json_int_t)a->round, "rollout", rollout_json(ro),
			 "actions", plan_json(kb, pl));
}
