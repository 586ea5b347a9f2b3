/*
 * page_evidence.c: the evidence base in the browser: the frameworks and
 * determinants, a ranked search, one framework's elements, an element
 * with what other frameworks say on the same determinants, and a
 * determinant with its statements and every element linked to it.
 */
#include <stdlib.h>
#include <string.h>

#include "assess/project.h"
#include "form.h"
#include "kb/kb.h"
#include "lib/html.h"
#include "pages.h"

#define QUERY_MAX 200		/* bytes of a search */
#define HITS_SHOWN 50		/* search results on one page */
#define SNIPPET_MAX 220		/* bytes of a summary in a result */
#define SAME_SHOWN 10		/* crosswalk entries before "more" */

static const char *kind_title(const struct kb *kb, const char *kind)
{
	const struct kb_kind *k = kb_kind(kb, kind);

	return k ? k->title.s : kind;
}

/* The first bytes of s up to about max, cut at a space, with "..." if cut. */
static void snippet(struct strbuf *o, const char *s)
{
	size_t len = s ? strlen(s) : 0, cut = len;

	if (len > SNIPPET_MAX) {
		cut = SNIPPET_MAX;
		while (cut > SNIPPET_MAX / 2 && s[cut] != ' ')
			cut--;
		/* never split a UTF-8 sequence */
		while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	html_txtn(o, s ? s : "", cut);
	if (cut < len)
		html(o, "…");
}

static void search_form(struct req *r, const struct form *f, const char *q)
{
	html(&r->out, "<form method=\"get\" action=\"/evidence\" "
	     "role=\"search\" class=\"narrow\">");
	form_input(r, f, "search", "q", "Search the evidence", q,
		   "Words such as BYOD, champions or information governance",
		   false);
	html(&r->out, "<button type=\"submit\">Search</button></form>\n");
}

/* --- the index: frameworks and the crosswalk of determinants --- */

static void frameworks(struct req *r)
{
	const struct kb *kb = r->kb;

	html(&r->out, "<h2>Frameworks</h2>\n<ul class=\"frameworks\">\n");
	for (size_t i = 0; i < kb->nframeworks; i++) {
		const struct kb_framework *fw = kb->frameworks[i];
		html(&r->out, "<li><a href=\"/evidence?framework=%u\">%s</a> "
		     "<span class=\"muted\">(%z elements)</span>"
		     "<p class=\"source\">%s</p></li>\n", fw->id.s, fw->title.s,
		     fw->nelements, fw->citation.s);
	}
	html(&r->out, "</ul>\n");
}

static void crosswalk(struct req *r)
{
	const struct kb *kb = r->kb;

	html(&r->out, "<h2>Determinants</h2>\n<p>Every element of every "
	     "framework bears on one or more of these shared determinants; "
	     "each number counts a framework's elements on it.</p>\n"
	     "<div class=\"table-wrap\"><table><caption>Determinants and the "
	     "frameworks that speak to them</caption><thead><tr>"
	     "<th scope=\"col\">Determinant</th>");
	for (size_t i = 0; i < kb->nframeworks; i++)
		html(&r->out, "<th scope=\"col\" class=\"num\">%s</th>",
		     kb->frameworks[i]->id.s);
	html(&r->out, "</tr></thead><tbody>\n");
	for (size_t d = 0; d < kb->ndeterminants; d++) {
		const struct kb_determinant *det = &kb->determinants[d];
		html(&r->out, "<tr><th scope=\"row\"><a href=\"/evidence/%u\">%s"
		     "</a></th>", det->id.s, det->title.s);
		for (size_t i = 0; i < kb->nframeworks; i++)
			html(&r->out, "<td class=\"num\">%z</td>",
			     kb_count_linked(kb, kb->frameworks[i], det->id.s));
		html(&r->out, "</tr>\n");
	}
	html(&r->out, "</tbody></table></div>\n");
}

/* --- search --- */

static void hit(struct req *r, const struct kb_hit *h)
{
	const struct kb_element *e = h->el;

	html(&r->out, "<li><h3><a href=\"/evidence/%u\">%s</a></h3>"
	     "<p class=\"source\"><span class=\"tag\">%s</span> %s, %s</p>"
	     "<p>", e->id.s, e->title.s, kind_title(r->kb, e->kind.s),
	     e->framework->title.s, e->source.s);
	snippet(&r->out, e->summary.s);
	html(&r->out, "</p><p class=\"why\">Matched: %s</p></li>\n", h->matched);
}

static void results(struct req *r, const char *q)
{
	struct kb_hit *hits;
	size_t n = kb_search(r->kb, q, &hits);

	html(&r->out, "<h2 id=\"results\">Results</h2>\n");
	if (!n)
		html(&r->out, "<p>Nothing in the evidence matches “%s”. Try "
		     "fewer or plainer words, or browse the frameworks "
		     "below.</p>\n", q);
	else
		html(&r->out, "<p>%z element%s match “%s”, best first%s.</p>\n"
		     "<ol class=\"hits\">\n", n, n == 1 ? "" : "s", q,
		     n > HITS_SHOWN ? "; the first 50 are shown" : "");
	for (size_t i = 0; i < n && i < HITS_SHOWN; i++)
		hit(r, &hits[i]);
	if (n)
		html(&r->out, "</ol>\n");
	kb_hits_free(hits, n);
}

/* --- one framework's elements, nested under their parents --- */

/* An element shown at the top of its framework: no parent within it. */
static bool is_top(const struct kb *kb, const struct kb_element *e)
{
	const struct kb_element *p = e->parent.s ? kb_element(kb, e->parent.s)
						 : NULL;

	return !p || p->framework != e->framework;
}

static void element_tree(struct req *r, const struct kb_framework *fw,
			 const char *parent, unsigned depth)
{
	bool open = false;

	for (size_t i = 0; i < fw->nelements; i++) {
		const struct kb_element *e = &fw->elements[i];
		if (parent ? !e->parent.s || strcmp(e->parent.s, parent)
			   : !is_top(r->kb, e))
			continue;
		if (!open)
			html(&r->out, "<ul>\n");
		open = true;
		html(&r->out, "<li><a href=\"/evidence/%u\">%s</a> "
		     "<span class=\"muted\">(%s)</span>", e->id.s, e->title.s,
		     kind_title(r->kb, e->kind.s));
		if (depth < 8)
			element_tree(r, fw, e->id.s, depth + 1);
		html(&r->out, "</li>\n");
	}
	if (open)
		html(&r->out, "</ul>\n");
}

static int framework_page(struct req *r, const char *id)
{
	const struct kb_framework *fw = kb_framework(r->kb, id);

	if (!fw)
		return web_fail(r, 404, "not_found", "there is no framework "
				"'%s' in the evidence base", id);
	page_begin(r, fw->title.s, NULL);
	html(&r->out, "<p><a href=\"/evidence\">Evidence</a></p>\n"
	     "<h1>%s</h1>\n<p class=\"source\">%s</p>\n", fw->title.s,
	     fw->citation.s);
	if (fw->summary.s)
		html(&r->out, "<p>%s</p>\n", fw->summary.s);
	html(&r->out, "<h2>Its %z elements</h2>\n", fw->nelements);
	element_tree(r, fw, NULL, 0);
	page_end(r);
	return 0;
}

int page_evidence(struct req *r)
{
	const char *q = web_query(r, "q");
	const char *fw = web_query(r, "framework");
	struct form f = FORM_INIT;
	struct strbuf err = STRBUF_INIT;

	if (fw && *fw)
		return framework_page(r, fw);
	if (q && check_text("the search", q, QUERY_MAX, false, &err)) {
		form_error(&f, "q", err.buf);
		r->status = 400;
	}
	page_begin(r, q && *q ? "Search the evidence" : "Evidence", NULL);
	html(&r->out, "<h1>Evidence</h1>\n<p>The published evidence waymark "
	     "draws on: five frameworks joined by shared determinants. "
	     "Every road-map action and survey statement leads back "
	     "here.</p>\n");
	form_summary(r, &f);
	search_form(r, &f, q);
	if (q && *q && !f.nerrs)
		results(r, q);
	frameworks(r);
	crosswalk(r);
	page_end(r);
	form_release(&f);
	sb_release(&err);
	return 0;
}

/* --- one element --- */

static void element_link(struct req *r, const struct kb_element *e)
{
	html(&r->out, "<a href=\"/evidence/%u\">%s</a>", e->id.s, e->title.s);
}

/* A <dt> and one <dd> per linked element id (unknown ids shown as text). */
static void id_list(struct req *r, const char *label, const struct kb_str *ids,
		    size_t n)
{
	if (!n)
		return;
	html(&r->out, "<dt>%s</dt>", label);
	for (size_t i = 0; i < n; i++) {
		const struct kb_element *e = kb_element(r->kb, ids[i].s);
		html(&r->out, "<dd>");
		if (e)
			element_link(r, e);
		else
			html(&r->out, "%s", ids[i].s);
		html(&r->out, "</dd>");
	}
}

static void element_facts(struct req *r, const struct kb_element *e)
{
	const struct kb *kb = r->kb;
	bool kids = false;

	html(&r->out, "<dl class=\"facts\"><dt>Framework</dt><dd><a "
	     "href=\"/evidence?framework=%u\">%s</a></dd><dt>Where in the "
	     "source</dt><dd>%s</dd><dt>Citation</dt><dd>%s</dd>",
	     e->framework->id.s, e->framework->title.s, e->source.s,
	     e->framework->citation.s);
	html(&r->out, "<dt>Determinants</dt>");
	for (size_t i = 0; i < e->ndeterminants; i++) {
		const struct kb_determinant *d =
			kb_determinant(kb, e->determinants[i].s);
		html(&r->out, "<dd><a href=\"/evidence/%u\">%s</a></dd>",
		     e->determinants[i].s, d ? d->title.s : e->determinants[i].s);
	}
	if (e->parent.s)
		id_list(r, "Part of", &e->parent, 1);
	for (size_t i = 0; i < e->framework->nelements; i++) {
		const struct kb_element *c = &e->framework->elements[i];
		if (!c->parent.s || strcmp(c->parent.s, e->id.s))
			continue;
		if (!kids)
			html(&r->out, "<dt>Contains</dt>");
		kids = true;
		html(&r->out, "<dd>");
		element_link(r, c);
		html(&r->out, "</dd>");
	}
	id_list(r, "Related", e->related, e->nrelated);
	for (size_t i = 0; i < e->nattrs; i++)
		html(&r->out, "<dt>%s</dt><dd>%s</dd>", e->attrs[i].key.s,
		     e->attrs[i].value.s);
	if (e->nkeywords) {
		html(&r->out, "<dt>Keywords</dt><dd>");
		for (size_t i = 0; i < e->nkeywords; i++)
			html(&r->out, "%s%s", i ? ", " : "", e->keywords[i].s);
		html(&r->out, "</dd>");
	}
	html(&r->out, "<dt>Identifier</dt><dd><code>%s</code></dd></dl>\n",
	     e->id.s);
}

static void same_item(struct req *r, const struct kb_element *o)
{
	html(&r->out, "<li>");
	element_link(r, o);
	html(&r->out, " <span class=\"muted\">(%s, %s)</span></li>\n",
	     kind_title(r->kb, o->kind.s), o->framework->id.s);
}

/* What other frameworks say: the first few, the rest behind details. */
static void same_determinants(struct req *r, const struct kb_element *e)
{
	const struct kb_element **same;
	size_t n = kb_same_determinants(r->kb, e, &same);

	html(&r->out, "<h2>What other frameworks say</h2>\n");
	if (!n)
		html(&r->out, "<p>No element of another framework shares its "
		     "determinants.</p>\n");
	else
		html(&r->out, "<p>Elements of other frameworks on the same "
		     "determinants, those sharing most first.</p>\n"
		     "<ul class=\"crosswalk\">\n");
	for (size_t i = 0; i < n && i < SAME_SHOWN; i++)
		same_item(r, same[i]);
	if (n)
		html(&r->out, "</ul>\n");
	if (n > SAME_SHOWN) {
		html(&r->out, "<details class=\"more\"><summary>%z more</summary>"
		     "<ul class=\"crosswalk\">\n", n - SAME_SHOWN);
		for (size_t i = SAME_SHOWN; i < n; i++)
			same_item(r, same[i]);
		html(&r->out, "</ul></details>\n");
	}
	free(same);
}

static bool has_str(const struct kb_str *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].s && !strcmp(v[i].s, s))
			return true;
	return false;
}

/* Road-map actions that cite element id (by_source) or address determinant id. */
static void actions_on(struct req *r, const char *id, bool by_source)
{
	const struct kb *kb = r->kb;
	bool open = false;

	for (size_t i = 0; i < kb->nactions; i++) {
		const struct kb_action *a = &kb->actions[i];
		if (by_source ? !has_str(a->sources, a->nsources, id)
			      : !has_str(a->determinants, a->ndeterminants, id))
			continue;
		if (!open)
			html(&r->out, "<h2>Road-map actions %s</h2>\n<ul>\n",
			     by_source ? "drawn from it" : "that address it");
		open = true;
		html(&r->out, "<li>%s <span class=\"muted\">(step %s; owner: "
		     "%s)</span></li>\n", a->title.s, a->step.s, a->owner.s);
	}
	if (open)
		html(&r->out, "</ul>\n");
}

static void element_page(struct req *r, const struct kb_element *e)
{
	page_begin(r, e->title.s, NULL);
	html(&r->out, "<p><a href=\"/evidence\">Evidence</a> › <a "
	     "href=\"/evidence?framework=%u\">%s</a></p>\n<h1>%s</h1>\n"
	     "<p><span class=\"tag\">%s</span></p>\n", e->framework->id.s,
	     e->framework->id.s, e->title.s, kind_title(r->kb, e->kind.s));
	if (e->summary.s)
		html(&r->out, "<p>%s</p>\n", e->summary.s);
	if (e->note.s)
		html(&r->out, "<p class=\"note\"><strong>Note:</strong> %s</p>\n",
		     e->note.s);
	element_facts(r, e);
	same_determinants(r, e);
	actions_on(r, e->id.s, true);
	page_end(r);
}

/* --- one determinant --- */

static void statements(struct req *r, const struct kb_determinant *d)
{
	if (!d->nstatements)
		return;
	html(&r->out, "<h2>Survey statements</h2>\n<p>Stakeholders are asked "
	     "how far they agree with these.</p>\n<ul>\n");
	for (size_t i = 0; i < d->nstatements; i++)
		html(&r->out, "<li>%s%R</li>\n", d->statements[i].text.s,
		     d->statements[i].reversed ? " <span class=\"muted\">"
		     "(agreement counts against)</span>" : "");
	html(&r->out, "</ul>\n");
}

static void linked_elements(struct req *r, const struct kb_determinant *d)
{
	const struct kb *kb = r->kb;

	html(&r->out, "<h2>What each framework says</h2>\n");
	for (size_t i = 0; i < kb->nframeworks; i++) {
		const struct kb_framework *fw = kb->frameworks[i];
		size_t n = kb_count_linked(kb, fw, d->id.s);
		if (!n)
			continue;
		html(&r->out, "<h3>%s <span class=\"muted\">(%z)</span></h3>\n"
		     "<ul>\n", fw->title.s, n);
		for (size_t j = 0; j < fw->nelements; j++) {
			const struct kb_element *e = &fw->elements[j];
			if (!kb_has_determinant(e, d->id.s))
				continue;
			html(&r->out, "<li>");
			element_link(r, e);
			html(&r->out, " <span class=\"muted\">(%s)</span></li>\n",
			     kind_title(kb, e->kind.s));
		}
		html(&r->out, "</ul>\n");
	}
}

static void determinant_page(struct req *r, const struct kb_determinant *d)
{
	page_begin(r, d->title.s, NULL);
	html(&r->out, "<p><a href=\"/evidence\">Evidence</a> › Determinants"
	     "</p>\n<h1>%s</h1>\n<p><span class=\"tag\">Determinant</span></p>"
	     "\n", d->title.s);
	if (d->summary.s)
		html(&r->out, "<p>%s</p>\n", d->summary.s);
	statements(r, d);
	linked_elements(r, d);
	actions_on(r, d->id.s, false);
	page_end(r);
}

int page_element(struct req *r)
{
	const char *id = web_arg(r, 0);
	const struct kb_element *e = kb_element(r->kb, id);
	const struct kb_determinant *d;

	if (e) {
		element_page(r, e);
		return 0;
	}
	d = kb_determinant(r->kb, id);
	if (d) {
		determinant_page(r, d);
		return 0;
	}
	return web_not_found(r);
}
