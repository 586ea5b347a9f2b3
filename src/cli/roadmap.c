/* roadmap.c: 'waymark roadmap': the evidence-matched road map of a project. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "assess/project.h"
#include "cli.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "opts.h"
#include "plan/plan.h"
#include "store/store.h"

static const struct opt roadmap_opts[] = {
	{ "format", true }, { "round", true }, { "json", false },
	{ NULL, false }
};

void cli_load_plan(struct store *st, const struct project *p, long round,
		   struct assessment *a, struct plan *pl)
{
	int rc = plan_load(cli_kb(), st, p, round, a, pl);

	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no responses in round %ld",
		    p->name, round);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
}

static void text_item(const struct kb *kb, const struct plan_item *it,
		      size_t num, size_t width)
{
	const struct kb_action *a = it->action;
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "%zu. %s%s", num, a->title.s, it->done ? " (done)" : "");
	term_wrap(stdout, sb.buf, 4, 7, width);
	sb_reset(&sb);
	sb_addf(&sb, "owner: %s; score %.2f; %s", a->owner.s, it->score, a->id.s);
	term_wrap(stdout, sb.buf, 7, 7, width);
	for (size_t t = 0; t < it->ntriggers; t++) {
		sb_reset(&sb);
		sb_adds(&sb, "why: ");
		plan_trigger_words(&it->triggers[t], &sb);
		term_wrap(stdout, sb.buf, 7, 12, width);
	}
	for (size_t s = 0; s < a->nsources; s++) {
		const struct kb_element *e = kb_element(kb, a->sources[s].s);
		if (!e)
			continue;
		sb_reset(&sb);
		sb_addf(&sb, "source: %s, %s: %s", e->framework->id.s, e->source.s,
			e->title.s);
		term_wrap(stdout, sb.buf, 7, 12, width);
	}
	sb_release(&sb);
}

static void text(const struct kb *kb, const struct project *p,
		 const struct assessment *a, const struct plan *pl,
		 const struct rollout *r)
{
	size_t width = term_width();
	const char *phase = "";
	long step = -1;

	term_bold(stdout, "Road map: ");
	term_bold(stdout, p->title);
	if (a->round)
		printf("\nfrom the assessment of round %lld and the project's "
		       "circumstances; %zu actions\n", (long long)a->round, pl->n);
	else
		printf("\nno survey responses yet: the project's circumstances "
		       "alone; %zu actions\n", pl->n);
	printf("\nRollout: %s\n", r->advice);
	for (size_t i = 0; i < r->n; i++) {
		struct strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "%s: %s [%s]", r->votes[i].favours, r->votes[i].reason,
			r->votes[i].factor);
		term_wrap(stdout, sb.buf, 2, 4, width);
		sb_release(&sb);
	}
	for (size_t i = 0; i < pl->n; i++) {
		const struct plan_item *it = &pl->items[i];
		if (strcmp(phase, kb_step_phases[it->step])) {
			phase = kb_step_phases[it->step];
			printf("\n");
			term_bold(stdout, phase);
			printf("\n");
		}
		if ((long)it->step != step) {
			step = (long)it->step;
			printf("  step %s\n", kb_steps[step]);
		}
		text_item(kb, it, i + 1, width);
	}
}

static int roadmap(struct store *st, struct project *p, struct opts *o)
{
	const char *fmt = opt_get(roadmap_opts, o, "format");
	const char *r = opt_get(roadmap_opts, o, "round");
	struct assessment a;
	struct plan pl;
	struct rollout ro;
	long round = 0;

	if (opt_flag(roadmap_opts, o, "json"))
		fmt = "json";
	if (!fmt)
		fmt = "text";
	if (strcmp(fmt, "text") && strcmp(fmt, "markdown") && strcmp(fmt, "json"))
		return cli_usage_error("roadmap", "--format: expected text, "
				       "markdown or json, got '%s'", fmt);
	if (r && cli_parse_long(r, 1, 1000, &round))
		return cli_usage_error("roadmap", "--round: expected a round "
				       "number, got '%s'", r);
	cli_load_plan(st, p, round, &a, &pl);
	rollout_advise(p, &a, &ro);
	if (!strcmp(fmt, "json")) {
		cli_print_json(plan_document_json(cli_kb(), p, &a, &pl, &ro));
	} else if (!strcmp(fmt, "markdown")) {
		plan_markdown(cli_kb(), p, &pl, stdout);
		printf("\n## Rollout: %s\n\n", ro.advice);
		for (size_t i = 0; i < ro.n; i++)
			printf("- %s: %s (`%s`)\n", ro.votes[i].favours,
			       ro.votes[i].reason, ro.votes[i].factor);
	} else {
		text(cli_kb(), p, &a, &pl, &ro);
	}
	plan_release(&pl);
	assessment_release(&a);
	return 0;
}

int cmd_roadmap(int argc, char **argv)
{
	return cli_project_command("roadmap", argc, argv, roadmap_opts, roadmap);
}
