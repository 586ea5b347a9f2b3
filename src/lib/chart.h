/*
 * chart.h: accessible SVG charts, each with a matching HTML table view.
 *
 * Five charts: interval (scores with confidence whiskers), heat map,
 * scatter grid (power and interest), change (dumbbell between two rounds)
 * and line (time series). Every chart has a *_svg function writing one
 * <svg> element and a *_table function writing one <table> of the same
 * data, so a page can offer a "table view" and screen readers get the
 * numbers.
 *
 * Common rules for every function below:
 * - Output is appended to sb; nothing else is allocated that outlives the
 *   call. The chart structs and all strings they point to stay owned by the
 *   caller and are only read.
 * - All text (labels, titles, classes, hrefs) is escaped through html.h;
 *   the output is well-formed XML and the same input gives the same bytes.
 * - A value that is NAN or infinite means "no data" (in a heat map:
 *   "suppressed or missing"); finite values outside the scale are clamped to
 *   it in the drawing, and shown unclamped in the table. No "nan" or "inf"
 *   is ever written.
 * - The <svg> has role="img", aria-labelledby naming its <title> and <desc>,
 *   a viewBox, width="100%" (page CSS caps it at a natural size, so it
 *   shrinks to a phone), and default colours as presentation attributes,
 *   so page CSS can restyle the classes yet the file looks right alone.
 * - Ids written are PREFIX, PREFIX-title, PREFIX-desc, PREFIX-table and
 *   PREFIX-<name> for internal defs; they are unique when prefixes are.
 * - With no rows (n = 0) the svg shows "No data" and the table a single
 *   "No data" row.
 * - Strings may be NULL where noted; a NULL label is drawn as empty.
 */
#ifndef WM_CHART_H
#define WM_CHART_H

#include <stddef.h>

struct strbuf;

#define CHART_WIDTH 480		/* default viewBox width */
#define CHART_PAD 16		/* left and right padding of row charts */
#define CHART_VALUE_W 80	/* right column holding values in row charts */

/*
 * What every chart shares.
 * id: prefix for the ids written; characters other than ASCII letters,
 *     digits, '-' and '_' become '_'; NULL or "" gives "chart".
 * title: short title, the svg <title> and the table <caption>.
 * desc: text alternative, the svg <desc> (say what the chart shows).
 * row_heading: heading of the table's first column; NULL gives "Item".
 * width: viewBox width; 0 gives CHART_WIDTH; clamped to 320..1600. The
 *     heat map sizes itself from its labels and ignores it.
 */
struct chart_frame {
	const char *id;
	const char *title;
	const char *desc;
	const char *row_heading;
	int width;
};

/*
 * One axis. Values are clamped to [min, max]; a max not above min becomes
 * min + 1. Ticks are drawn at min, min + step, ... up to max; a step that
 * is not positive, or would give more than 50 ticks, gives five ticks.
 * ref: where a reference line is drawn (NAN, or outside the scale, for
 *     none); in a heat map the neutral colour, in a scatter grid the
 *     quadrant split (NAN: the middle).
 * ref_label: caption of the reference line, e.g. "neutral"; may be NULL.
 * title: axis title; may be NULL.
 */
struct chart_scale {
	double min, max, step;
	double ref;
	const char *ref_label;
	const char *title;
};

/*
 * Set s's min, max and step to cover lo to hi in round steps: the step is
 * 1, 2, 2.5 or 5 times a power of ten, the smallest of them that needs
 * at most n steps (n < 1 counts as 1; ten times that power if none
 * does); min and max are whole steps. The other fields are kept. For tick labels people can read (0, 500000,
 * 1000000... rather than 0, 829500, 1659000...).
 */
void chart_scale_round(struct chart_scale *s, double lo, double hi, int n);

/* --- Interval chart: one row per item, point and confidence whisker --- */

/*
 * cls: optional CSS class for the row, e.g. "barrier", "enabler",
 *     "ambivalent", "neutral" (these four have default colours).
 * href: optional link target for the label; only relative URLs and
 *     http(s) are linked, anything else (e.g. "javascript:") is dropped.
 * low, high: interval bounds; NAN when there is none.
 */
struct chart_interval_row {
	const char *label;
	double value, low, high;
	const char *cls;
	const char *href;
};

struct chart_interval {
	struct chart_frame frame;
	struct chart_scale scale;
	const struct chart_interval_row *rows;
	size_t n;
};

/*
 * Append the chart. The plot of row i spans x = CHART_PAD to
 * width - CHART_VALUE_W: value v sits at
 * CHART_PAD + (v - min) / (max - min) * (width - CHART_VALUE_W - CHART_PAD).
 */
void chart_interval_svg(struct strbuf *sb, const struct chart_interval *c);
/* Append the table: label, value, lower, upper and (if any) category. */
void chart_interval_table(struct strbuf *sb, const struct chart_interval *c);

/* --- Heat map: rows (e.g. stakeholder groups) by columns (determinants) --- */

/*
 * values: nrows * ncols numbers, row by row; NAN is "suppressed or
 * missing", drawn hatched with a dash. Colours diverge from scale.ref
 * (NAN: the middle) towards min and max; the text colour of each cell is
 * chosen for a WCAG contrast of at least 4.5:1. Long column labels are
 * rotated and cut short with an ellipsis; the full text is in <title>.
 * low_label, high_label: legend words for the ends, e.g. "barrier",
 * "enabler"; may be NULL.
 */
struct chart_heatmap {
	struct chart_frame frame;
	struct chart_scale scale;
	const char *const *row_labels;
	size_t nrows;
	const char *const *col_labels;
	size_t ncols;
	const double *values;
	const char *low_label, *high_label;
};

/* Append the heat map; every cell has a <title> "row, column: value". */
void chart_heatmap_svg(struct strbuf *sb, const struct chart_heatmap *c);
/* Append the table: one row per row label; suppressed cells say so. */
void chart_heatmap_table(struct strbuf *sb, const struct chart_heatmap *c);

/* --- Scatter grid: e.g. interest (x) against power (y) of stakeholders --- */

struct chart_point {
	const char *label;
	double x, y;
	const char *cls;
};

/*
 * quadrant: captions for top left, top right, bottom left and bottom
 * right, each may be NULL. Points drawn at the same place are merged into
 * one circle showing their count, labelled "First + N more", with all
 * names in its <title>. Points without both x and y are left out of the
 * drawing (the svg says how many) and kept in the table.
 */
struct chart_scatter {
	struct chart_frame frame;
	struct chart_scale x, y;
	const char *quadrant[4];
	const struct chart_point *points;
	size_t n;
};

/* Append the grid: split lines at x.ref and y.ref, captions, points. */
void chart_scatter_svg(struct strbuf *sb, const struct chart_scatter *c);
/* Append the table: label, x (headed by x.title) and y (by y.title). */
void chart_scatter_table(struct strbuf *sb, const struct chart_scatter *c);

/* --- Change chart: a dumbbell per row between two rounds --- */

struct chart_change_row {
	const char *label;
	double before, after;
	const char *cls;
};

/*
 * before_name, after_name: what the rounds are called, e.g. "Round 1";
 * NULL gives "Before" and "After". A hollow circle marks before, a filled
 * one after, an arrowhead the direction; rows get class "up", "down" or
 * "same" (a change under 1% of the scale), and the value column shows the
 * signed change. Geometry as for the interval chart.
 */
struct chart_change {
	struct chart_frame frame;
	struct chart_scale scale;
	const char *before_name, *after_name;
	const struct chart_change_row *rows;
	size_t n;
};

/* Append the chart, with a legend naming the two rounds. */
void chart_change_svg(struct strbuf *sb, const struct chart_change *c);
/* Append the table: label, before, after and change. */
void chart_change_table(struct strbuf *sb, const struct chart_change *c);

/* --- Line chart: one or more series against a numeric x --- */

/* A tick on the x axis at `at`, captioned label (e.g. "2026", "year 6"). */
struct chart_tick {
	double at;
	const char *label;
};

struct chart_xy {
	double x, y;
};

/*
 * A named series; a point with y NAN breaks the line. dashed: nonzero for
 * a dashed line (e.g. a target). cls: optional CSS class for the series.
 */
struct chart_series {
	const char *name;
	const struct chart_xy *points;
	size_t n;
	int dashed;
	const char *cls;
};

/*
 * x.step ticks are drawn with numbers unless xticks is given (nxticks > 0),
 * which then replaces them. mark_caption: when not NULL, the point
 * (mark_x, mark_y) is marked and captioned, e.g. "break-even, year 6".
 */
struct chart_line {
	struct chart_frame frame;
	struct chart_scale x, y;
	const struct chart_tick *xticks;
	size_t nxticks;
	const struct chart_series *series;
	size_t nseries;
	double mark_x, mark_y;
	const char *mark_caption;
};

/*
 * Append the chart: a legend of the series, dashed reference lines at
 * y.ref and x.ref (e.g. a target, "today"). With no finite point in any
 * series it shows "No data".
 */
void chart_line_svg(struct strbuf *sb, const struct chart_line *c);
/*
 * Append the table: one row per distinct x (sorted, named by its tick
 * label when there is one), one column per series; the marked point is
 * named in the table's foot.
 */
void chart_line_table(struct strbuf *sb, const struct chart_line *c);

#endif
