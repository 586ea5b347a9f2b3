/* assess.c: 'waymark assess show': where a project is strong and weak. */
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
#include "store/store.h"

static const struct opt assess_opts[] = {
	{ "round", true }, { "json", false }, { "top", true },
	{ NULL, false }
};

static void line(const struct assessment *a, size_t d)
{
	const struct score_cell *c = &a->score.overall[d];
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "%-36s %.2f  [%.2f, %.2f]  n=%zu", a->det_titles[d], c->mean,
		c->lo, c->hi, c->n);
	if (c->dk_share >= 0.2)
		sb_addf(&sb, "  don't know %.0f%%", c->dk_share * 100);
	if (a->prev_round && a->prev.overall[d].n)
		sb_addf(&sb, "  %+.2f since round %lld",
			c->mean - a->prev.overall[d].mean,
			(long long)a->prev_round);
	printf("  %s\n", sb.buf);
	sb_release(&sb);
}

static void section(const struct assessment *a, const char *title,
		    enum score_class cls, size_t top)
{
	size_t *idx, n = assessment_ranked(a, cls, &idx);

	putchar('\n');
	term_bold(stdout, title);
	printf(" (%zu)\n", n);
	if (!n)
		printf("  none\n");
	for (size_t i = 0; i < n && i < top; i++)
		line(a, idx[i]);
	if (n > top)
		printf("  ... and %zu more (--top %zu)\n", n - top, n);
	free(idx);
}

/* The groups that disagree on d, highest mean first (shown groups only). */
static void ambivalence(const struct assessment *a, size_t d)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t g = 0; g < a->survey.ngroups; g++) {
		const struct score_cell *c = &a->score.by_group[g * a->ndets + d];
		if (c->suppressed || c->n < SCORE_MIN_N)
			continue;
		if (c->mean >= SCORE_ENABLER || c->mean <= SCORE_BARRIER)
			sb_addf(&sb, "%s%s %.2f (%s)", sb.len ? "; " : "",
				a->survey.groups[g].id, c->mean,
				c->mean >= SCORE_ENABLER ? "enabler" : "barrier");
	}
	printf("  %s\n", a->det_titles[d]);
	term_wrap(stdout, sb.buf, 6, 6, term_width());
	sb_release(&sb);
}

static void warnings(const struct assessment *a)
{
	size_t hidden = 0, low = 0, dk = 0;

	for (size_t g = 0; g < a->survey.ngroups; g++)
		hidden += a->score.group_n[g] && a->score.group_hidden[g];
	for (size_t d = 0; d < a->ndets; d++) {
		low += a->score.overall[d].low_n;
		dk += a->score.overall[d].dk_share >= SCORE_MAX_DK;
	}
	putchar('\n');
	term_bold(stdout, "Data quality");
	putchar('\n');
	if (hidden)
		printf("  %zu group%s had fewer than %lld respondents and %s not "
		       "shown on its own.\n", hidden, hidden == 1 ? "" : "s",
		       (long long)a->project->anonymity,
		       hidden == 1 ? "is" : "are");
	if (low)
		printf("  %zu determinant%s rest on fewer than %d respondents.\n",
		       low, low == 1 ? "" : "s", SCORE_LOW_N);
	if (dk)
		printf("  %zu determinant%s had half or more \"don't know\" answers.\n",
		       dk, dk == 1 ? "" : "s");
	if (!hidden && !low && !dk)
		printf("  no warnings\n");
}

static void text(const struct assessment *a, size_t top)
{
	size_t namb = 0;

	size_t shown = 0;

	term_bold(stdout, a->project->title);
	printf("\nround %lld: %zu respondent%s", (long long)a->round,
	       a->score.nresp, a->score.nresp == 1 ? "" : "s");
	for (size_t g = 0; g < a->survey.ngroups; g++) {
		if (!a->score.group_n[g] || a->score.group_hidden[g])
			continue;
		printf("%s%s %zu", shown++ ? ", " : " (", a->survey.groups[g].id,
		       a->score.group_n[g]);
	}
	printf("%s\n", shown ? ")" : "");
	if (a->score.nresp < (size_t)a->project->anonymity) {
		printf("\nNo scores are shown: a round needs at least %lld "
		       "respondents (the project's anonymity threshold).\n",
		       (long long)a->project->anonymity);
		return;
	}
	printf("scores from 1 (strong disagreement) to 5; mean [95%% interval]\n");
	section(a, "Top barriers", CLASS_BARRIER, top);
	section(a, "Top enablers", CLASS_ENABLER, top);
	for (size_t d = 0; d < a->ndets; d++)
		namb += a->score.ambivalent[d];
	putchar('\n');
	term_bold(stdout, "Ambivalent: groups disagree");
	printf(" (%zu)\n", namb);
	for (size_t d = 0; d < a->ndets; d++)
		if (a->score.ambivalent[d])
			ambivalence(a, d);
	if (!namb)
		printf("  none\n");
	section(a, "Mixed", CLASS_MIXED, top);
	section(a, "Unknown (too few answers)", CLASS_UNKNOWN, top);
	warnings(a);
}

static int assess_show(struct store *st, struct project *p, struct opts *o)
{
	const char *r = opt_get(assess_opts, o, "round");
	const char *t = opt_get(assess_opts, o, "top");
	struct assessment a;
	long round = 0, top = 5;
	int rc;

	if (r && cli_parse_long(r, 1, 1000, &round))
		return cli_usage_error("assess", "--round: expected a round "
				       "number, got '%s'", r);
	if (t && cli_parse_long(t, 1, 1000, &top))
		return cli_usage_error("assess", "--top: expected a positive "
				       "number, got '%s'", t);
	rc = assessment_load(cli_kb(), st, p, round, &a);
	if (rc == STORE_NOTFOUND)
		die(EXIT_NOTFOUND, "project '%s' has no responses in round %ld",
		    p->name, round);
	if (rc)
		die(EXIT_INTERNAL, "%s", store_error(st));
	if (opt_flag(assess_opts, o, "json"))
		cli_print_json(assessment_json(&a));
	else if (!a.round)
		fprintf(stderr, "no responses yet; import some with 'waymark "
			"survey import %s FILE'\n", p->name);
	else
		text(&a, (size_t)top);
	assessment_release(&a);
	return 0;
}

int cmd_assess(int argc, char **argv)
{
	static const struct project_action actions[] = {
		{ "show", assess_show },
	};

	return cli_project_action("assess", argc, argv, assess_opts, actions,
				  sizeof(actions) / sizeof(*actions));
}
