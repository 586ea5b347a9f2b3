/* coverage.c: days, a setting's fields, coverage over time and stalled settings. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assess/project.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "track.h"

const char *const setting_types[] = { "organisation", "site", "team", NULL };

int setting_type_index(const char *type)
{
	for (int i = 0; setting_types[i]; i++)
		if (!strcmp(setting_types[i], type))
			return i;
	return -1;
}

void setting_init(struct setting *s)
{
	memset(s, 0, sizeof(*s));
	s->name = xstrdup("");
	s->type = xstrdup("");
	s->parent = xstrdup("");
	s->it_system = xstrdup("");
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

int setting_set(struct setting *s, const char *field, const char *value,
		struct strbuf *err)
{
	if (!strcmp(field, "name")) {
		if (check_text("name", value, TRACK_TEXT_MAX, true, err))
			return -1;
		if (strchr(value, '\n') || strchr(value, '\r') ||
		    strchr(value, '\t')) {
			sb_addf(err, "name: must be on one line, without tabs");
			return -1;
		}
		set_str(&s->name, value);
	} else if (!strcmp(field, "type")) {
		if (setting_type_index(value) < 0) {
			sb_addf(err, "type: '%s' is not a type of setting; use "
				"organisation, site or team", value);
			return -1;
		}
		set_str(&s->type, value);
	} else if (!strcmp(field, "parent")) {
		if (check_text("parent", value, TRACK_TEXT_MAX, false, err))
			return -1;
		set_str(&s->parent, value);
	} else if (!strcmp(field, "it_system")) {
		if (check_text("it_system", value, TRACK_TEXT_MAX, false, err))
			return -1;
		set_str(&s->it_system, value);
	} else {
		sb_addf(err, "%s: not a field of a setting", field);
		return -1;
	}
	return 0;
}

/* Days since 1970-01-01 of a date in the proleptic Gregorian calendar. */
static int32_t days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int month_days(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : mdays[m - 1];
}

int track_date_parse(const char *s, int32_t *days, struct strbuf *err)
{
	int y, m, d;

	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (!s[i] || (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')))
			goto bad;
	}
	if (s[10])
		goto bad;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900) {
		sb_addf(err, "'%s' is before 1900", s);
		return -1;
	}
	if (m < 1 || m > 12 || d < 1 || d > month_days(y, m)) {
		sb_addf(err, "'%s' is not a day of the calendar", s);
		return -1;
	}
	*days = days_from_civil(y, m, d);
	return 0;
bad:
	sb_addf(err, "'%s' is not a date written YYYY-MM-DD", s);
	return -1;
}

void track_date_format(int32_t days, char out[11])
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int32_t track_today(void)
{
	return (int32_t)(time(NULL) / 86400);
}

int32_t *track_dates(int32_t from, int32_t to, bool monthly, size_t *n)
{
	int32_t *v = NULL, day = from;
	size_t alloc = 0;
	int y0, m0, d0;

	*n = 0;
	civil_from_days(from, &y0, &m0, &d0);
	for (long k = 1; day <= to; k++) {
		XGROW(v, alloc, *n + 1);
		v[(*n)++] = day;
		if (monthly) {
			long mi = (long)m0 - 1 + k;
			int y = y0 + (int)(mi / 12), m = (int)(mi % 12) + 1;
			int dd = d0 > month_days(y, m) ? month_days(y, m) : d0;
			day = days_from_civil(y, m, dd);
		} else {
			day = from + (int32_t)(7 * k);
		}
	}
	if (!*n || v[*n - 1] < to) {
		XGROW(v, alloc, *n + 1);
		v[(*n)++] = to;
	}
	return v;
}

size_t track_population(int64_t required, size_t registered)
{
	return required > 0 && (uint64_t)required > registered ?
	       (size_t)required : registered;
}

/* The first day s had reached milestone or a later one, or TRACK_NEVER. */
static int32_t first_reached(const struct track_setting *s,
			     size_t nmilestones, size_t milestone)
{
	int32_t best = TRACK_NEVER;

	for (size_t k = milestone; k < nmilestones; k++)
		if (s->reached[k] < best)
			best = s->reached[k];
	return best;
}

void track_coverage(const struct track_setting *v, size_t n,
		    size_t nmilestones, size_t milestone, int64_t required,
		    const int32_t *dates, size_t ndates, struct coverage *out)
{
	/* new[i][t]: settings of type t that first reach it by dates[i] */
	size_t (*fresh)[TRACK_NTYPES] = xcalloc(ndates + 1, sizeof(*fresh));

	memset(out, 0, sizeof(*out));
	out->registered = n;
	out->population = track_population(required, n);
	out->points = xcalloc(ndates ? ndates : 1, sizeof(*out->points));
	out->npoints = ndates;
	for (size_t i = 0; i < n; i++) {
		int32_t day = first_reached(&v[i], nmilestones, milestone);
		size_t lo = 0, hi = ndates;
		int t = v[i].type;

		if (t < 0 || t >= TRACK_NTYPES)
			continue;
		out->type_total[t]++;
		if (day == TRACK_NEVER)
			continue;
		/* the first date on or after day (dates ascend) */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (dates[mid] < day)
				lo = mid + 1;
			else
				hi = mid;
		}
		fresh[lo][t]++;
	}
	for (size_t i = 0; i < ndates; i++) {
		struct coverage_point *p = &out->points[i];
		p->date = dates[i];
		for (int t = 0; t < TRACK_NTYPES; t++) {
			p->type_reached[t] = fresh[i][t] +
					     (i ? out->points[i - 1].type_reached[t] : 0);
			p->reached += p->type_reached[t];
			p->type_share[t] = out->type_total[t] ?
					   (double)p->type_reached[t] /
					   (double)out->type_total[t] : -1;
		}
		p->share = out->population ?
			   (double)p->reached / (double)out->population : 0;
	}
	free(fresh);
}

void coverage_release(struct coverage *c)
{
	free(c->points);
	memset(c, 0, sizeof(*c));
}

void track_stalled(const struct track_setting *v, size_t n,
		   size_t nmilestones, int32_t asof, int weeks,
		   struct stalled **out, size_t *nout, size_t *not_started)
{
	size_t alloc = 0;

	*out = NULL;
	*nout = 0;
	*not_started = 0;
	for (size_t i = 0; i < n; i++) {
		int32_t latest = TRACK_NEVER;
		size_t furthest = 0;
		bool any = false;

		for (size_t k = 0; k < nmilestones; k++) {
			int32_t day = v[i].reached[k];
			if (day == TRACK_NEVER || day > asof)
				continue;
			if (!any || day > latest)
				latest = day;
			furthest = k;
			any = true;
		}
		if (!any) {
			(*not_started)++;
			continue;
		}
		if (furthest + 1 >= nmilestones ||
		    (int64_t)latest > (int64_t)asof - 7 * (int64_t)weeks)
			continue;
		XGROW(*out, alloc, *nout + 1);
		(*out)[(*nout)++] = (struct stalled){ i, furthest, latest };
	}
}

/* --- the report --- */

/* Day from text s for parameter name, or fallback when s is NULL. */
static int day_param(const char *name, const char *s, int32_t fallback,
		     int32_t *day, struct strbuf *err)
{
	struct strbuf why = STRBUF_INIT;

	*day = fallback;
	if (!s || !track_date_parse(s, day, &why))
		return 0;
	sb_addf(err, "%s%s", name, why.buf);
	sb_release(&why);
	return TRACK_BAD;
}

int coverage_report_make(struct store *st, const struct project *p,
			 const struct coverage_query *q,
			 struct coverage_report *r, struct strbuf *err)
{
	int32_t *dates;
	size_t ndates;
	long m;
	int rc;

	memset(r, 0, sizeof(*r));
	r->every = q->every ? q->every : "month";
	r->weeks = q->weeks ? q->weeks : 8;
	if (strcmp(r->every, "week") && strcmp(r->every, "month")) {
		sb_addf(err, "every: '%s' is neither week nor month", r->every);
		return TRACK_BAD;
	}
	if (r->weeks < 1 || r->weeks > 1000) {
		sb_addf(err, "weeks: expected a whole number of weeks from 1 "
			"to 1000");
		return TRACK_BAD;
	}
	if (track_load(st, p->id, &r->t))
		return -1;
	m = track_milestone_index(&r->t, q->milestone ? q->milestone : "live");
	if (!q->milestone && m < 0)
		m = (long)r->t.nmilestones - 1;
	if (m < 0) {
		sb_addf(err, "milestone: the project has no milestone '%s'; see "
			"'waymark milestone list %s'", q->milestone, p->name);
		return STORE_NOTFOUND;
	}
	r->milestone = (size_t)m;
	if ((rc = day_param("to: ", q->to, q->today, &r->to, err)) ||
	    (rc = day_param("from: ", q->from, r->t.first != TRACK_NEVER &&
			    r->t.first < r->to ? r->t.first : r->to, &r->from,
			    err)))
		return rc;
	if (r->from > r->to) {
		sb_addf(err, "from: the first day is after the last (to)");
		return TRACK_BAD;
	}
	if ((int64_t)r->to - r->from > 366 * 100) {
		sb_addf(err, "from: the first and last days are more than 100 "
			"years apart");
		return TRACK_BAD;
	}
	dates = track_dates(r->from, r->to, !strcmp(r->every, "month"), &ndates);
	track_coverage(r->t.ts, r->t.n, r->t.nmilestones, r->milestone,
		       p->settings, dates, ndates, &r->c);
	free(dates);
	track_stalled(r->t.ts, r->t.n, r->t.nmilestones, r->to, (int)r->weeks,
		      &r->stalled, &r->nstalled, &r->not_started);
	track_tool_counts(&r->t, &r->tools, &r->ntools);
	return 0;
}

void coverage_report_release(struct coverage_report *r)
{
	free(r->stalled);
	free(r->tools);
	coverage_release(&r->c);
	track_data_release(&r->t);
	memset(r, 0, sizeof(*r));
}
