/* chart.c: accessible SVG charts and their HTML table views (see chart.h). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/chart.h"
#include "lib/html.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

#define FONT 16			/* labels */
#define SMALL 14		/* ticks, captions, cell values */
#define CHARW 8.6		/* rough mean glyph width at FONT, to fit text */
#define CHARW_S 7.6		/* the same at SMALL */
#define ROW_H 48		/* one row of an interval or change chart */
#define CELL_W 60
#define CELL_H 40

#define INK "#1a1a1a"
#define MUTED "#595959"		/* 7:1 on white */
#define GRID "#d9d9d9"
#define LINK "#1a5fb4"
#define UP "#2166ac"
#define DOWN "#b35806"
#define NO_DATA "no data"
#define SUPPRESSED "suppressed"
#define ELLIPSIS "\xe2\x80\xa6"

/* Constant attribute sets for <text>. */
#define T_SMALL "font-size=\"14\" fill=\"" MUTED "\""
#define T_MID "text-anchor=\"middle\""
#define T_END "text-anchor=\"end\""

/* ---- numbers and scales ---- */

struct num {
	char s[48];
};

/* v for people: at most two decimals, no trailing zeros, never "nan". */
static struct num num(double v)
{
	struct num n;
	char *end;

	if (!isfinite(v)) {
		snprintf(n.s, sizeof(n.s), "%s", NO_DATA);
		return n;
	}
	if (fabs(v) >= 1e9) {
		snprintf(n.s, sizeof(n.s), "%.3g", v);
		return n;
	}
	snprintf(n.s, sizeof(n.s), "%.2f", v);
	end = n.s + strlen(n.s);
	while (end[-1] == '0')
		*--end = '\0';
	if (end[-1] == '.')
		*--end = '\0';
	if (!strcmp(n.s, "-0"))
		snprintf(n.s, sizeof(n.s), "0");
	return n;
}

/* v for a small cell: one decimal, or three significant digits if large. */
static struct num num_cell(double v)
{
	struct num n;

	if (fabs(v) < 0.05)
		v = 0;
	if (fabs(v) >= 1e4)
		snprintf(n.s, sizeof(n.s), "%.3g", v);
	else
		snprintf(n.s, sizeof(n.s), "%.1f", v);
	return n;
}

/* A signed change such as "+0.5", "-1" or "0". */
static struct num num_signed(double d)
{
	struct num n = num(d), out;

	if (isfinite(d) && d > 0 && strcmp(n.s, "0"))
		snprintf(out.s, sizeof(out.s), "+%.40s", n.s);
	else
		out = n;
	return out;
}

static double clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static struct chart_scale scale_norm(const struct chart_scale *in)
{
	struct chart_scale s = *in;

	if (!isfinite(s.min))
		s.min = 0;
	if (!isfinite(s.max) || !(s.max > s.min))
		s.max = s.min + 1;
	if (!isfinite(s.max - s.min) || !(s.max > s.min)) {
		s.min = 0;
		s.max = 1;
	}
	if (!isfinite(s.step) || s.step <= 0 || (s.max - s.min) / s.step > 50)
		s.step = (s.max - s.min) / 4;
	if (!isfinite(s.ref) || s.ref < s.min || s.ref > s.max)
		s.ref = NAN;
	return s;
}

void chart_scale_round(struct chart_scale *s, double lo, double hi, int n)
{
	static const double nice[] = { 1, 2, 2.5, 5, 10 };
	double mag, step = 1;

	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (!(hi > lo))
		hi = lo + 1;
	if (n < 1)
		n = 1;
	mag = pow(10, floor(log10((hi - lo) / n)));
	for (size_t i = 0; i < sizeof(nice) / sizeof(*nice); i++) {
		step = nice[i] * mag;
		if (ceil(hi / step - 1e-9) - floor(lo / step + 1e-9) <= n)
			break;
	}
	s->min = floor(lo / step + 1e-9) * step;
	s->max = ceil(hi / step - 1e-9) * step;
	s->step = step;
}

/* Where v falls between a (at min) and b (at max); v is clamped. */
static double scale_pos(const struct chart_scale *s, double v, double a, double b)
{
	double t;

	if (!isfinite(v))
		v = s->min;
	t = (clampd(v, s->min, s->max) - s->min) / (s->max - s->min);
	return a + t * (b - a);
}

static size_t tick_count(const struct chart_scale *s)
{
	return (size_t)floor((s->max - s->min) / s->step + 1e-9) + 1;
}

static double tick_at(const struct chart_scale *s, size_t i)
{
	double t = s->min + (double)i * s->step;

	return fabs(t) < s->step * 1e-9 ? 0 : t;
}

/* ---- text ---- */

static size_t u8_chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static size_t fit_chars(double width, double charw)
{
	return width / charw < 2 ? 2 : (size_t)(width / charw);
}

/* Append s escaped, cut to max characters ending in an ellipsis. */
static void txt_fit(struct strbuf *sb, const char *s, size_t max)
{
	size_t i = 0;

	if (!s)
		return;
	if (u8_chars(s) <= max) {
		html_txt(sb, s);
		return;
	}
	for (size_t n = 1; s[i] && n < max; n++)
		for (i++; ((unsigned char)s[i] & 0xC0) == 0x80; i++)
			;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	html_txtn(sb, s, i);
	sb_adds(sb, ELLIPSIS);
}

/*
 * A <text> at (x, y) with constant attributes attrs, holding s cut to fit
 * characters (0: no limit); a cut text keeps its whole in a <title>.
 */
static void text_at(struct strbuf *sb, double x, double y, const char *attrs,
		    const char *s, size_t fit)
{
	sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
	if (attrs && *attrs) {
		sb_addch(sb, ' ');
		sb_adds(sb, attrs);
	}
	sb_addch(sb, '>');
	if (fit && u8_chars(s) > fit)
		html(sb, "<title>%s</title>", s);
	txt_fit(sb, s, fit ? fit : SIZE_MAX);
	sb_adds(sb, "</text>");
}

/* Opens a <line>; the caller adds attributes and closes it with "/>". */
static void line_open(struct strbuf *sb, double xa, double ya, double xb,
		      double yb)
{
	sb_addf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"",
		xa, ya, xb, yb);
}

static void line_at(struct strbuf *sb, double xa, double ya, double xb,
		    double yb, const char *attrs)
{
	line_open(sb, xa, ya, xb, yb);
	sb_addch(sb, ' ');
	sb_adds(sb, attrs);
	sb_adds(sb, "/>");
}

static void circle_at(struct strbuf *sb, double x, double y, double r,
		      const char *fill, const char *stroke)
{
	sb_addf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", x, y, r);
	html(sb, " fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>", fill, stroke);
}

/* The default colour of a row or point class; other classes get dflt. */
static const char *class_colour(const char *cls, const char *dflt)
{
	static const char *const map[][2] = {
		{ "barrier", DOWN }, { "enabler", UP },
		{ "ambivalent", "#7b3294" }, { "neutral", MUTED },
	};

	for (size_t i = 0; cls && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(cls, map[i][0]))
			return map[i][1];
	return dflt;
}

/* Writes class="BASE A B", leaving out A and B when NULL or empty. */
static void class_attr(struct strbuf *sb, const char *base, const char *a,
		       const char *b)
{
	html(sb, " class=\"%s", base);
	if (a && *a)
		html(sb, " %s", a);
	if (b && *b)
		html(sb, " %s", b);
	sb_addch(sb, '"');
}

/* Only relative links and http(s): never "javascript:" and friends. */
static int href_ok(const char *h)
{
	size_t n;

	if (!h || !*h)
		return 0;
	n = strcspn(h, ":/?#");
	if (h[n] != ':')
		return 1;
	return (n == 4 && !strncasecmp(h, "http", 4)) ||
	       (n == 5 && !strncasecmp(h, "https", 5));
}

/* ---- the svg element and the table ---- */

struct chart_id {
	char s[48];
};

static struct chart_id chart_id(const struct chart_frame *f)
{
	struct chart_id id;
	const char *in = f->id && *f->id ? f->id : "chart";
	size_t i;

	for (i = 0; in[i] && i < sizeof(id.s) - 1; i++) {
		unsigned char c = (unsigned char)in[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '-' || c == '_';

		id.s[i] = ok ? (char)c : '_';
	}
	id.s[i] = '\0';
	return id;
}

static double frame_width(const struct chart_frame *f)
{
	int w = f->width ? f->width : CHART_WIDTH;

	return w < 320 ? 320 : w > 1600 ? 1600 : w;
}

static void svg_open(struct strbuf *sb, const struct chart_frame *f,
		     const char *id, const char *kind, double w, double h)
{
	w = ceil(w);
	h = ceil(h);
	html(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\""
	     " class=\"chart chart-%s\"", id, kind);
	/* no style attribute: pages forbid inline styles (CSP); app.css
	 * keeps the chart from growing past its natural size */
	sb_addf(sb, " viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" height=\"%.0f\""
		" data-width=\"%.0f\"", w, h, h, w);
	html(sb, " role=\"img\" aria-labelledby=\"%s-title %s-desc\""
	     " font-family=\"system-ui, sans-serif\" font-size=\"16\""
	     " fill=\"" INK "\">", id, id);
	html(sb, "<title id=\"%s-title\">%s</title><desc id=\"%s-desc\">%s</desc>",
	     id, f->title, id, f->desc);
	sb_adds(sb, "<rect class=\"bg\" width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
}

static void svg_close(struct strbuf *sb)
{
	sb_adds(sb, "</svg>\n");
}

static void svg_empty(struct strbuf *sb, const struct chart_frame *f,
		      const char *kind)
{
	struct chart_id id = chart_id(f);
	double w = frame_width(f);

	svg_open(sb, f, id.s, kind, w, 72);
	text_at(sb, w / 2, 42, T_MID " class=\"nodata\" fill=\"" MUTED "\"",
		"No data", 0);
	svg_close(sb);
}

static void table_open(struct strbuf *sb, const struct chart_frame *f,
		       const char *kind)
{
	struct chart_id id = chart_id(f);

	html(sb, "<table class=\"chart-table chart-%s\" id=\"%s-table\">"
	     "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>",
	     kind, id.s, f->title, f->row_heading ? f->row_heading : "Item");
}

static void th_col(struct strbuf *sb, const char *s)
{
	html(sb, "<th scope=\"col\">%s</th>", s);
}

/* Ends the head row and opens the body. */
static void table_body(struct strbuf *sb)
{
	sb_adds(sb, "</tr></thead>\n<tbody>\n");
}

static void th_row(struct strbuf *sb, const char *s)
{
	html(sb, "<tr><th scope=\"row\">%s</th>", s);
}

static void td_num(struct strbuf *sb, double v)
{
	html(sb, "<td class=\"num\">%s</td>", num(v).s);
}

static void table_close(struct strbuf *sb, size_t nrows, size_t ncols)
{
	if (!nrows)
		html(sb, "<tr><td colspan=\"%z\">No data</td></tr>\n", ncols);
	sb_adds(sb, "</tbody></table>\n");
}

/* ---- row charts (interval and change) ---- */

struct rows {
	struct chart_scale s;
	double w, x0, x1;	/* viewBox width and the plot's span */
	double top;		/* y of the first row */
	size_t n;
};

static struct rows rows_layout(const struct chart_frame *f,
			       const struct chart_scale *scale, double top,
			       size_t n)
{
	struct rows g;

	g.s = scale_norm(scale);
	g.w = frame_width(f);
	g.x0 = CHART_PAD;
	g.x1 = g.w - CHART_VALUE_W;
	g.top = top + (isnan(g.s.ref) || !g.s.ref_label ? 0 : 18);
	g.n = n;
	return g;
}

static double rows_bottom(const struct rows *g)
{
	return g->top + (double)g->n * ROW_H;
}

static double rows_height(const struct rows *g)
{
	return rows_bottom(g) + (g->s.title ? 58 : 34);
}

static double rows_x(const struct rows *g, double v)
{
	return scale_pos(&g->s, v, g->x0, g->x1);
}

/* Grid, ticks, reference line and axis title. */
static void rows_axes(struct strbuf *sb, const struct rows *g)
{
	double yb = rows_bottom(g);
	size_t nt = tick_count(&g->s);

	sb_adds(sb, "<g class=\"axis\">");
	for (size_t i = 0; i < nt; i++) {
		double x = rows_x(g, tick_at(&g->s, i));

		line_at(sb, x, g->top - 4, x, yb, "stroke=\"" GRID "\"");
		text_at(sb, x, yb + 20, T_SMALL " " T_MID,
			num(tick_at(&g->s, i)).s, 0);
	}
	if (!isnan(g->s.ref)) {
		double x = rows_x(g, g->s.ref);

		line_at(sb, x, g->top - 8, x, yb, "class=\"ref\" stroke=\"" MUTED
			"\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"");
		if (g->s.ref_label)
			text_at(sb, x, g->top - 12, T_SMALL " " T_MID,
				g->s.ref_label, 20);
	}
	if (g->s.title)
		text_at(sb, (g->x0 + g->x1) / 2, yb + 46, T_MID, g->s.title, 0);
	sb_adds(sb, "</g>");
}

/* The row's label on its own line, a link when href is safe. */
static void row_label(struct strbuf *sb, const struct rows *g, double y,
		      const char *label, const char *href)
{
	size_t fit = fit_chars(g->w - 2 * CHART_PAD, CHARW);

	if (href_ok(href)) {
		html(sb, "<a href=\"%s\">", href);
		text_at(sb, g->x0, y + 18, "fill=\"" LINK
			"\" text-decoration=\"underline\"", label, fit);
		sb_adds(sb, "</a>");
	} else {
		text_at(sb, g->x0, y + 18, "", label, fit);
	}
}

static void row_nodata(struct strbuf *sb, const struct rows *g, double y)
{
	text_at(sb, g->x0, y + 39, "class=\"nodata\" font-style=\"italic\" "
		T_SMALL, NO_DATA, 0);
}

static void row_value(struct strbuf *sb, const struct rows *g, double y,
		      const char *text)
{
	text_at(sb, g->w - 8, y + 39, "class=\"value\" " T_END, text, 0);
}

/* ---- interval chart ---- */

static void interval_summary(struct strbuf *out, const struct chart_interval_row *r)
{
	sb_addf(out, "%s: %s", r->label ? r->label : "", num(r->value).s);
	if (isfinite(r->value) && (isfinite(r->low) || isfinite(r->high)))
		sb_addf(out, " (interval %s to %s)", num(r->low).s, num(r->high).s);
}

static void interval_whisker(struct strbuf *sb, const struct rows *g,
			     const struct chart_interval_row *r, double y,
			     const char *colour)
{
	double lo = rows_x(g, isfinite(r->low) ? r->low : r->value);
	double hi = rows_x(g, isfinite(r->high) ? r->high : r->value);

	if (hi - lo < 0.5)
		return;
	sb_addf(sb, "<path class=\"whisker\" d=\"M%.1f %.1fv12M%.1f %.1fH%.1fM%.1f %.1fv12\"",
		lo, y - 6, lo, y, hi, hi, y - 6);
	html(sb, " stroke=\"%s\" stroke-width=\"2\" fill=\"none\"/>", colour);
}

static void interval_row(struct strbuf *sb, const struct rows *g,
			 const struct chart_interval_row *r, double y)
{
	const char *colour = class_colour(r->cls, INK);
	struct strbuf sum = STRBUF_INIT;

	interval_summary(&sum, r);
	sb_adds(sb, "<g");
	class_attr(sb, "row", r->cls, NULL);
	html(sb, "><title>%s</title>", sum.buf);
	sb_release(&sum);
	row_label(sb, g, y, r->label, r->href);
	if (!isfinite(r->value)) {
		row_nodata(sb, g, y);
	} else {
		interval_whisker(sb, g, r, y + 34, colour);
		circle_at(sb, rows_x(g, r->value), y + 34, 6, colour, "#fff");
		row_value(sb, g, y, num(r->value).s);
	}
	sb_adds(sb, "</g>\n");
}

void chart_interval_svg(struct strbuf *sb, const struct chart_interval *c)
{
	struct chart_id id = chart_id(&c->frame);
	struct rows g = rows_layout(&c->frame, &c->scale, 16, c->n);

	if (!c->n) {
		svg_empty(sb, &c->frame, "interval");
		return;
	}
	svg_open(sb, &c->frame, id.s, "interval", g.w, rows_height(&g));
	rows_axes(sb, &g);
	for (size_t i = 0; i < c->n; i++)
		interval_row(sb, &g, &c->rows[i], g.top + (double)i * ROW_H);
	svg_close(sb);
}

void chart_interval_table(struct strbuf *sb, const struct chart_interval *c)
{
	int cats = 0;

	for (size_t i = 0; i < c->n; i++)
		cats |= c->rows[i].cls && *c->rows[i].cls;
	table_open(sb, &c->frame, "interval");
	th_col(sb, "Value");
	th_col(sb, "Lower");
	th_col(sb, "Upper");
	if (cats)
		th_col(sb, "Category");
	table_body(sb);
	for (size_t i = 0; i < c->n; i++) {
		const struct chart_interval_row *r = &c->rows[i];

		if (href_ok(r->href))
			html(sb, "<tr><th scope=\"row\"><a href=\"%s\">%s</a></th>",
			     r->href, r->label);
		else
			th_row(sb, r->label);
		td_num(sb, r->value);
		td_num(sb, isfinite(r->value) ? r->low : NAN);
		td_num(sb, isfinite(r->value) ? r->high : NAN);
		if (cats)
			html(sb, "<td>%s</td>", r->cls);
		sb_adds(sb, "</tr>\n");
	}
	table_close(sb, c->n, cats ? 5 : 4);
}

/* ---- change chart ---- */

/* Which way a row moved: its class, colour and arrowhead. */
struct dir {
	const char *name, *colour;
};

static const struct dir dir_none = { NULL, MUTED }, dir_same = { "same", MUTED },
			dir_up = { "up", UP }, dir_down = { "down", DOWN };

static const struct dir *change_dir(const struct rows *g, double d)
{
	if (!isfinite(d))
		return &dir_none;
	if (fabs(d) < 0.01 * (g->s.max - g->s.min))
		return &dir_same;
	return d > 0 ? &dir_up : &dir_down;
}

static void change_dumbbell(struct strbuf *sb, const struct rows *g,
			    const char *id, const struct chart_change_row *r,
			    double y, const struct dir *dir)
{
	const char *colour = dir->colour;
	double bx = rows_x(g, r->before), ax = rows_x(g, r->after);

	if (isfinite(r->before) && isfinite(r->after)) {
		double sign = ax > bx ? 1 : -1;
		int arrow = (dir == &dir_up || dir == &dir_down) && fabs(ax - bx) > 16;

		line_open(sb, bx, y, arrow ? ax - sign * 9 : ax, y);
		html(sb, " stroke=\"%s\" stroke-width=\"3\"", colour);
		if (arrow)
			html(sb, " marker-end=\"url(#%s-%s)\"", id, dir->name);
		sb_adds(sb, "/>");
	}
	if (isfinite(r->before))
		circle_at(sb, bx, y, 6, "#fff", colour);
	if (isfinite(r->after))
		circle_at(sb, ax, y, 6, colour, colour);
}

static void change_row(struct strbuf *sb, const struct rows *g, const char *id,
		       const struct chart_change_row *r, double y,
		       const struct chart_change *c)
{
	double d = r->after - r->before;
	const struct dir *dir = change_dir(g, d);
	struct strbuf sum = STRBUF_INIT;

	sb_addf(&sum, "%s: %s %s, %s %s", r->label ? r->label : "",
		c->before_name ? c->before_name : "Before", num(r->before).s,
		c->after_name ? c->after_name : "After", num(r->after).s);
	if (dir->name)
		sb_addf(&sum, " (change %s)", num_signed(d).s);
	sb_adds(sb, "<g");
	class_attr(sb, "row", dir->name, r->cls);
	html(sb, "><title>%s</title>", sum.buf);
	sb_release(&sum);
	row_label(sb, g, y, r->label, NULL);
	if (!isfinite(r->before) && !isfinite(r->after))
		row_nodata(sb, g, y);
	else
		change_dumbbell(sb, g, id, r, y + 34, dir);
	row_value(sb, g, y, dir->name ? num_signed(d).s : NO_DATA);
	sb_adds(sb, "</g>\n");
}

static void change_defs(struct strbuf *sb, const char *id)
{
	const struct dir *dirs[] = { &dir_up, &dir_down };

	sb_adds(sb, "<defs>");
	for (size_t i = 0; i < 2; i++)
		html(sb, "<marker id=\"%s-%s\" viewBox=\"0 0 10 10\" refX=\"10\""
		     " refY=\"5\" markerWidth=\"4\" markerHeight=\"4\""
		     " orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"%s\"/>"
		     "</marker>", id, dirs[i]->name, dirs[i]->colour);
	sb_adds(sb, "</defs>");
}

/* "o Round 1   * Round 2" above the rows. */
static void change_legend(struct strbuf *sb, const struct chart_change *c)
{
	const char *b = c->before_name ? c->before_name : "Before";
	const char *a = c->after_name ? c->after_name : "After";
	double x = CHART_PAD + 6;

	sb_adds(sb, "<g class=\"legend\">");
	circle_at(sb, x, 15, 6, "#fff", MUTED);
	text_at(sb, x + 12, 20, T_SMALL, b, 24);
	x += 12 + (double)(u8_chars(b) > 24 ? 24 : u8_chars(b)) * CHARW_S + 24;
	circle_at(sb, x, 15, 6, MUTED, MUTED);
	text_at(sb, x + 12, 20, T_SMALL, a, 24);
	sb_adds(sb, "</g>");
}

void chart_change_svg(struct strbuf *sb, const struct chart_change *c)
{
	struct chart_id id = chart_id(&c->frame);
	struct rows g = rows_layout(&c->frame, &c->scale, 44, c->n);

	if (!c->n) {
		svg_empty(sb, &c->frame, "change");
		return;
	}
	svg_open(sb, &c->frame, id.s, "change", g.w, rows_height(&g));
	change_defs(sb, id.s);
	change_legend(sb, c);
	rows_axes(sb, &g);
	for (size_t i = 0; i < c->n; i++)
		change_row(sb, &g, id.s, &c->rows[i],
			   g.top + (double)i * ROW_H, c);
	svg_close(sb);
}

void chart_change_table(struct strbuf *sb, const struct chart_change *c)
{
	table_open(sb, &c->frame, "change");
	th_col(sb, c->before_name ? c->before_name : "Before");
	th_col(sb, c->after_name ? c->after_name : "After");
	th_col(sb, "Change");
	table_body(sb);
	for (size_t i = 0; i < c->n; i++) {
		const struct chart_change_row *r = &c->rows[i];

		th_row(sb, r->label);
		td_num(sb, r->before);
		td_num(sb, r->after);
		html(sb, "<td class=\"num\">%s</td></tr>\n",
		     num_signed(r->after - r->before).s);
	}
	table_close(sb, c->n, 4);
}

/* ---- heat map ---- */

struct rgb {
	double r, g, b;
};

static const struct rgb heat_low = { 179, 88, 6 };
static const struct rgb heat_mid = { 247, 247, 247 };
static const struct rgb heat_high = { 33, 102, 172 };

static double channel_lum(double c)
{
	c /= 255;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/*
 * The fill for v, diverging from mid, and the ink (black or white) with
 * the higher WCAG contrast on it; the better of the two is always >= 4.58.
 */
static void heat_colours(const struct chart_scale *s, double mid, double v,
			 char fill[8], char ink[8])
{
	const struct rgb *end = v < mid ? &heat_low : &heat_high;
	double span = v < mid ? mid - s->min : s->max - mid;
	double t = span > 0 ? fabs(clampd(v, s->min, s->max) - mid) / span : 0;
	struct rgb c = {
		heat_mid.r + t * (end->r - heat_mid.r),
		heat_mid.g + t * (end->g - heat_mid.g),
		heat_mid.b + t * (end->b - heat_mid.b),
	};
	double lum = 0.2126 * channel_lum(round(c.r)) +
		     0.7152 * channel_lum(round(c.g)) +
		     0.0722 * channel_lum(round(c.b));

	snprintf(fill, 8, "#%02x%02x%02x", (unsigned)lround(c.r) & 0xff,
		 (unsigned)lround(c.g) & 0xff, (unsigned)lround(c.b) & 0xff);
	snprintf(ink, 8, "%s", (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ?
		 "#000000" : "#ffffff");
}

struct heat {
	struct chart_scale s;
	double mid;
	size_t rchars, cchars;	/* label lengths drawn */
	double left, top, w, h;
};

static size_t longest(const char *const *labels, size_t n, size_t cap)
{
	size_t m = 1;

	for (size_t i = 0; i < n; i++)
		if (u8_chars(labels[i]) > m)
			m = u8_chars(labels[i]);
	return m > cap ? cap : m;
}

static double heat_legend_width(const struct chart_heatmap *c)
{
	return (double)(u8_chars(c->low_label) + u8_chars(c->high_label)) *
		       CHARW_S + 16 + 5 * 44;
}

static struct heat heat_layout(const struct chart_heatmap *c)
{
	struct heat h;
	double rise, grid_w;

	h.s = scale_norm(&c->scale);
	h.mid = isnan(h.s.ref) ? (h.s.min + h.s.max) / 2 : h.s.ref;
	h.rchars = longest(c->row_labels, c->nrows, 24);
	h.cchars = longest(c->col_labels, c->ncols, 28);
	rise = (double)h.cchars * CHARW_S * 0.7071;
	h.left = CHART_PAD + (double)h.rchars * CHARW_S + 8;
	h.top = rise + 16;
	grid_w = h.left + (double)c->ncols * CELL_W +
		 fmax(CHART_PAD, rise - CELL_W / 2.0 + 8);
	h.w = fmax(grid_w, heat_legend_width(c) + 2 * CHART_PAD);
	h.w = fmax(h.w, 200 + 2 * CHART_PAD);
	h.h = h.top + (double)c->nrows * CELL_H + 16 + 28 + 8 + 24 + 12;
	return h;
}

static void heat_defs(struct strbuf *sb, const char *id)
{
	html(sb, "<defs><pattern id=\"%s-hatch\" width=\"8\" height=\"8\""
	     " patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	     "<rect width=\"8\" height=\"8\" fill=\"#ececec\"/>"
	     "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#c4c4c4\""
	     " stroke-width=\"3\"/></pattern></defs>", id);
}

static void heat_col_labels(struct strbuf *sb, const struct chart_heatmap *c,
			    const struct heat *h)
{
	sb_adds(sb, "<g class=\"cols\">");
	for (size_t j = 0; j < c->ncols; j++) {
		double x = h->left + ((double)j + 0.5) * CELL_W, y = h->top - 8;

		sb_addf(sb, "<g transform=\"rotate(-45 %.1f %.1f)\">", x, y);
		text_at(sb, x, y, T_SMALL, c->col_labels[j], h->cchars);
		sb_adds(sb, "</g>");
	}
	sb_adds(sb, "</g>\n");
}

static void heat_cell(struct strbuf *sb, const struct chart_heatmap *c,
		      const struct heat *h, const char *id, size_t i, size_t j)
{
	double v = c->values[i * c->ncols + j];
	double x = h->left + (double)j * CELL_W;
	double y = h->top + (double)i * CELL_H;
	char fill[8], ink[8];

	html(sb, "<g class=\"cell%s\"><title>%s, %s: %s</title>",
	     isfinite(v) ? "" : " suppressed", c->row_labels[i],
	     c->col_labels[j], isfinite(v) ? num(v).s : "suppressed or missing");
	sb_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\""
		" stroke=\"#fff\" stroke-width=\"2\"", x, y, CELL_W, CELL_H);
	if (!isfinite(v)) {
		html(sb, " fill=\"url(#%s-hatch)\"/>", id);
		text_at(sb, x + CELL_W / 2.0, y + CELL_H / 2.0 + 5,
			T_MID " class=\"marker\" fill=\"" INK "\" font-size=\"14\"",
			"\xe2\x80\x94", 0);
	} else {
		heat_colours(&h->s, h->mid, v, fill, ink);
		html(sb, " fill=\"%s\"/>", fill);
		sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" " T_MID
			" font-size=\"14\" fill=\"%s\">%s</text>",
			x + CELL_W / 2.0, y + CELL_H / 2.0 + 5, ink, num_cell(v).s);
	}
	sb_adds(sb, "</g>");
}

static void heat_swatch(struct strbuf *sb, const struct heat *h, double x,
			double y, double v)
{
	char fill[8], ink[8];

	heat_colours(&h->s, h->mid, v, fill, ink);
	sb_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"44\" height=\"28\"", x, y);
	html(sb, " fill=\"%s\"/>", fill);
	html(sb, "<text x=\"%g\" y=\"%g\" " T_MID " font-size=\"14\" fill=\"%s\">%s</text>",
	     x + 22, y + 19, ink, num(v).s);
}

static void heat_legend(struct strbuf *sb, const struct chart_heatmap *c,
			const struct heat *h, const char *id)
{
	double y = h->top + (double)c->nrows * CELL_H + 16, x = CHART_PAD;
	double at[5] = { h->s.min, (h->s.min + h->mid) / 2, h->mid,
			 (h->mid + h->s.max) / 2, h->s.max };

	sb_adds(sb, "<g class=\"legend\">");
	if (c->low_label) {
		text_at(sb, x, y + 19, T_SMALL, c->low_label, 0);
		x += (double)u8_chars(c->low_label) * CHARW_S + 8;
	}
	for (size_t i = 0; i < 5; i++, x += 44)
		heat_swatch(sb, h, x, y, at[i]);
	if (c->high_label)
		text_at(sb, x + 8, y + 19, T_SMALL, c->high_label, 0);
	y += 36;
	sb_addf(sb, "<rect x=\"%d\" y=\"%.1f\" width=\"24\" height=\"20\"",
		CHART_PAD, y);
	html(sb, " fill=\"url(#%s-hatch)\"/>", id);
	text_at(sb, CHART_PAD + 32, y + 15, T_SMALL, "\xe2\x80\x94 suppressed or missing", 0);
	sb_adds(sb, "</g>\n");
}

void chart_heatmap_svg(struct strbuf *sb, const struct chart_heatmap *c)
{
	struct chart_id id = chart_id(&c->frame);
	struct heat h;

	if (!c->nrows || !c->ncols) {
		svg_empty(sb, &c->frame, "heatmap");
		return;
	}
	h = heat_layout(c);
	svg_open(sb, &c->frame, id.s, "heatmap", h.w, h.h);
	heat_defs(sb, id.s);
	heat_col_labels(sb, c, &h);
	sb_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
		" fill=\"none\" stroke=\"#bdbdbd\"/>", h.left - 1, h.top - 1,
		(double)c->ncols * CELL_W + 2, (double)c->nrows * CELL_H + 2);
	for (size_t i = 0; i < c->nrows; i++) {
		text_at(sb, h.left - 8, h.top + (double)i * CELL_H + CELL_H / 2.0 + 5,
			T_END, c->row_labels[i], h.rchars);
		for (size_t j = 0; j < c->ncols; j++)
			heat_cell(sb, c, &h, id.s, i, j);
		sb_addch(sb, '\n');
	}
	heat_legend(sb, c, &h, id.s);
	svg_close(sb);
}

void chart_heatmap_table(struct strbuf *sb, const struct chart_heatmap *c)
{
	size_t nrows = c->ncols ? c->nrows : 0;

	table_open(sb, &c->frame, "heatmap");
	for (size_t j = 0; j < c->ncols; j++)
		th_col(sb, c->col_labels[j]);
	table_body(sb);
	for (size_t i = 0; i < nrows; i++) {
		th_row(sb, c->row_labels[i]);
		for (size_t j = 0; j < c->ncols; j++) {
			double v = c->values[i * c->ncols + j];

			if (isfinite(v))
				td_num(sb, v);
			else
				sb_adds(sb, "<td class=\"suppressed\">" SUPPRESSED "</td>");
		}
		sb_adds(sb, "</tr>\n");
	}
	table_close(sb, nrows, c->ncols + 1);
}

/* ---- plots with two axes (scatter and line) ---- */

struct tickv {
	double at;
	struct num n;
	const char *label;
};

struct axes {
	struct chart_scale xs, ys;
	struct tickv *xt, *yt;
	size_t nx, ny;
	double x0, y0, x1, y1;	/* the plot area */
	double ix, iy;		/* inset of the scale ends from its edges */
	double w, h;
};

static struct tickv *ticks_from_scale(const struct chart_scale *s, size_t *n)
{
	struct tickv *t;

	*n = tick_count(s);
	t = xcalloc(*n, sizeof(*t));
	for (size_t i = 0; i < *n; i++) {
		t[i].at = tick_at(s, i);
		t[i].n = num(t[i].at);
		t[i].label = t[i].n.s;
	}
	return t;
}

static struct tickv *ticks_given(const struct chart_scale *s,
				 const struct chart_tick *in, size_t nin,
				 size_t *n)
{
	struct tickv *t = xcalloc(nin ? nin : 1, sizeof(*t));

	*n = 0;
	for (size_t i = 0; i < nin; i++) {
		if (!isfinite(in[i].at) || in[i].at < s->min || in[i].at > s->max)
			continue;
		t[*n].at = in[i].at;
		t[*n].label = in[i].label ? in[i].label : "";
		(*n)++;
	}
	return t;
}

static void axes_init(struct axes *a, const struct chart_scale *xs,
		      const struct chart_scale *ys,
		      const struct chart_tick *xticks, size_t nxticks)
{
	memset(a, 0, sizeof(*a));
	a->xs = scale_norm(xs);
	a->ys = scale_norm(ys);
	a->xt = nxticks ? ticks_given(&a->xs, xticks, nxticks, &a->nx) :
			  ticks_from_scale(&a->xs, &a->nx);
	a->yt = ticks_from_scale(&a->ys, &a->ny);
}

static void axes_release(struct axes *a)
{
	free(a->xt);
	free(a->yt);
}

/* Left edge of the plot: room for the y title and tick labels. */
static double axes_left(const struct axes *a)
{
	size_t m = 1;

	for (size_t i = 0; i < a->ny; i++)
		if (u8_chars(a->yt[i].label) > m)
			m = u8_chars(a->yt[i].label);
	return CHART_PAD + (a->ys.title ? 26 : 0) + (double)m * CHARW_S + 10;
}

static double ax_x(const struct axes *a, double v)
{
	return scale_pos(&a->xs, v, a->x0 + a->ix, a->x1 - a->ix);
}

static double ax_y(const struct axes *a, double v)
{
	return scale_pos(&a->ys, v, a->y1 - a->iy, a->y0 + a->iy);
}

/* Every how many x ticks to label so that the labels do not overlap. */
static size_t x_label_every(const struct axes *a)
{
	double widest = 0, gap = HUGE_VAL;

	for (size_t i = 0; i < a->nx; i++) {
		widest = fmax(widest, (double)u8_chars(a->xt[i].label) * CHARW_S);
		if (i)
			gap = fmin(gap, fabs(ax_x(a, a->xt[i].at) -
					     ax_x(a, a->xt[i - 1].at)));
	}
	if (a->nx < 2 || gap <= 0)
		return 1;
	return (size_t)ceil((widest + 8) / gap);
}

static void axes_draw(struct strbuf *sb, const struct axes *a)
{
	size_t every = x_label_every(a);
	double half;

	sb_adds(sb, "<g class=\"axis\">");
	for (size_t i = 0; i < a->ny; i++) {
		double y = ax_y(a, a->yt[i].at);

		line_at(sb, a->x0, y, a->x1, y, "stroke=\"" GRID "\"");
		text_at(sb, a->x0 - 8, y + 5, T_SMALL " " T_END, a->yt[i].label, 0);
	}
	for (size_t i = 0; i < a->nx; i++) {
		double x = ax_x(a, a->xt[i].at);

		line_at(sb, x, a->y0, x, a->y1, "stroke=\"" GRID "\"");
		/* a label at either end stays inside the picture */
		half = (double)(u8_chars(a->xt[i].label) > 16 ? 16 :
				u8_chars(a->xt[i].label)) * CHARW_S / 2 + 4;
		if (i % every == 0)
			text_at(sb, fmax(half, fmin(x, a->w - half)), a->y1 + 20,
				T_SMALL " " T_MID, a->xt[i].label, 16);
	}
	sb_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
		" fill=\"none\" stroke=\"" MUTED "\"/>",
		a->x0, a->y0, a->x1 - a->x0, a->y1 - a->y0);
	if (a->xs.title)
		text_at(sb, (a->x0 + a->x1) / 2, a->y1 + 46, T_MID, a->xs.title, 0);
	if (a->ys.title) {
		double x = CHART_PAD + 8, y = (a->y0 + a->y1) / 2;

		sb_addf(sb, "<g transform=\"rotate(-90 %.1f %.1f)\">", x, y);
		text_at(sb, x, y, T_MID, a->ys.title, 0);
		sb_adds(sb, "</g>");
	}
	sb_adds(sb, "</g>\n");
}

/* ---- scatter grid ---- */

struct spot {
	double x, y, r;
	size_t first, count;
};

struct box {
	double l, t, r, b;
};

static int box_clash(const struct box *a, const struct box *b)
{
	return a->l < b->r && b->l < a->r && a->t < b->b && b->t < a->b;
}

/* Merge points that land within 4 units of each other; returns the count. */
static size_t scatter_spots(const struct chart_scatter *c, const struct axes *a,
			    struct spot *spots, size_t *of)
{
	size_t ns = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct chart_point *p = &c->points[i];
		double x, y;
		size_t k;

		of[i] = SIZE_MAX;
		if (!isfinite(p->x) || !isfinite(p->y))
			continue;
		x = ax_x(a, p->x);
		y = ax_y(a, p->y);
		for (k = 0; k < ns; k++)
			if (fabs(spots[k].x - x) < 4 && fabs(spots[k].y - y) < 4)
				break;
		if (k == ns)
			spots[ns++] = (struct spot){ x, y, 7, i, 0 };
		spots[k].count++;
		spots[k].r = spots[k].count > 1 ? 12 : 7;
		of[i] = k;
	}
	return ns;
}

struct placed {
	struct box *boxes;
	size_t n;
	struct box bounds;
};

/* Try right, left, above, below; take the first place free of clashes. */
static void label_place(struct placed *pl, const struct spot *s, double lw,
			double *x, double *y, const char **anchor)
{
	static const char *const anchors[] = { "", T_END, T_MID, T_MID };
	double xs[4] = { s->x + s->r + 4, s->x - s->r - 4, s->x, s->x };
	double ys[4] = { s->y + 5, s->y + 5, s->y - s->r - 6, s->y + s->r + 16 };
	double ls[4] = { xs[0], xs[1] - lw, s->x - lw / 2, s->x - lw / 2 };
	int pick = -1, inside = -1;

	for (int k = 0; k < 4 && pick < 0; k++) {
		struct box b = { ls[k], ys[k] - 13, ls[k] + lw, ys[k] + 3 };
		int ok = b.l >= pl->bounds.l && b.r <= pl->bounds.r &&
			 b.t >= pl->bounds.t && b.b <= pl->bounds.b;

		if (ok && inside < 0)
			inside = k;
		for (size_t i = 0; ok && i < pl->n; i++)
			ok = !box_clash(&b, &pl->boxes[i]);
		if (ok)
			pick = k;
	}
	if (pick < 0)	/* crowded: overlap rather than leave the chart */
		pick = inside < 0 ? 0 : inside;
	*x = xs[pick];
	*y = ys[pick];
	*anchor = anchors[pick];
	pl->boxes[pl->n++] = (struct box){ ls[pick], ys[pick] - 13,
					   ls[pick] + lw, ys[pick] + 3 };
}

static void scatter_spot(struct strbuf *sb, const struct chart_scatter *c,
			 const struct spot *s, const size_t *of, size_t k,
			 struct placed *pl)
{
	const struct chart_point *first = &c->points[s->first];
	const char *colour = class_colour(first->cls, UP);
	struct strbuf names = STRBUF_INIT, label = STRBUF_INIT;
	const char *anchor;
	double x, y;

	for (size_t i = s->first; i < c->n; i++)
		if (of[i] == k)
			sb_addf(&names, "%s%s", names.len ? ", " : "",
				c->points[i].label ? c->points[i].label : "");
	sb_adds(&label, first->label ? first->label : "");
	if (s->count > 1)
		sb_addf(&label, " + %zu more", s->count - 1);
	sb_adds(sb, "<g");
	class_attr(sb, "point", s->count > 1 ? "group" : NULL, first->cls);
	html(sb, "><title>%s</title>", names.buf);
	circle_at(sb, s->x, s->y, s->r, colour, "#fff");
	if (s->count > 1)
		sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" " T_MID " font-size=\"14\""
			" font-weight=\"bold\" fill=\"#fff\">%zu</text>",
			s->x, s->y + 5, s->count);
	label_place(pl, s, (double)(u8_chars(label.buf) > 24 ? 24 :
			    u8_chars(label.buf)) * CHARW_S, &x, &y, &anchor);
	text_at(sb, x, y, anchor, label.buf, 24);
	sb_adds(sb, "</g>\n");
	sb_release(&names);
	sb_release(&label);
}

/* Where quadrant caption k goes, and the box it covers. */
static struct box quadrant_box(const struct axes *a, const char *caption,
			       int k, double *x, double *y)
{
	size_t fit = fit_chars((a->x1 - a->x0) / 2 - 16, CHARW_S);
	double lw = (double)(u8_chars(caption) > fit ? fit : u8_chars(caption)) * CHARW_S;
	int right = k & 1;

	*x = right ? a->x1 - 8 : a->x0 + 8;
	*y = k < 2 ? a->y0 + 20 : a->y1 - 10;
	return (struct box){ right ? *x - lw : *x, *y - 14, right ? *x : *x + lw,
			     *y + 4 };
}

static void scatter_quadrants(struct strbuf *sb, const struct chart_scatter *c,
			      const struct axes *a)
{
	double sx = ax_x(a, isnan(a->xs.ref) ? (a->xs.min + a->xs.max) / 2 : a->xs.ref);
	double sy = ax_y(a, isnan(a->ys.ref) ? (a->ys.min + a->ys.max) / 2 : a->ys.ref);
	const char *split = "class=\"split\" stroke=\"#8c8c8c\" stroke-width=\"1.5\"";
	size_t fit = fit_chars((a->x1 - a->x0) / 2 - 16, CHARW_S);

	line_at(sb, sx, a->y0, sx, a->y1, split);
	line_at(sb, a->x0, sy, a->x1, sy, split);
	for (int k = 0; k < 4; k++) {
		double x, y;

		if (!c->quadrant[k])
			continue;
		quadrant_box(a, c->quadrant[k], k, &x, &y);
		text_at(sb, x, y, k & 1 ? "class=\"quadrant\" font-style=\"italic\" "
			T_SMALL " " T_END : "class=\"quadrant\" font-style=\"italic\" "
			T_SMALL, c->quadrant[k], fit);
	}
}

static void scatter_points(struct strbuf *sb, const struct chart_scatter *c,
			   const struct axes *a)
{
	struct spot *spots = xcalloc(c->n, sizeof(*spots));
	size_t *of = xcalloc(c->n, sizeof(*of));
	size_t ns = scatter_spots(c, a, spots, of);
	struct placed pl = { xcalloc(2 * ns + 4, sizeof(struct box)), 0,
			     { a->x0 + 2, a->y0 + 2, a->w - 2, a->y1 - 2 } };

	for (int k = 0; k < 4; k++) {
		double x, y;

		if (c->quadrant[k])
			pl.boxes[pl.n++] = quadrant_box(a, c->quadrant[k], k, &x, &y);
	}
	for (size_t k = 0; k < ns; k++)
		pl.boxes[pl.n++] = (struct box){ spots[k].x - spots[k].r,
			spots[k].y - spots[k].r, spots[k].x + spots[k].r,
			spots[k].y + spots[k].r };
	for (size_t k = 0; k < ns; k++)
		scatter_spot(sb, c, &spots[k], of, k, &pl);
	free(pl.boxes);
	free(spots);
	free(of);
}

static size_t scatter_unplaced(const struct chart_scatter *c)
{
	size_t m = 0;

	for (size_t i = 0; i < c->n; i++)
		m += !isfinite(c->points[i].x) || !isfinite(c->points[i].y);
	return m;
}

void chart_scatter_svg(struct strbuf *sb, const struct chart_scatter *c)
{
	struct chart_id id = chart_id(&c->frame);
	size_t unplaced = scatter_unplaced(c);
	struct axes a;

	if (!c->n) {
		svg_empty(sb, &c->frame, "scatter");
		return;
	}
	axes_init(&a, &c->x, &c->y, NULL, 0);
	a.w = frame_width(&c->frame);
	a.x0 = axes_left(&a);
	a.x1 = a.w - CHART_PAD - 8;
	a.y0 = 16;
	a.y1 = a.y0 + (a.x1 - a.x0);
	a.ix = 14;	/* points at the ends stay off the frame, */
	a.iy = 30;	/* and off the quadrant captions' bands */
	a.h = a.y1 + (a.xs.title ? 60 : 34) + (unplaced ? 24 : 0);
	svg_open(sb, &c->frame, id.s, "scatter", a.w, a.h);
	axes_draw(sb, &a);
	scatter_quadrants(sb, c, &a);
	scatter_points(sb, c, &a);
	if (unplaced) {
		struct strbuf note = STRBUF_INIT;

		sb_addf(&note, "%zu not shown: no position", unplaced);
		text_at(sb, a.x0, a.h - 10, "class=\"nodata\" " T_SMALL, note.buf, 0);
		sb_release(&note);
	}
	svg_close(sb);
	axes_release(&a);
}

void chart_scatter_table(struct strbuf *sb, const struct chart_scatter *c)
{
	table_open(sb, &c->frame, "scatter");
	th_col(sb, c->x.title ? c->x.title : "x");
	th_col(sb, c->y.title ? c->y.title : "y");
	table_body(sb);
	for (size_t i = 0; i < c->n; i++) {
		th_row(sb, c->points[i].label);
		td_num(sb, c->points[i].x);
		td_num(sb, c->points[i].y);
		sb_adds(sb, "</tr>\n");
	}
	table_close(sb, c->n, 3);
}

/* ---- line chart ---- */

static const char *series_colour(size_t i)
{
	static const char *const palette[] = {
		"#0072b2", "#d55e00", "#009e73", "#6a3d9a", "#cc79a7", INK,
	};

	return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

static int line_has_data(const struct chart_line *c)
{
	for (size_t s = 0; s < c->nseries; s++)
		for (size_t i = 0; i < c->series[s].n; i++)
			if (isfinite(c->series[s].points[i].x) &&
			    isfinite(c->series[s].points[i].y))
				return 1;
	return 0;
}

/* Draws the legend into out from y = 8 down; returns its height. */
static double line_legend(struct strbuf *out, const struct chart_line *c, double w)
{
	double x = CHART_PAD, y = 8;

	sb_adds(out, "<g class=\"legend\">");
	for (size_t s = 0; s < c->nseries; s++) {
		const struct chart_series *se = &c->series[s];
		size_t chars = u8_chars(se->name) > 30 ? 30 : u8_chars(se->name);
		double ew = 30 + (double)chars * CHARW_S + 20;

		if (x > CHART_PAD && x + ew > w - CHART_PAD) {
			x = CHART_PAD;
			y += 22;
		}
		line_open(out, x, y + 8, x + 24, y + 8);
		html(out, " stroke=\"%s\" stroke-width=\"3\"%R/>", series_colour(s),
		     se->dashed ? " stroke-dasharray=\"6 4\"" : "");
		text_at(out, x + 30, y + 13, "font-size=\"14\"", se->name, 30);
		x += ew;
	}
	sb_adds(out, "</g>\n");
	return y + 22;
}

static void line_path(struct strbuf *sb, const struct axes *a,
		      const struct chart_series *se, size_t idx)
{
	int pen = 0;

	sb_adds(sb, "<g");
	class_attr(sb, "series", se->cls, NULL);
	html(sb, "><title>%s</title><path d=\"", se->name);
	for (size_t i = 0; i < se->n; i++) {
		const struct chart_xy *p = &se->points[i];

		if (!isfinite(p->x) || !isfinite(p->y)) {
			pen = 0;
			continue;
		}
		sb_addf(sb, "%s%.1f %.1f", pen ? "L" : "M", ax_x(a, p->x), ax_y(a, p->y));
		pen = 1;
	}
	html(sb, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"3\""
	     " stroke-linejoin=\"round\"%R/>", series_colour(idx),
	     se->dashed ? " stroke-dasharray=\"6 4\"" : "");
	for (size_t i = 0; se->n <= 40 && i < se->n; i++)
		if (isfinite(se->points[i].x) && isfinite(se->points[i].y))
			circle_at(sb, ax_x(a, se->points[i].x),
				  ax_y(a, se->points[i].y), 3.5,
				  series_colour(idx), series_colour(idx));
	sb_adds(sb, "</g>\n");
}

/* Dashed reference lines at x.ref and y.ref, captioned. */
static void line_refs(struct strbuf *sb, const struct axes *a)
{
	const char *dash = "class=\"ref\" stroke=\"" MUTED
			   "\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"";

	if (!isnan(a->ys.ref)) {
		double y = ax_y(a, a->ys.ref);

		line_at(sb, a->x0, y, a->x1, y, dash);
		if (a->ys.ref_label)
			text_at(sb, a->x1 - 4, y - 6, T_SMALL " " T_END,
				a->ys.ref_label, 24);
	}
	if (!isnan(a->xs.ref)) {
		double x = ax_x(a, a->xs.ref);

		line_at(sb, x, a->y0, x, a->y1, dash);
		if (a->xs.ref_label)
			text_at(sb, x + 4, a->y0 + 16, T_SMALL, a->xs.ref_label, 24);
	}
}

static void line_mark(struct strbuf *sb, const struct chart_line *c,
		      const struct axes *a)
{
	double x, y, tx, ty;

	if (!c->mark_caption || !isfinite(c->mark_x) || !isfinite(c->mark_y))
		return;
	x = ax_x(a, c->mark_x);
	y = ax_y(a, c->mark_y);
	tx = x > (a->x0 + a->x1) / 2 ? x - 12 : x + 12;
	ty = y - 14 < a->y0 + 16 ? y + 26 : y - 14;
	html(sb, "<g class=\"mark\"><title>%s</title>", c->mark_caption);
	circle_at(sb, x, y, 7, "#fff", INK);
	text_at(sb, tx, ty, x > (a->x0 + a->x1) / 2 ?
		"font-weight=\"bold\" " T_END : "font-weight=\"bold\"",
		c->mark_caption, 32);
	sb_adds(sb, "</g>\n");
}

void chart_line_svg(struct strbuf *sb, const struct chart_line *c)
{
	struct chart_id id = chart_id(&c->frame);
	struct strbuf legend = STRBUF_INIT;
	struct axes a;

	if (!line_has_data(c)) {
		svg_empty(sb, &c->frame, "line");
		return;
	}
	axes_init(&a, &c->x, &c->y, c->xticks, c->nxticks);
	a.w = frame_width(&c->frame);
	a.x0 = axes_left(&a);
	a.x1 = a.w - CHART_PAD - 16;
	a.y0 = line_legend(&legend, c, a.w) + 12;
	a.y1 = a.y0 + round(a.w * 0.5);
	a.h = a.y1 + (a.xs.title ? 60 : 34);
	svg_open(sb, &c->frame, id.s, "line", a.w, a.h);
	sb_add(sb, legend.buf, legend.len);
	axes_draw(sb, &a);
	line_refs(sb, &a);
	for (size_t s = 0; s < c->nseries; s++)
		line_path(sb, &a, &c->series[s], s);
	line_mark(sb, c, &a);
	svg_close(sb);
	axes_release(&a);
	sb_release(&legend);
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* The distinct finite x values of all series, sorted; *n is their count. */
static double *line_xs(const struct chart_line *c, size_t *n)
{
	size_t total = 0, k = 0;
	double *xs;

	for (size_t s = 0; s < c->nseries; s++)
		total += c->series[s].n;
	xs = xcalloc(total ? total : 1, sizeof(*xs));
	for (size_t s = 0; s < c->nseries; s++)
		for (size_t i = 0; i < c->series[s].n; i++)
			if (isfinite(c->series[s].points[i].x))
				xs[k++] = c->series[s].points[i].x;
	qsort(xs, k, sizeof(*xs), cmp_double);
	*n = 0;
	for (size_t i = 0; i < k; i++)
		if (!*n || xs[*n - 1] != xs[i])
			xs[(*n)++] = xs[i];
	return xs;
}

static void line_row_head(struct strbuf *sb, const struct chart_line *c, double x)
{
	for (size_t t = 0; t < c->nxticks; t++)
		if (c->xticks[t].at == x && c->xticks[t].label) {
			th_row(sb, c->xticks[t].label);
			return;
		}
	th_row(sb, num(x).s);
}

static double series_at(const struct chart_series *se, double x)
{
	for (size_t i = 0; i < se->n; i++)
		if (se->points[i].x == x)
			return se->points[i].y;
	return NAN;
}

void chart_line_table(struct strbuf *sb, const struct chart_line *c)
{
	size_t nx;
	double *xs = line_xs(c, &nx);

	table_open(sb, &c->frame, "line");
	for (size_t s = 0; s < c->nseries; s++)
		th_col(sb, c->series[s].name);
	table_body(sb);
	for (size_t i = 0; i < nx; i++) {
		line_row_head(sb, c, xs[i]);
		for (size_t s = 0; s < c->nseries; s++)
			td_num(sb, series_at(&c->series[s], xs[i]));
		sb_adds(sb, "</tr>\n");
	}
	if (!nx) {
		table_close(sb, 0, c->nseries + 1);
	} else {
		sb_adds(sb, "</tbody>");
		if (c->mark_caption)
			html(sb, "<tfoot><tr><td colspan=\"%z\">Marked: %s</td></tr>"
			     "</tfoot>", c->nseries + 1, c->mark_caption);
		sb_adds(sb, "</table>\n");
	}
	free(xs);
}
