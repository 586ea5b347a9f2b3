/* test-chart.c: the SVG charts and table views of src/lib/chart.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/chart.h"
#include "lib/strbuf.h"

#define EVIL "<script>&\"'"
#define EVIL_ESC "&lt;script&gt;&amp;&quot;&#39;"
#define TD(v) "<td class=\"num\">" v "</td>"
#define TH_COL(v) "<th scope=\"col\">" v "</th>"

/* ---- a tiny XML checker: balanced tags, quoted attributes, entities ---- */

struct xml {
	char stack[64][32];
	int depth;
	char ids[256][64];
	int nids;
	const char *err;
};

static int xml_fail(struct xml *x, const char *why)
{
	x->err = why;
	return -1;
}

/* Entities the escaper writes: &amp; &lt; &gt; &quot; &#NN; */
static int xml_entity(const char *p)
{
	static const char *const ok[] = { "&amp;", "&lt;", "&gt;", "&quot;" };

	for (size_t i = 0; i < 4; i++)
		if (!strncmp(p, ok[i], strlen(ok[i])))
			return 1;
	if (p[1] == '#') {
		p += 2;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
		return *p == ';';
	}
	return 0;
}

static int xml_text(struct xml *x, const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p == '&' && !xml_entity(p))
			return xml_fail(x, "bare ampersand");
	return 0;
}

static int numeric_attr(const char *name, size_t n)
{
	static const char *const names[] = { "x", "y", "x1", "y1", "x2", "y2",
		"cx", "cy", "r", "width", "height", "d", "transform", "viewBox" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && !strncmp(names[i], name, n))
			return 1;
	return 0;
}

/* Parses attributes up to '>' or "/>"; returns a pointer past the tag. */
static const char *xml_attrs(struct xml *x, const char *p, int *selfclose)
{
	for (;;) {
		const char *name, *val, *q;
		size_t nlen;

		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '>' || (p[0] == '/' && p[1] == '>')) {
			*selfclose = *p == '/';
			return p + (*selfclose ? 2 : 1);
		}
		name = p;
		while (isalnum((unsigned char)*p) || *p == '-' || *p == ':' || *p == '_')
			p++;
		nlen = (size_t)(p - name);
		if (!nlen || p[0] != '=' || p[1] != '"') {
			xml_fail(x, "attribute not name=\"value\"");
			return NULL;
		}
		val = p + 2;
		q = strchr(val, '"');
		if (!q || memchr(val, '<', (size_t)(q - val))) {
			xml_fail(x, "bad attribute value");
			return NULL;
		}
		if (xml_text(x, val, q))
			return NULL;
		if (numeric_attr(name, nlen)) {
			char v[512];

			snprintf(v, sizeof(v), "%.*s", (int)(q - val), val);
			if (strcasestr(v, "nan") || strcasestr(v, "inf")) {
				xml_fail(x, "nan or inf in a numeric attribute");
				return NULL;
			}
		}
		if (nlen == 2 && !strncmp(name, "id", 2) && x->nids < 256)
			snprintf(x->ids[x->nids++], 64, "%.*s", (int)(q - val), val);
		p = q + 1;
		if (*p != ' ' && *p != '>' && *p != '/' && *p != '\n') {
			xml_fail(x, "no space after attribute");
			return NULL;
		}
	}
}

static int xml_tag(struct xml *x, const char **pp)
{
	const char *p = *pp + 1, *name = p;
	int closing = *p == '/', selfclose = 0;
	size_t n;

	if (closing)
		name = ++p;
	while (isalnum((unsigned char)*p))
		p++;
	n = (size_t)(p - name);
	if (!n || n >= 32)
		return xml_fail(x, "bad tag name");
	if (closing) {
		if (*p != '>' || !x->depth ||
		    strncmp(x->stack[x->depth - 1], name, n) ||
		    x->stack[x->depth - 1][n])
			return xml_fail(x, "mismatched close tag");
		x->depth--;
		*pp = p + 1;
		return 0;
	}
	p = xml_attrs(x, p, &selfclose);
	if (!p)
		return -1;
	if (!selfclose) {
		if (x->depth == 64)
			return xml_fail(x, "too deep");
		snprintf(x->stack[x->depth++], 32, "%.*s", (int)n, name);
	}
	*pp = p;
	return 0;
}

/* 0 when s is a well-formed sequence of elements. */
static int xml_check(struct xml *x, const char *s)
{
	memset(x, 0, sizeof(*x));
	while (*s) {
		const char *lt = strchr(s, '<');

		if (!lt)
			lt = s + strlen(s);
		if (xml_text(x, s, lt))
			return -1;
		s = lt;
		if (*s && xml_tag(x, &s))
			return -1;
	}
	return x->depth ? xml_fail(x, "unclosed element") : 0;
}

static void assert_xml(const char *s)
{
	struct xml x;

	if (xml_check(&x, s))
		fail_msg("not well-formed (%s): %.400s", x.err, s);
}

static void assert_has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("missing: %s", needle);
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("unexpected: %s", needle);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* No "nan" or "inf" as a word ("governance" and "informed" are fine). */
static void assert_no_nan(const char *s)
{
	static const char *const bad[] = { "nan", "inf" };

	for (size_t i = 0; i < 2; i++)
		for (const char *p = s; (p = strcasestr(p, bad[i])); p++)
			if ((p == s || !isalpha((unsigned char)p[-1])) &&
			    !isalpha((unsigned char)p[3]))
				fail_msg("'%s' in output near: %.60s", bad[i], p);
}

static void assert_valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int extra = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 :
			    (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;

		assert_true(extra >= 0);
		for (p++; extra > 0; extra--, p++)
			assert_int_equal(*p & 0xC0, 0x80);
	}
}

/* ---- sample charts ---- */

static const struct chart_interval_row interval_rows[] = {
	{ "Leadership", 4.0, 3.6, 4.4, "enabler", "/p/1/det/leadership" },
	{ EVIL, 2.1, 1.8, 2.5, "barrier", "javascript:alert(1)" },
	{ "Partnerships", NAN, NAN, NAN, "neutral", NULL },
	{ "Clamped high", 99, 98, 1e300, "ambivalent", NULL },
	{ "Clamped low", -INFINITY, NAN, NAN, NULL, NULL },
};

static struct chart_interval interval_chart(size_t n)
{
	return (struct chart_interval){
		{ "int", "Determinant scores", "Scores from 1 to 5", "Determinant", 0 },
		{ 1, 5, 1, 3, "neutral", "Mean score" },
		interval_rows, n,
	};
}

static const char *const heat_rows[] = { "Clinicians", "Nurses", EVIL };
static const char *const heat_cols[] = {
	"Leadership", "Information governance and data sharing agreements",
	"Skills",
};
static const double heat_values[] = {
	1.0, 3.0, 5.0,
	2.0, NAN, 4.0,
	INFINITY, 3.4, 1.5,
};

static struct chart_heatmap heat_chart(size_t nrows)
{
	return (struct chart_heatmap){
		{ "heat", "Scores by group", "Mean score of each group", "Group", 0 },
		{ 1, 5, 1, 3, NULL, NULL },
		heat_rows, nrows, heat_cols, 3, heat_values, "barrier", "enabler",
	};
}

static const struct chart_point scatter_pts[] = {
	{ "Ana", 4, 4, NULL }, { "Ben", 4, 4, NULL }, { "Cai", 4, 4, NULL },
	{ EVIL, 2, 1.5, "barrier" }, { "Dee", NAN, 3, NULL },
	{ "Far out", 50, -50, NULL },
};

static struct chart_scatter scatter_chart(size_t n)
{
	return (struct chart_scatter){
		{ "sc", "Power and interest", "Stakeholders by power and interest",
		  "Stakeholder", 0 },
		{ 1, 5, 1, NAN, NULL, "Interest" },
		{ 1, 5, 1, NAN, NULL, "Power" },
		{ "Keep satisfied", "Manage closely", "Monitor", "Keep informed" },
		scatter_pts, n,
	};
}

static const struct chart_change_row change_rows[] = {
	{ "Leadership", 2.5, 3.5, NULL },
	{ "Skills", 4.0, 3.0, NULL },
	{ "Same", 3.0, 3.01, NULL },
	{ EVIL, NAN, 3.0, NULL },
};

static struct chart_change change_chart(size_t n)
{
	return (struct chart_change){
		{ "chg", "Change between rounds", "Round 1 against round 2", "Determinant", 0 },
		{ 1, 5, 1, 3, "neutral", NULL },
		"Round 1", "Round 2", change_rows, n,
	};
}

static const struct chart_xy cost_pts[] = {
	{ 0, 100 }, { 1, 180 }, { 2, 240 }, { 3, NAN }, { 4, 320 }, { 5, 350 },
	{ 6, 380 },
};
static const struct chart_xy benefit_pts[] = {
	{ 0, 0 }, { 2, 90 }, { 4, 250 }, { 6, 390 }, { 8, 1e12 },
};
static const struct chart_series line_series[] = {
	{ "Cumulative cost", cost_pts, 7, 0, "cost" },
	{ "Cumulative benefit " EVIL, benefit_pts, 5, 1, NULL },
};
static const struct chart_tick line_ticks[] = {
	{ 0, "year 0" }, { 2, "year 2" }, { 4, "year 4" }, { 6, "year 6" },
	{ 8, "year 8" }, { 99, "off scale" },
};

static struct chart_line line_chart(size_t nseries)
{
	return (struct chart_line){
		{ "ln", "Cost and benefit", "Cumulative cost and benefit by year", "Year", 0 },
		{ 0, 8, 1, NAN, NULL, "Year" },
		{ 0, 500, 100, 0, NULL, "Thousand pounds" },
		line_ticks, 6, line_series, nseries, 6, 380, "break-even, year 6",
	};
}

/* Renders all five charts, svg then table, into sb. */
static void render_all(struct strbuf *sb)
{
	struct chart_interval ci = interval_chart(5);
	struct chart_heatmap ch = heat_chart(3);
	struct chart_scatter cs = scatter_chart(6);
	struct chart_change cc = change_chart(4);
	struct chart_line cl = line_chart(2);

	chart_interval_svg(sb, &ci);
	chart_interval_table(sb, &ci);
	chart_heatmap_svg(sb, &ch);
	chart_heatmap_table(sb, &ch);
	chart_scatter_svg(sb, &cs);
	chart_scatter_table(sb, &cs);
	chart_change_svg(sb, &cc);
	chart_change_table(sb, &cc);
	chart_line_svg(sb, &cl);
	chart_line_table(sb, &cl);
}

/* ---- tests ---- */

static void test_escaping(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	render_all(&sb);
	assert_lacks(sb.buf, "<script");
	assert_lacks(sb.buf, "javascript:");
	/* svg and table of all five charts carry the escaped label */
	assert_true(count(sb.buf, EVIL_ESC) >= 10);
	assert_xml(sb.buf);
	sb_release(&sb);
}

static void test_interval_geometry(void **state)
{
	struct chart_interval c = interval_chart(5);
	struct strbuf sb = STRBUF_INIT;
	/* plot from 16 to 480 - 80 = 400: value 4 of 1..5 at 16 + 3/4 * 384 */
	double x4 = CHART_PAD + (4.0 - 1) / (5 - 1) *
		    (CHART_WIDTH - CHART_VALUE_W - CHART_PAD);

	(void)state;
	assert_true(fabs(x4 - 304.0) < 1e-9);
	chart_interval_svg(&sb, &c);
	assert_has(sb.buf, "<circle cx=\"304.0\"");
	/* 99 is clamped to the right end, its whisker too */
	assert_has(sb.buf, "<circle cx=\"400.0\"");
	/* the reference line at 3 is dashed and captioned */
	assert_has(sb.buf, "<line x1=\"208.0\" y1=\"26.0\" x2=\"208.0\"");
	assert_has(sb.buf, ">neutral</text>");
	/* ticks 1..5 */
	for (int t = 1; t <= 5; t++) {
		char tick[64];

		snprintf(tick, sizeof(tick), " text-anchor=\"middle\">%d</text>", t);
		assert_has(sb.buf, tick);
	}
	/* -inf and NAN rows say no data */
	assert_int_equal(count(sb.buf, ">no data</text>"), 2);
	assert_int_equal(count(sb.buf, "<circle"), 3);
	/* a wider frame moves the point */
	sb_reset(&sb);
	c.frame.width = 880;
	chart_interval_svg(&sb, &c);
	assert_has(sb.buf, "<circle cx=\"604.0\"");	/* 16 + .75 * 784 */
	assert_xml(sb.buf);
	sb_release(&sb);
}

static void test_interval_links_and_table(void **state)
{
	struct chart_interval c = interval_chart(5);
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	chart_interval_svg(&sb, &c);
	assert_has(sb.buf, "<a href=\"/p/1/det/leadership\">");
	assert_int_equal(count(sb.buf, "<a "), 1);
	assert_has(sb.buf, "<g class=\"row enabler\">");
	sb_reset(&sb);
	chart_interval_table(&sb, &c);
	assert_xml(sb.buf);
	assert_has(sb.buf, "<caption>Determinant scores</caption>");
	assert_has(sb.buf, TH_COL("Determinant"));
	assert_has(sb.buf, "<th scope=\"row\">" EVIL_ESC "</th>");
	assert_has(sb.buf, "<a href=\"/p/1/det/leadership\">Leadership</a>");
	assert_has(sb.buf, TD("4") TD("3.6") TD("4.4") "<td>enabler</td>");
	/* the table shows the real value, not the clamped one */
	assert_has(sb.buf, TD("99"));
	assert_int_equal(count(sb.buf, "<th scope=\"row\">"), 5);
	assert_no_nan(sb.buf);
	sb_release(&sb);
}

static double lum(unsigned rgb)
{
	double c[3] = { (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255 };

	for (int i = 0; i < 3; i++) {
		c[i] /= 255;
		c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow((c[i] + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* Every coloured cell's text has a WCAG contrast of at least 4.5. */
static void assert_cell_contrast(const char *svg)
{
	int cells = 0;

	for (const char *p = svg; (p = strstr(p, "<g class=\"cell\">")); p++) {
		const char *f = strstr(p, " fill=\"#"), *t = strstr(f + 1, " fill=\"#");
		unsigned bg = (unsigned)strtoul(f + 8, NULL, 16);
		unsigned fg = (unsigned)strtoul(t + 8, NULL, 16);
		double a = lum(bg), b = lum(fg);
		double ratio = (fmax(a, b) + 0.05) / (fmin(a, b) + 0.05);

		assert_true(ratio >= 4.5);
		cells++;
	}
	assert_int_equal(cells, 7);
}

static void test_heatmap(void **state)
{
	struct chart_heatmap c = heat_chart(3);
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	chart_heatmap_svg(&sb, &c);
	assert_xml(sb.buf);
	/* NAN and inf: hatched, marked, explained */
	assert_int_equal(count(sb.buf, "<g class=\"cell suppressed\">"), 2);
	assert_int_equal(count(sb.buf, "fill=\"url(#heat-hatch)\""), 3);	/* + legend */
	assert_int_equal(count(sb.buf, "class=\"marker\""), 2);
	assert_has(sb.buf, "<title>Nurses, Information governance and data"
		   " sharing agreements: suppressed or missing</title>");
	assert_has(sb.buf, "<title>Clinicians, Skills: 5</title>");
	assert_has(sb.buf, "<title>" EVIL_ESC ", Skills: 1.5</title>");
	/* ends and middle of the diverging scale */
	assert_has(sb.buf, "fill=\"#b35806\"");
	assert_has(sb.buf, "fill=\"#f7f7f7\"");
	assert_has(sb.buf, "fill=\"#2166ac\"");
	assert_cell_contrast(sb.buf);
	/* the long column label is rotated and cut, the whole kept */
	assert_has(sb.buf, "rotate(-45 ");
	assert_has(sb.buf, "\xe2\x80\xa6</text>");
	assert_no_nan(sb.buf);
	sb_reset(&sb);
	chart_heatmap_table(&sb, &c);
	assert_xml(sb.buf);
	assert_int_equal(count(sb.buf, "<td class=\"suppressed\">suppressed</td>"), 2);
	assert_int_equal(count(sb.buf, "<th scope=\"col\">"), 4);
	assert_int_equal(count(sb.buf, "<th scope=\"row\">"), 3);
	assert_has(sb.buf, TH_COL("Information governance and data sharing agreements"));
	assert_no_nan(sb.buf);
	sb_release(&sb);
}

static void test_scatter(void **state)
{
	struct chart_scatter c = scatter_chart(6);
	struct strbuf sb = STRBUF_INIT;
	const char *g, *cy_hi, *cy_lo;

	(void)state;
	chart_scatter_svg(&sb, &c);
	assert_xml(sb.buf);
	/* three at (4, 4) become one circle counting them */
	g = strstr(sb.buf, "<g class=\"point group\"><title>Ana, Ben, Cai</title>");
	assert_non_null(g);
	assert_has(g, "font-weight=\"bold\" fill=\"#fff\">3</text>");
	assert_has(g, ">Ana + 2 more</text>");
	assert_int_equal(count(sb.buf, "class=\"point"), 3);
	assert_has(sb.buf, "<g class=\"point barrier\"><title>" EVIL_ESC "</title>");
	assert_has(sb.buf, ">1 not shown: no position</text>");
	for (int k = 0; k < 4; k++)
		assert_has(sb.buf, c.quadrant[k]);
	/* higher power is drawn higher up (smaller y) */
	cy_hi = strstr(g, "cy=\"");
	cy_lo = strstr(strstr(sb.buf, "class=\"point barrier\""), "cy=\"");
	assert_true(strtod(cy_hi + 4, NULL) < strtod(cy_lo + 4, NULL));
	sb_reset(&sb);
	chart_scatter_table(&sb, &c);
	assert_xml(sb.buf);
	assert_int_equal(count(sb.buf, "<th scope=\"row\">"), 6);
	assert_has(sb.buf, TH_COL("Interest") TH_COL("Power"));
	assert_has(sb.buf, "<th scope=\"row\">Dee</th>" TD("no data"));
	assert_has(sb.buf, TD("50") TD("-50"));
	sb_release(&sb);
}

static void test_change(void **state)
{
	struct chart_change c = change_chart(4);
	struct strbuf sb = STRBUF_INIT;
	const char *row, *end;

	(void)state;
	chart_change_svg(&sb, &c);
	assert_xml(sb.buf);
	assert_has(sb.buf, "<g class=\"row up\"><title>Leadership: Round 1 2.5,"
		   " Round 2 3.5 (change +1)</title>");
	assert_has(sb.buf, "<g class=\"row down\">");
	assert_has(sb.buf, "<g class=\"row same\">");
	assert_int_equal(count(sb.buf, "marker-end=\"url(#chg-up)\""), 1);
	assert_int_equal(count(sb.buf, "marker-end=\"url(#chg-down)\""), 1);
	assert_has(sb.buf, ">+1</text>");
	assert_has(sb.buf, ">-1</text>");
	/* before missing: only the after circle, no line, no change */
	row = strstr(sb.buf, "<g class=\"row\"><title>" EVIL_ESC
		     ": Round 1 no data, Round 2 3</title>");
	assert_non_null(row);
	end = strstr(row, "</g>");
	assert_true(!strstr(row, "<line") || strstr(row, "<line") > end);
	assert_has(row, ">no data</text></g>");
	assert_int_equal(count(sb.buf, "<circle"), 2 + 7);	/* legend + rows */
	sb_reset(&sb);
	chart_change_table(&sb, &c);
	assert_xml(sb.buf);
	assert_has(sb.buf, TH_COL("Round 1") TH_COL("Round 2") TH_COL("Change"));
	assert_has(sb.buf, TD("2.5") TD("3.5") TD("+1"));
	assert_has(sb.buf, TD("no data") TD("3") TD("no data"));
	sb_release(&sb);
}

static void test_line(void **state)
{
	struct chart_line c = line_chart(2);
	struct strbuf sb = STRBUF_INIT;
	const char *cost, *d;

	(void)state;
	chart_line_svg(&sb, &c);
	assert_xml(sb.buf);
	/* NAN at year 3 breaks the cost line in two */
	cost = strstr(sb.buf, "<g class=\"series cost\"><title>Cumulative cost"
		      "</title><path d=\"M");
	assert_non_null(cost);
	d = strstr(cost, " d=\"") + 4;
	assert_int_equal(count(d, "M") - count(strchr(d, '"'), "M"), 2);
	assert_int_equal(count(sb.buf, "stroke-dasharray=\"6 4\""), 2);	/* path + legend */
	assert_has(sb.buf, ">break-even, year 6</text>");
	assert_has(sb.buf, ">year 6</text>");
	assert_lacks(sb.buf, "off scale");
	sb_reset(&sb);
	chart_line_table(&sb, &c);
	assert_xml(sb.buf);
	/* distinct x in order, named by their ticks, gaps say no data */
	assert_has(sb.buf, "<tr><th scope=\"row\">1</th>" TD("180") TD("no data") "</tr>");
	assert_has(sb.buf, "<tr><th scope=\"row\">year 2</th>" TD("240") TD("90") "</tr>");
	assert_true(strstr(sb.buf, ">year 4<") < strstr(sb.buf, ">5<"));
	assert_int_equal(count(sb.buf, "<th scope=\"row\">"), 8);	/* 0..6, 8 */
	assert_has(sb.buf, "<tfoot><tr><td colspan=\"3\">Marked: break-even,"
		   " year 6</td></tr></tfoot>");
	assert_no_nan(sb.buf);
	sb_release(&sb);
}

static void test_empty(void **state)
{
	struct chart_interval ci = interval_chart(0);
	struct chart_heatmap ch = heat_chart(0);
	struct chart_scatter cs = scatter_chart(0);
	struct chart_change cc = change_chart(0);
	struct chart_line cl = line_chart(0);
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	chart_interval_svg(&sb, &ci);
	chart_heatmap_svg(&sb, &ch);
	chart_scatter_svg(&sb, &cs);
	chart_change_svg(&sb, &cc);
	chart_line_svg(&sb, &cl);
	assert_int_equal(count(sb.buf, ">No data</text>"), 5);
	assert_int_equal(count(sb.buf, "role=\"img\""), 5);
	assert_xml(sb.buf);
	sb_reset(&sb);
	chart_interval_table(&sb, &ci);
	chart_heatmap_table(&sb, &ch);
	chart_scatter_table(&sb, &cs);
	chart_change_table(&sb, &cc);
	chart_line_table(&sb, &cl);
	assert_int_equal(count(sb.buf, ">No data</td></tr>"), 5);
	/* no rows, so no category column: label, value, lower, upper */
	assert_has(sb.buf, "<td colspan=\"4\">No data</td>");
	assert_xml(sb.buf);
	sb_release(&sb);
}

static void test_accessibility_and_ids(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct chart_interval bad = interval_chart(1);
	struct xml x;

	(void)state;
	render_all(&sb);
	bad.frame.id = "a b\"<c";
	chart_interval_svg(&sb, &bad);
	chart_interval_table(&sb, &bad);
	assert_int_equal(xml_check(&x, sb.buf), 0);
	assert_int_equal(count(sb.buf, "<svg "), 6);
	assert_int_equal(count(sb.buf, "<table "), 6);
	assert_int_equal(count(sb.buf, " role=\"img\""), 6);
	assert_int_equal(count(sb.buf, " width=\"100%\""), 6 + 6);	/* + bg */
	for (const char *p = sb.buf; (p = strstr(p, "<svg ")); p++) {
		const char *gt = strchr(p, '>'), *vb = strstr(p, " viewBox=\"0 0 ");

		assert_true(vb && vb < gt);
	}
	assert_has(sb.buf, "aria-labelledby=\"int-title int-desc\"");
	assert_has(sb.buf, "<title id=\"int-title\">Determinant scores</title>"
		   "<desc id=\"int-desc\">");
	assert_has(sb.buf, "id=\"a_b__c\"");
	/* every id unique, every one starts with its chart's prefix */
	for (int i = 0; i < x.nids; i++) {
		static const char *const prefixes[] = { "int", "heat", "sc", "chg", "ln", "a_b__c" };
		int ok = 0;

		for (int j = 0; j < x.nids; j++)
			assert_true(i == j || strcmp(x.ids[i], x.ids[j]));
		for (size_t k = 0; k < 6; k++)
			ok |= !strncmp(x.ids[i], prefixes[k], strlen(prefixes[k]));
		assert_true(ok);
	}
	assert_true(x.nids >= 6 * 4);
	sb_release(&sb);
}

static void test_deterministic_and_utf8(void **state)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct chart_interval_row row = {
		"\xc3\xa9quipe caf\xc3\xa9 " "\xe2\x80\x94 a very long label that "
		"needs cutting short because it will never fit \xc3\xa9\xc3\xa9\xc3\xa9",
		3, 2, 4, NULL, NULL,
	};
	struct chart_interval c = interval_chart(1);

	(void)state;
	render_all(&a);
	render_all(&b);
	assert_string_equal(a.buf, b.buf);
	sb_reset(&a);
	c.rows = &row;
	c.frame.width = 320;
	chart_interval_svg(&a, &c);
	assert_valid_utf8(a.buf);
	assert_has(a.buf, "\xe2\x80\xa6</text>");
	assert_xml(a.buf);
	sb_release(&a);
	sb_release(&b);
}

static void test_bad_scales(void **state)
{
	struct chart_interval ci = interval_chart(5);
	struct chart_line cl = line_chart(2);
	struct chart_heatmap ch = heat_chart(3);
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	ci.scale = (struct chart_scale){ NAN, -INFINITY, 0, INFINITY, "x", NULL };
	cl.y = (struct chart_scale){ 5, 5, -1, NAN, NULL, NULL };
	cl.x = (struct chart_scale){ -1e308, 1e308, 1e-300, 0, "now", NULL };
	cl.mark_x = NAN;
	ch.scale = (struct chart_scale){ 3, 3, 0, 3, NULL, NULL };
	chart_interval_svg(&sb, &ci);
	chart_line_svg(&sb, &cl);
	chart_heatmap_svg(&sb, &ch);
	assert_xml(sb.buf);
	assert_no_nan(sb.buf);
	assert_lacks(sb.buf, "break-even");
	sb_release(&sb);
}

/* With WAYMARK_CHART_SAMPLE=path set, all charts go to one page to look at. */
static void write_sample(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		return;
	}
	sb_adds(&sb, "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
		"<title>charts</title><body style=\"max-width:760px;margin:auto;"
		"font-family:system-ui,sans-serif\">\n");
	render_all(&sb);
	sb_adds(&sb, "</body></html>\n");
	fputs(sb.buf, f);
	fclose(f);
	sb_release(&sb);
}

/*
 * Round scales, worked out by hand (step: the first of 1, 2, 2.5, 5, 10
 * times 10^floor(log10(range / n)) with ceil(hi / step) - floor(lo /
 * step) <= n).
 */
static void test_scale_round(void **state)
{
	struct chart_scale s = { 0, 0, 0, NAN, NULL, "Amount" };

	(void)state;
	/* 0 to 3160000 in 8: 395000 -> 10^5; 1e5: 32, 2e5: 16, 2.5e5: 13,
	 * 5e5: ceil(6.32) = 7 steps: 0 to 3500000 */
	chart_scale_round(&s, 0, 3160000, 8);
	assert_float_equal(s.step, 500000, 1e-6);
	assert_float_equal(s.min, 0, 1e-6);
	assert_float_equal(s.max, 3500000, 1e-6);
	assert_string_equal(s.title, "Amount");
	/* 17.4 to 48.6 in 5: 6.24 -> 1; 1: 49 - 17 = 32, 2: 25 - 8 = 17,
	 * 2.5: 20 - 6 = 14, 5: 10 - 3 = 7, 10: 5 - 1 = 4: 10 to 50 */
	chart_scale_round(&s, 17.4, 48.6, 5);
	assert_float_equal(s.step, 10, 1e-9);
	assert_float_equal(s.min, 10, 1e-9);
	assert_float_equal(s.max, 50, 1e-9);
	/* -0.3 to 0.7 in 4: 0.25 -> 0.1; 0.1: 7 + 3 = 10, 0.2: 4 + 2 = 6,
	 * 0.25: 3 + 2 = 5, 0.5: 2 + 1 = 3: -0.5 to 1 */
	chart_scale_round(&s, -0.3, 0.7, 4);
	assert_float_equal(s.step, 0.5, 1e-12);
	assert_float_equal(s.min, -0.5, 1e-12);
	assert_float_equal(s.max, 1, 1e-12);
	/* ends on whole steps already: 0 to 100 in 5 is 20 a step */
	chart_scale_round(&s, 0, 100, 5);
	assert_float_equal(s.step, 20, 1e-9);
	assert_float_equal(s.max, 100, 1e-9);
	/* nothing to span: 5 to 5 becomes 5 to 6; 0.25 -> 0.1; 0.1: 10,
	 * 0.2: 30 - 25 = 5, 0.25: 24 - 20 = 4 */
	chart_scale_round(&s, 5, 5, 4);
	assert_float_equal(s.step, 0.25, 1e-12);
	assert_float_equal(s.min, 5, 1e-12);
	assert_float_equal(s.max, 6, 1e-12);
	/* not finite: 0 to 1 */
	chart_scale_round(&s, NAN, 3, 0);
	assert_float_equal(s.min, 0, 1e-12);
	assert_float_equal(s.max, 1, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_interval_geometry),
		cmocka_unit_test(test_interval_links_and_table),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_scatter),
		cmocka_unit_test(test_change),
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_accessibility_and_ids),
		cmocka_unit_test(test_deterministic_and_utf8),
		cmocka_unit_test(test_bad_scales),
		cmocka_unit_test(test_scale_round),
	};

	if (getenv("WAYMARK_CHART_SAMPLE"))
		write_sample(getenv("WAYMARK_CHART_SAMPLE"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
