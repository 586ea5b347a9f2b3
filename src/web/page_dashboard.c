/*
 * page_dashboard.c: a round's assessment: determinant scores with their
 * intervals, the groups side by side (never a group below the project's
 * anonymity threshold), the change since the round before, and the same
 * in words. The figures come from assessment_load, as in 'assess show'.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assessment.h"
#include "form.h"
#include "kb/kb.h"
#include "lib/chart.h"
#include "lib/html.h"
#include "lib/xalloc.h"
#include "pages.h"

#define ROUND_MAX 1000000

/* What a class means for the project, in a line. */
static const struct {
	enum score_class cls;
	const char *id, *heading, *meaning;
} classes[] = {
	{ CLASS_BARRIER, "barriers", "Barriers",
	  "Respondents as a whole disagree that these are in place, and the "
	  "interval says it is not chance: they hold the change back. The road "
	  "map puts its actions against them first." },
	{ CLASS_ENABLER, "enablers", "Enablers",
	  "Respondents as a whole agree that these are in place: strengths to "
	  "build on and to lean on while the barriers are worked through." },
	{ CLASS_MIXED, "mixed", "Mixed",
	  "Neither clearly a strength nor a weakness. Watch them from round to "
	  "round, and look at how the groups differ." },
	{ CLASS_UNKNOWN, "unknown", "Unknown",
	  "Too few answers, or too many \"don't know\", to say. Ask more "
	  "people, or explain what the statements are about." },
};

static const char *row_class(const struct assessment *a, size_t d)
{
	switch (a->score.overall[d].cls) {
	case CLASS_BARRIER: return "barrier";
	case CLASS_ENABLER: return "enabler";
	default: return a->score.ambivalent[d] ? "ambivalent" : "neutral";
	}
}

static bool has_score(const struct score_cell *c)
{
	return c->n && !c->suppressed;
}

/* Determinant indexes, scored ones by rising mean, then the rest. */
static int by_mean(const void *x, const void *y, void *ctx)
{
	const struct assessment *a = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const struct score_cell *p = &a->score.overall[i], *q = &a->score.overall[j];

	if (has_score(p) != has_score(q))
		return has_score(p) ? -1 : 1;
	if (has_score(p) && p->mean != q->mean)
		return p->mean < q->mean ? -1 : 1;
	return i < j ? -1 : i > j;
}

static size_t *det_order(const struct assessment *a)
{
	size_t *v = xcalloc(a->ndets + 1, sizeof(*v));

	for (size_t d = 0; d < a->ndets; d++)
		v[d] = d;
	qsort_r(v, a->ndets, sizeof(*v), by_mean, (void *)a);
	return v;
}

/* The link to a determinant's evidence page, or NULL if the base lacks it. */
static char *det_href(const struct req *r, const char *id)
{
	struct strbuf sb = STRBUF_INIT;

	if (!kb_determinant(r->kb, id))
		return NULL;
	sb_adds(&sb, "/evidence/");
	html_url(&sb, id);
	return sb_detach(&sb);
}

static void figure_open(struct req *r, const char *caption)
{
	html(&r->out, "<figure class=\"chart\"><figcaption>%s</figcaption>\n",
	     caption);
}

static void figure_close(struct req *r, const struct strbuf *table)
{
	html(&r->out, "<details class=\"table-view\"><summary>Table view"
	     "</summary><div class=\"table-wrap\">%R</div></details></figure>\n",
	     table->buf);
}

/* --- the scores with their intervals --- */

static void scores_desc(const struct assessment *a, const size_t *order,
			struct strbuf *sb)
{
	sb_addf(sb, "Mean score of each of %zu determinants on a scale from 1 "
		"(strong disagreement) to 5 (strong agreement), with its 95%% "
		"interval; 3 is neutral.", a->ndets);
	for (size_t k = 0; k < 2; k++) {
		enum score_class cls = k ? CLASS_ENABLER : CLASS_BARRIER;
		size_t n = 0;
		for (size_t i = 0; i < a->ndets; i++) {
			size_t d = order[k ? a->ndets - 1 - i : i];
			if (a->score.overall[d].cls != cls)
				continue;
			sb_addf(sb, "%s %s %.2f", n ? "," : k ? " Enablers:" :
				" Barriers:", a->det_titles[d],
				a->score.overall[d].mean);
			n++;
		}
		sb_addf(sb, "%s", n ? "." : k ? " No enablers." : " No barriers.");
	}
}

static void scores_chart(struct req *r, const struct assessment *a,
			 const size_t *order)
{
	struct chart_interval_row *rows = xcalloc(a->ndets + 1, sizeof(*rows));
	char **hrefs = xcalloc(a->ndets + 1, sizeof(*hrefs));
	struct strbuf desc = STRBUF_INIT, table = STRBUF_INIT;
	struct chart_interval c = {
		.frame = { "scores", "Scores by determinant", NULL,
			   "Determinant", 0 },
		.scale = { 1, 5, 1, SCORE_MIDPOINT, "neutral",
			   "Mean score, 1 to 5" },
		.rows = rows, .n = a->ndets,
	};

	for (size_t i = 0; i < a->ndets; i++) {
		size_t d = order[i];
		const struct score_cell *cell = &a->score.overall[d];
		bool ok = has_score(cell);

		hrefs[i] = det_href(r, a->dets[d]);
		rows[i] = (struct chart_interval_row){
			a->det_titles[d], ok ? cell->mean : NAN,
			ok ? cell->lo : NAN, ok ? cell->hi : NAN,
			row_class(a, d), hrefs[i]
		};
	}
	scores_desc(a, order, &desc);
	c.frame.desc = desc.buf;
	figure_open(r, "Scores by determinant: lower is weaker, with 95% "
		    "intervals");
	chart_interval_svg(&r->out, &c);
	chart_interval_table(&table, &c);
	figure_close(r, &table);
	for (size_t i = 0; i < a->ndets; i++)
		free(hrefs[i]);
	free(hrefs);
	free(rows);
	sb_release(&desc);
	sb_release(&table);
}

/* --- stakeholder groups by determinant, suppressed cells blank --- */

static bool group_shown(const struct assessment *a, size_t g)
{
	return a->score.group_n[g] && !a->score.group_hidden[g];
}

static size_t groups_hidden(const struct assessment *a)
{
	size_t n = 0;

	for (size_t g = 0; g < a->survey.ngroups; g++)
		n += a->score.group_n[g] && a->score.group_hidden[g];
	return n;
}

static void heatmap_desc(const struct assessment *a, size_t nrows,
			 size_t nsup, struct strbuf *sb)
{
	size_t hidden = groups_hidden(a);

	sb_addf(sb, "Mean score of each determinant within each of %zu "
		"stakeholder groups, from 1 (barrier) to 5 (enabler).", nrows);
	if (nsup)
		sb_addf(sb, " %zu cells are left blank because fewer than %" PRId64
			" people in the group answered, or showing them would "
			"reveal a smaller group.", nsup, a->project->anonymity);
	if (hidden)
		sb_addf(sb, " %zu group%s with fewer than %" PRId64 " respondents "
			"%s not shown.", hidden, hidden == 1 ? "" : "s",
			a->project->anonymity, hidden == 1 ? "is" : "are");
	for (size_t d = 0; d < a->ndets; d++)
		if (a->score.ambivalent[d])
			sb_addf(sb, " Groups disagree on %s.", a->det_titles[d]);
}

static void heatmap_chart(struct req *r, const struct assessment *a,
			  const size_t *order)
{
	size_t ng = a->survey.ngroups, nd = a->ndets, nrows = 0, nsup = 0;
	const char **rl = xcalloc(ng + 1, sizeof(*rl));
	const char **cl = xcalloc(nd + 1, sizeof(*cl));
	double *v = xcalloc(ng * nd + 1, sizeof(*v));
	struct strbuf desc = STRBUF_INIT, table = STRBUF_INIT;
	struct chart_heatmap c = {
		.frame = { "groups", "Scores by stakeholder group", NULL,
			   "Group", 0 },
		.scale = { 1, 5, 1, SCORE_MIDPOINT, "neutral", NULL },
		.row_labels = rl, .col_labels = cl, .ncols = nd, .values = v,
		.low_label = "barrier", .high_label = "enabler",
	};

	for (size_t i = 0; i < nd; i++)
		cl[i] = a->det_titles[order[i]];
	for (size_t g = 0; g < ng; g++) {
		if (!group_shown(a, g))
			continue;	/* never named, never shown */
		rl[nrows] = a->survey.groups[g].title;
		for (size_t i = 0; i < nd; i++) {
			const struct score_cell *cell =
				&a->score.by_group[g * nd + order[i]];
			bool ok = has_score(cell);
			v[nrows * nd + i] = ok ? cell->mean : NAN;
			nsup += !ok;
		}
		nrows++;
	}
	c.nrows = nrows;
	heatmap_desc(a, nrows, nsup, &desc);
	c.frame.desc = desc.buf;
	figure_open(r, "Scores by stakeholder group: where groups see things "
		    "differently");
	if (nrows) {
		/* wide: it scrolls inside itself on a phone, not the page */
		html(&r->out, "<div class=\"chart-scroll\">");
		chart_heatmap_svg(&r->out, &c);
		html(&r->out, "</div>");
		chart_heatmap_table(&table, &c);
	} else {
		html(&r->out, "<p>No group had enough respondents to be shown "
		     "on its own.</p>");
	}
	html(&r->out, "<p class=\"muted\">%s</p>\n", desc.buf);
	if (nrows)
		figure_close(r, &table);
	else
		html(&r->out, "</figure>\n");
	free(rl);
	free(cl);
	free(v);
	sb_release(&desc);
	sb_release(&table);
}

/* --- change since the round before --- */

static bool has_change(const struct assessment *a, size_t d)
{
	return a->prev_round && has_score(&a->score.overall[d]) &&
	       has_score(&a->prev.overall[d]);
}

static void change_desc(const struct assessment *a, size_t n,
			struct strbuf *sb)
{
	long up = -1, down = -1;
	double dup = 0, ddown = 0;

	sb_addf(sb, "Mean score of %zu determinants in round %" PRId64
		" and round %" PRId64 ".", n, a->prev_round, a->round);
	for (size_t d = 0; d < a->ndets; d++) {
		double x;
		if (!has_change(a, d))
			continue;
		x = a->score.overall[d].mean - a->prev.overall[d].mean;
		if (x > dup) {
			dup = x;
			up = (long)d;
		}
		if (x < ddown) {
			ddown = x;
			down = (long)d;
		}
	}
	if (up >= 0)
		sb_addf(sb, " Largest rise: %s, %+.2f.", a->det_titles[up], dup);
	if (down >= 0)
		sb_addf(sb, " Largest fall: %s, %+.2f.", a->det_titles[down],
			ddown);
}

static void change_chart(struct req *r, const struct assessment *a,
			 const size_t *order)
{
	struct chart_change_row *rows = xcalloc(a->ndets + 1, sizeof(*rows));
	struct strbuf desc = STRBUF_INIT, table = STRBUF_INIT;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	size_t n = 0;
	struct chart_change c = {
		.frame = { "change", "Change between rounds", NULL,
			   "Determinant", 0 },
		.scale = { 1, 5, 1, SCORE_MIDPOINT, "neutral",
			   "Mean score, 1 to 5" },
		.rows = rows,
	};

	for (size_t i = 0; i < a->ndets; i++) {
		size_t d = order[i];
		if (!has_change(a, d))
			continue;
		rows[n++] = (struct chart_change_row){ a->det_titles[d],
			a->prev.overall[d].mean, a->score.overall[d].mean,
			row_class(a, d) };
	}
	c.n = n;
	sb_addf(&before, "Round %" PRId64, a->prev_round);
	sb_addf(&after, "Round %" PRId64, a->round);
	c.before_name = before.buf;
	c.after_name = after.buf;
	change_desc(a, n, &desc);
	c.frame.desc = desc.buf;
	html(&r->out, "<h2 id=\"change\">Change since round %I</h2>\n",
	     a->prev_round);
	figure_open(r, "Change between rounds: hollow circle before, filled "
		    "circle now");
	chart_change_svg(&r->out, &c);
	chart_change_table(&table, &c);
	html(&r->out, "<p class=\"muted\">%s</p>\n", desc.buf);
	figure_close(r, &table);
	free(rows);
	sb_release(&desc);
	sb_release(&table);
	sb_release(&before);
	sb_release(&after);
}

/* --- the same in words --- */

static void det_line(struct req *r, const struct assessment *a, size_t d)
{
	const struct score_cell *c = &a->score.overall[d];
	char *href = det_href(r, a->dets[d]);

	html(&r->out, "<li>");
	if (href)
		html(&r->out, "<a href=\"%s\">%s</a>", href, a->det_titles[d]);
	else
		html(&r->out, "%s", a->det_titles[d]);
	free(href);
	if (!has_score(c)) {
		html(&r->out, ": no answers</li>\n");
		return;
	}
	html(&r->out, ": mean %f (95%% interval %f to %f), %z respondents",
	     c->mean, c->lo, c->hi, c->n);
	if (has_change(a, d)) {
		double x = c->mean - a->prev.overall[d].mean;
		if (fabs(x) < 0.005)
			html(&r->out, "; no change since round %I", a->prev_round);
		else
			html(&r->out, "; %s %f since round %I", x > 0 ? "up" :
			     "down", fabs(x), a->prev_round);
	}
	if (c->dk_share >= 0.2)
		html(&r->out, "; %d%% don't know", (int)lround(c->dk_share * 100));
	if (c->low_n)
		html(&r->out, " <span class=\"tag\">few answers</span>");
	if (a->score.complexity[d] == CX_COMPLEX)
		html(&r->out, " <span class=\"tag\">complex</span>");
	html(&r->out, "</li>\n");
}

static void class_section(struct req *r, const struct assessment *a,
			  size_t k)
{
	size_t *idx, n = assessment_ranked(a, classes[k].cls, &idx);

	html(&r->out, "<section aria-labelledby=\"h-%s\"><h3 id=\"h-%s\">%s "
	     "<span class=\"muted\">(%z)</span></h3>\n<p class=\"why\">%s</p>\n",
	     classes[k].id, classes[k].id, classes[k].heading, n,
	     classes[k].meaning);
	if (n) {
		html(&r->out, "<ul class=\"dets\">\n");
		for (size_t i = 0; i < n; i++)
			det_line(r, a, idx[i]);
		html(&r->out, "</ul>\n");
	} else {
		html(&r->out, "<p>None.</p>\n");
	}
	html(&r->out, "</section>\n");
	free(idx);
}

/* The shown groups that see d as an enabler or a barrier. */
static void ambivalent_line(struct req *r, const struct assessment *a,
			    size_t d)
{
	bool first = true;

	html(&r->out, "<li><strong>%s</strong>: ", a->det_titles[d]);
	for (size_t g = 0; g < a->survey.ngroups; g++) {
		const struct score_cell *c = &a->score.by_group[g * a->ndets + d];
		if (!group_shown(a, g) || !has_score(c) || c->n < SCORE_MIN_N)
			continue;
		if (c->mean < SCORE_ENABLER && c->mean > SCORE_BARRIER)
			continue;
		html(&r->out, "%s%s %f (<span class=\"tag tag-%s\">%s</span>)",
		     first ? "" : "; ", a->survey.groups[g].title, c->mean,
		     c->mean >= SCORE_ENABLER ? "enabler" : "barrier",
		     c->mean >= SCORE_ENABLER ? "enabler" : "barrier");
		first = false;
	}
	html(&r->out, "</li>\n");
}

static void ambivalence(struct req *r, const struct assessment *a)
{
	size_t n = 0;

	for (size_t d = 0; d < a->ndets; d++)
		n += a->score.ambivalent[d];
	html(&r->out, "<section aria-labelledby=\"h-ambivalent\"><h3 "
	     "id=\"h-ambivalent\">Ambivalent: groups disagree <span "
	     "class=\"muted\">(%z)</span></h3>\n<p class=\"why\">One group's "
	     "enabler is another's barrier. Talk with both before acting: a "
	     "single remedy for everyone may miss the group that is "
	     "struggling.</p>\n", n);
	if (!n)
		html(&r->out, "<p>None.</p>\n");
	else
		html(&r->out, "<ul>\n");
	for (size_t d = 0; d < a->ndets; d++)
		if (a->score.ambivalent[d])
			ambivalent_line(r, a, d);
	if (n)
		html(&r->out, "</ul>\n");
	html(&r->out, "</section>\n");
}

static void complexity(struct req *r, const struct assessment *a)
{
	size_t n = 0;

	for (size_t d = 0; d < a->ndets; d++)
		n += a->score.complexity[d] == CX_COMPLEX;
	if (!n)
		return;
	html(&r->out, "<p><strong>Complex:</strong> %z determinant%s "
	     "(marked “complex” above) drew widely spread answers or "
	     "disagreement between groups. Expect no single fix; plan to "
	     "try, watch and adjust.</p>\n", n, n == 1 ? "" : "s");
}

static void data_quality(struct req *r, const struct assessment *a)
{
	size_t hidden = groups_hidden(a), low = 0, dk = 0;

	for (size_t d = 0; d < a->ndets; d++) {
		low += a->score.overall[d].low_n;
		dk += a->score.overall[d].dk_share >= SCORE_MAX_DK;
	}
	html(&r->out, "<h2>Data quality</h2>\n<ul>\n");
	if (hidden)
		html(&r->out, "<li>%z group%s had fewer than %I respondents and "
		     "%s not shown on its own, to protect who answered.</li>\n",
		     hidden, hidden == 1 ? "" : "s", a->project->anonymity,
		     hidden == 1 ? "is" : "are");
	if (low)
		html(&r->out, "<li>%z determinant%s rest on fewer than %d "
		     "respondents.</li>\n", low, low == 1 ? "" : "s",
		     SCORE_LOW_N);
	if (dk)
		html(&r->out, "<li>%z determinant%s had half or more \"don't "
		     "know\" answers.</li>\n", dk, dk == 1 ? "" : "s");
	if (!hidden && !low && !dk)
		html(&r->out, "<li>No warnings.</li>\n");
	html(&r->out, "</ul>\n");
}

/* --- the page --- */

static void round_form(struct req *r, const struct assessment *a)
{
	const char **choices = xcalloc(a->nrounds + 1, sizeof(*choices));
	const char **labels = xcalloc(a->nrounds + 1, sizeof(*labels));
	struct strbuf cur = STRBUF_INIT;
	struct form f = FORM_INIT;

	for (size_t i = 0; i < a->nrounds; i++) {
		struct strbuf sb = STRBUF_INIT;
		/* newest first */
		size_t k = a->nrounds - 1 - i;
		sb_addf(&sb, "%" PRId64, a->rounds[k]);
		choices[i] = sb_detach(&sb);
		sb_addf(&sb, "Round %" PRId64 " (%" PRId64 " response%s)",
			a->rounds[k], a->round_counts[k],
			a->round_counts[k] == 1 ? "" : "s");
		labels[i] = sb_detach(&sb);
	}
	sb_addf(&cur, "%" PRId64, a->round);
	html(&r->out, "<form method=\"get\" action=\"/p/%u/dashboard\" "
	     "class=\"narrow\">", r->project.name);
	form_select(r, &f, "round", "Survey round", choices, labels, cur.buf,
		    NULL);
	html(&r->out, "<button type=\"submit\" class=\"secondary\">Show this "
	     "round</button></form>\n");
	for (size_t i = 0; i < a->nrounds; i++) {
		free((char *)choices[i]);
		free((char *)labels[i]);
	}
	free(choices);
	free(labels);
	sb_release(&cur);
}

static void respondents(struct req *r, const struct assessment *a)
{
	size_t shown = 0;

	html(&r->out, "<p>Round %I: %z respondent%s", a->round, a->score.nresp,
	     a->score.nresp == 1 ? "" : "s");
	for (size_t g = 0; g < a->survey.ngroups; g++) {
		if (!group_shown(a, g))
			continue;
		html(&r->out, "%s%s %z", shown++ ? ", " : " (",
		     a->survey.groups[g].title, a->score.group_n[g]);
	}
	html(&r->out, "%s.</p>\n", shown ? ")" : "");
}

static void cards(struct req *r, const struct assessment *a)
{
	size_t nb = 0, ne = 0, namb = 0;

	for (size_t d = 0; d < a->ndets; d++) {
		nb += a->score.overall[d].cls == CLASS_BARRIER;
		ne += a->score.overall[d].cls == CLASS_ENABLER;
		namb += a->score.ambivalent[d];
	}
	html(&r->out, "<div class=\"cards\">"
	     "<div class=\"card\"><h2>Respondents</h2><p class=\"big\">%z</p>"
	     "</div><div class=\"card\"><h2>Barriers</h2><p class=\"big\">%z"
	     "</p></div><div class=\"card\"><h2>Enablers</h2><p class=\"big\">"
	     "%z</p></div><div class=\"card\"><h2>Groups disagree</h2><p "
	     "class=\"big\">%z</p></div></div>\n", a->score.nresp, nb, ne, namb);
}

static void no_responses(struct req *r)
{
	html(&r->out, "<div class=\"notice notice-info\" role=\"status\"><h2>"
	     "No survey responses yet</h2><p>The dashboard fills in once "
	     "stakeholders have answered the readiness survey.</p>");
	if (r->role >= ROLE_LEAD)
		html(&r->out, "<p><a href=\"/p/%u/links\">Survey links</a>: send "
		     "each stakeholder a link, or make an open one.</p>",
		     r->project.name);
	else
		html(&r->out, "<p>A project lead can send stakeholders the "
		     "survey from the project's Survey links page.</p>");
	html(&r->out, "<p>Meanwhile the <a href=\"/p/%u/roadmap\">road map</a> "
	     "is drawn from the project's circumstances alone.</p></div>\n",
	     r->project.name);
}

static void body(struct req *r, const struct assessment *a)
{
	size_t *order;

	respondents(r, a);
	if (a->nrounds > 1)
		round_form(r, a);
	if (a->score.nresp < (size_t)a->project->anonymity) {
		html(&r->out, "<div class=\"notice notice-info\" role=\"status\">"
		     "<p>No scores are shown: a round needs at least %I "
		     "respondents (the project's anonymity threshold).</p>"
		     "</div>\n", a->project->anonymity);
		return;
	}
	order = det_order(a);
	cards(r, a);
	html(&r->out, "<h2>Scores</h2>\n<p>Each determinant is scored from 1 "
	     "(strong disagreement that it is in place) to 5 (strong "
	     "agreement); 3 is neutral. The line around each point is its 95%% "
	     "interval. Select a name to see the evidence on it.</p>\n");
	scores_chart(r, a, order);
	html(&r->out, "<h2>What this means</h2>\n");
	class_section(r, a, 0);
	class_section(r, a, 1);
	ambivalence(r, a);
	class_section(r, a, 2);
	class_section(r, a, 3);
	complexity(r, a);
	html(&r->out, "<p><a href=\"/p/%u/roadmap\">See the road map</a>: the "
	     "actions the evidence suggests for these.</p>\n", r->project.name);
	html(&r->out, "<h2>By stakeholder group</h2>\n");
	heatmap_chart(r, a, order);
	if (a->prev_round)
		change_chart(r, a, order);
	data_quality(r, a);
	free(order);
}

int page_dashboard(struct req *r)
{
	const char *q = web_query(r, "round");
	int64_t round = 0;
	struct assessment a;
	int rc;

	if (q && *q && web_int(q, 1, ROUND_MAX, &round))
		return web_fail(r, 400, "bad_round", "round: expected a round "
				"number such as 1 or 2, got '%s'", q);
	rc = assessment_load(r->kb, r->st, &r->project, round, &a);
	if (rc == STORE_NOTFOUND) {
		assessment_release(&a);
		return web_fail(r, 404, "not_found", "round %" PRId64 " of this "
				"project has no responses", round);
	}
	if (rc) {
		assessment_release(&a);
		return web_store_fail(r);
	}
	page_begin(r, "Dashboard", "dashboard");
	html(&r->out, "<h1>Dashboard</h1>\n");
	if (!a.round)
		no_responses(r);
	else
		body(r, &a);
	page_end(r);
	assessment_release(&a);
	return 0;
}
