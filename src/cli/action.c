/* action.c: 'waymark action': browse the actions of the evidence base. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kb/kb.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/term.h"
#include "opts.h"

static const struct opt action_opts[] = {
	{ "json", false }, { "step", true }, { "determinant", true },
	{ NULL, false }
};

static json_t *list_json(const struct kb_str *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i].s));
	return a;
}

static json_t *action_json(const struct kb_action *a)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s?, s:o, s:o, s:o, s:o}",
		"id", a->id.s, "title", a->title.s, "summary", a->summary.s,
		"determinants", list_json(a->determinants, a->ndeterminants),
		"step", a->step.s, "owner", a->owner.s, "checkpoint",
		a->checkpoint.s, "sources", list_json(a->sources, a->nsources),
		"when", list_json(a->when, a->nwhen), "for",
		list_json(a->states, a->nstates), "after",
		list_json(a->after, a->nafter));
}

static bool has(const struct kb_str *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].s, s))
			return true;
	return false;
}

static int action_list(const struct opts *o)
{
	static const char *const head[] = { "ID", "STEP", "TITLE" };
	const struct kb *kb = cli_kb();
	const char *step = opt_get(action_opts, o, "step");
	const char *det = opt_get(action_opts, o, "determinant");
	bool json = opt_flag(action_opts, o, "json");
	json_t *arr = json_array();
	struct table *t = table_new(3, head);

	for (size_t s = 0; kb_steps[s]; s++) {
		for (size_t i = 0; i < kb->nactions; i++) {
			const struct kb_action *a = &kb->actions[i];
			if (strcmp(a->step.s, kb_steps[s]) ||
			    (step && strcmp(step, a->step.s)) ||
			    (det && !has(a->determinants, a->ndeterminants, det)))
				continue;
			json_array_append_new(arr, action_json(a));
			table_row(t);
			table_cell(t, a->id.s);
			table_cell(t, a->step.s);
			table_cell(t, a->title.s);
		}
	}
	if (json)
		cli_print_json(arr);
	else {
		table_print(t, stdout);
		json_decref(arr);
	}
	table_free(t);
	return 0;
}

static int action_show(const struct opts *o)
{
	const struct kb *kb = cli_kb();
	const struct kb_action *a;
	size_t width = term_width();

	if (o->argc != 1)
		return cli_usage_error("action", "'action show' takes one action id");
	a = kb_action(kb, o->argv[0]);
	if (!a)
		die(EXIT_NOTFOUND, "no action '%s'; see 'waymark action list'",
		    o->argv[0]);
	if (opt_flag(action_opts, o, "json")) {
		cli_print_json(action_json(a));
		return 0;
	}
	term_bold(stdout, a->title.s);
	printf("\n%s  (step %s, owner: %s)\n\n", a->id.s, a->step.s, a->owner.s);
	term_wrap(stdout, a->summary.s, 2, 2, width);
	printf("\nDeterminants:");
	for (size_t i = 0; i < a->ndeterminants; i++)
		printf(" %s", a->determinants[i].s);
	if (a->nwhen) {
		printf("\nOnly when:");
		for (size_t i = 0; i < a->nwhen; i++)
			printf(" %s", a->when[i].s);
	}
	if (a->checkpoint.s)
		printf("\nFeeds checkpoint: %s", a->checkpoint.s);
	printf("\nSources:\n");
	for (size_t i = 0; i < a->nsources; i++) {
		const struct kb_element *e = kb_element(kb, a->sources[i].s);
		struct strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "%s (%s, %s). %s", e->id.s, e->framework->id.s,
			e->source.s, e->framework->citation.s);
		term_wrap(stdout, sb.buf, 2, 4, width);
		sb_release(&sb);
	}
	return 0;
}

int cmd_action(int argc, char **argv)
{
	struct opts o;
	int rc;

	if (argc < 2)
		return cli_usage_error("action", "'action' needs list or show");
	if (strcmp(argv[1], "list") && strcmp(argv[1], "show")) {
		if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
			return cli_help(cli_find("action"));
		return cli_usage_error("action", "no action '%s'", argv[1]);
	}
	rc = cli_parse("action", argc - 1, argv + 1, action_opts, &o);
	if (rc)
		return rc == 1 ? 0 : rc;
	return strcmp(argv[1], "list") ? action_show(&o) : action_list(&o);
}
