/* gate.c: 'waymark gate' and 'waymark checkpoint': may the project move on? */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "assess/project.h"
#include "cli.h"
#include "kb/kb.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "opts.h"
#include "plan/plan.h"
#include "store/store.h"

static const struct opt gate_opts[] = {
	{ "json", false }, { "by", true }, { "note", true },
	{ NULL, false }
};

/* What is still open in step, as lines of text or into the JSON arr. */
static void step_barriers(const struct plan *pl, size_t step, json_t *arr,
			  bool text)
{
	struct plan_open *v;
	size_t n = plan_still_open(pl, step, &v);

	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;

		sb_addf(&sb, "%s, which '%s' addresses, is still open",
			v[i].trigger->title, v[i].item->action->title.s);
		if (text)
			term_wrap(stdout, sb.buf, 2, 4, term_width());
		else
			json_array_append_new(arr, json_string(sb.buf));
		sb_release(&sb);
	}
	free(v);
}

static int gate(struct store *st, struct project *p, struct opts *o)
{
	const char *step = o->argc > 1 ? o->argv[1] : p->step;
	int si = kb_step_index(step);
	struct assessment a;
	struct plan pl;
	struct gate g;
	struct checkpoint_done *done;
	size_t ndone;

	if (si < 0)
		die(EXIT_USAGE, "'%s' is not a step; use vision, strategy, "
		    "business-case, procurement, implement or optimise", step);
	cli_load_plan(st, p, 0, &a, &pl);
	if (store_checkpoints(st, p->id, &done, &ndone))
		die(EXIT_INTERNAL, "%s", store_error(st));
	gate_build(cli_kb(), step, done, ndone, &g);
	if (opt_flag(gate_opts, o, "json")) {
		json_t *cps = json_array(), *open = json_array(), *opts = json_array();
		for (size_t i = 0; i < g.n; i++)
			json_array_append_new(cps, json_pack("{s:s, s:s, s:b, s:s?, s:s?, s:s?}",
				"id", g.checkpoints[i]->id.s, "title",
				g.checkpoints[i]->title.s, "done", g.done[i] != NULL,
				"by", g.done[i] ? g.done[i]->by : NULL,
				"at", g.done[i] ? g.done[i]->at : NULL,
				"note", g.done[i] ? g.done[i]->note : NULL));
		step_barriers(&pl, (size_t)si, open, false);
		for (size_t i = 0; !g.ready && i < gate_ninterim; i++)
			json_array_append_new(opts, json_pack("{s:s, s:s}", "source",
				gate_interim[i].source, "option",
				gate_interim[i].option));
		cli_print_json(json_pack("{s:s, s:s, s:b, s:o, s:o, s:o}", "project",
			p->name, "step", step, "ready", g.ready, "checkpoints", cps,
			"open_barriers", open, "interim_options", opts));
	} else {
		printf("Gate out of step '%s' (%s phase): %s\n\n", step,
		       kb_step_phases[(size_t)si],
		       g.ready ? "ready to move on" : "not ready");
		for (size_t i = 0; i < g.n; i++) {
			struct strbuf sb = STRBUF_INIT;
			sb_addf(&sb, "[%c] %s  %s", g.done[i] ? 'x' : ' ',
				g.checkpoints[i]->title.s, g.checkpoints[i]->id.s);
			if (g.done[i])
				sb_addf(&sb, " (by %s, %s%s%s)", g.done[i]->by,
					g.done[i]->at, *g.done[i]->note ? ": " : "",
					g.done[i]->note);
			term_wrap(stdout, sb.buf, 2, 6, term_width());
			sb_release(&sb);
		}
		if (!g.ready) {
			printf("\nStill open:\n");
			step_barriers(&pl, (size_t)si, NULL, true);
			printf("\nInterim options while it is not ready:\n");
			for (size_t i = 0; i < gate_ninterim; i++) {
				struct strbuf sb = STRBUF_INIT;
				sb_addf(&sb, "%s [%s]", gate_interim[i].option,
					gate_interim[i].source);
				term_wrap(stdout, sb.buf, 2, 4, term_width());
				sb_release(&sb);
			}
			printf("\nTick a checkpoint with 'waymark checkpoint done %s ID "
			       "--by NAME'.\n", p->name);
		}
	}
	gate_release(&g);
	store_checkpoints_free(done, ndone);
	plan_release(&pl);
	assessment_release(&a);
	return 0;
}

static const struct kb_element *checkpoint_arg(const struct opts *o)
{
	const struct kb_element *e;

	if (o->argc != 2)
		die(EXIT_USAGE, "expected a project and a checkpoint id; see "
		    "'waymark gate PROJECT'");
	e = kb_element(cli_kb(), o->argv[1]);
	if (!e || strcmp(e->kind.s, "checkpoint"))
		die(EXIT_NOTFOUND, "no checkpoint '%s'; 'waymark gate PROJECT "
		    "STEP' lists them", o->argv[1]);
	return e;
}

static int checkpoint_done(struct store *st, struct project *p,
			   struct opts *o)
{
	const struct kb_element *e = checkpoint_arg(o);
	const char *by = opt_get(gate_opts, o, "by");

	const char *note = opt_get(gate_opts, o, "note");
	struct strbuf err = STRBUF_INIT;

	if (!by || !*by)
		return cli_usage_error("checkpoint", "say who confirmed it with "
				       "--by NAME");
	if (check_text("--by", by, 200, true, &err) ||
	    (note && check_text("--note", note, 2000, false, &err))) {
		error("%s", err.buf);
		sb_release(&err);
		return EXIT_BADINPUT;
	}
	if (store_checkpoint_set(st, p->id, e->id.s, by, note))
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("done: %s (%s)\n", e->title.s, e->id.s);
	return 0;
}

static int checkpoint_undo(struct store *st, struct project *p,
			   struct opts *o)
{
	const struct kb_element *e = checkpoint_arg(o);
	int rc = store_checkpoint_set(st, p->id, e->id.s, NULL, NULL);

	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "'%s' was not marked done", e->id.s);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	printf("not done: %s (%s)\n", e->title.s, e->id.s);
	return 0;
}

int cmd_gate(int argc, char **argv)
{
	return cli_project_command("gate", argc, argv, gate_opts, gate);
}

int cmd_checkpoint(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "done", checkpoint_done }, { "undo", checkpoint_undo },
	};

	return cli_project_action("checkpoint", argc, argv, gate_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}
