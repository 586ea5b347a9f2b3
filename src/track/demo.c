/*
 * demo.c: the demo project's registry: a fictional acute trust, its two
 * hospitals and their teams, the days they reached each milestone over
 * 2024 and 2025, the other tools some still use, and active users by
 * month. Fixed data: the demo is the same every time.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "track.h"

#define TRUST "Northfield Hospitals NHS Trust"
#define GENERAL "Northfield General Hospital"
#define EASTBROOK "Eastbrook Community Hospital"

/*
 * One setting: its place, the day it was engaged, how many of the six
 * default milestones it reached (0: not started), and the clinical
 * staff who could use the app (0: none counted, e.g. the trust itself).
 */
static const struct demo_setting {
	const char *name, *type, *parent, *it_system, *engaged;
	int reached, staff;
	const char *tool;
} settings[] = {
	{ TRUST, "organisation", "", "Lorenzo EPR", "2024-01-08", 6, 0, NULL },
	{ GENERAL, "site", TRUST, "Lorenzo EPR", "2024-01-15", 6, 0, NULL },
	{ EASTBROOK, "site", TRUST, "Lorenzo EPR", "2024-05-06", 6, 0, NULL },
	{ "Acute Medical Unit", "team", GENERAL, "Lorenzo EPR", "2024-02-05",
	  6, 60, NULL },
	{ "Emergency Department", "team", GENERAL, "Lorenzo EPR", "2024-02-12",
	  6, 110, "whiteboard and bleeps" },
	{ "Ward 3", "team", GENERAL, "Lorenzo EPR", "2024-03-04", 6, 35,
	  "paper folders" },
	{ "Ward 12", "team", GENERAL, "Lorenzo EPR", "2024-04-08", 5, 32,
	  "paper folders" },
	{ "Ward 7", "team", GENERAL, "Lorenzo EPR", "2024-06-03", 6, 30, NULL },
	{ "Ward 9", "team", GENERAL, "Lorenzo EPR", "2024-07-01", 6, 28, NULL },
	{ "Critical Care Unit", "team", GENERAL, "ICU charting system",
	  "2024-09-02", 3, 70, "ICU charting system" },
	{ "Theatres", "team", GENERAL, "Theatre system", "2024-10-07", 2, 90,
	  "theatre whiteboard" },
	{ "Maternity Unit", "team", GENERAL, "Maternity record", "2025-01-13",
	  5, 55, "paper folders" },
	{ "Children's Ward", "team", GENERAL, "Lorenzo EPR", "2025-02-03", 6,
	  40, NULL },
	{ "Outpatients", "team", GENERAL, "Lorenzo EPR", "2025-04-07", 4, 45,
	  NULL },
	{ "Radiology", "team", GENERAL, "PACS", "", 0, 0, NULL },
	{ "Eastbrook Ward A", "team", EASTBROOK, "Lorenzo EPR", "2024-05-13",
	  6, 24, "paper folders" },
	{ "Eastbrook Ward B", "team", EASTBROOK, "Lorenzo EPR", "2024-08-05",
	  6, 22, NULL },
	{ "Eastbrook Rehabilitation Unit", "team", EASTBROOK, "Lorenzo EPR",
	  "2025-03-03", 1, 18, "paper folders" },
	{ "Eastbrook Minor Injuries Unit", "team", EASTBROOK, "Lorenzo EPR",
	  "2025-06-02", 6, 20, NULL },
	{ "Eastbrook Outpatients", "team", EASTBROOK, "Lorenzo EPR", "", 0, 0,
	  NULL },
};

/* Days from one milestone to the next: engaged, then isa-signed, ... */
static const int gaps[] = { 0, 21, 21, 28, 14, 56 };

/* The last day of the usage figures. */
#define LAST_DAY "2025-12-31"

static int add_usage(struct store *st, int64_t project, int64_t id,
		     const struct demo_setting *d, int32_t live)
{
	struct usage_figure *f;
	struct strbuf err = STRBUF_INIT;
	int32_t last, *days;
	size_t n, total;
	int rc;

	track_date_parse(LAST_DAY, &last, &err);
	sb_release(&err);
	if (live > last)
		return 0;
	days = track_dates(live, last, true, &n);
	f = xcalloc(n, sizeof(*f));
	total = n;
	/* uptake rises by a tenth of the staff a month from 30% to 90% */
	for (size_t k = 0; k < n; k++) {
		int pct = 30 + 10 * (int)k > 90 ? 90 : 30 + 10 * (int)k;
		char month[8];
		track_month_format(days[k], month);
		f[k].setting = id;
		f[k].metric = xstrdup("active users");
		f[k].month = xstrdup(month);
		f[k].value = (double)(d->staff * pct / 100);
		f[k].eligible = d->staff;
	}
	/* the steps end with the last day itself, in the last month again */
	if (n > 1 && !strcmp(f[n - 1].month, f[n - 2].month))
		n--;
	rc = store_usage_set(st, project, f, n);
	store_usage_figures_free(f, total);
	free(days);
	return rc;
}

/* Add setting d with its milestones, tool and usage; 0 or -1. */
static int add_one(struct store *st, int64_t project,
		   const struct demo_setting *d, const struct group *ms,
		   size_t nms)
{
	struct strbuf err = STRBUF_INIT;
	struct setting s;
	int32_t day = 0;
	char date[11];
	int rc;

	setting_init(&s);
	s.project = project;
	setting_set(&s, "name", d->name, &err);
	setting_set(&s, "type", d->type, &err);
	setting_set(&s, "parent", d->parent, &err);
	setting_set(&s, "it_system", d->it_system, &err);
	rc = store_setting_add(st, &s);
	if (!rc && d->tool)
		rc = store_setting_tool_add(st, project, s.id, d->tool);
	if (!rc && d->reached)
		rc = track_date_parse(d->engaged, &day, &err);
	for (int k = 0; !rc && k < d->reached && (size_t)k < nms; k++) {
		day += gaps[k];
		track_date_format(day, date);
		rc = store_milestone_set(st, project, s.id, ms[k].id, date);
		/* live is the fifth milestone: usage from its month on */
		if (!rc && k == 4 && d->staff)
			rc = add_usage(st, project, s.id, d, day);
	}
	store_setting_release(&s);
	sb_release(&err);
	return rc ? -1 : 0;
}

int demo_track(struct store *st, int64_t project)
{
	struct group *ms;
	size_t nms;
	int rc = 0;

	if (store_milestones(st, project, &ms, &nms))
		return -1;
	for (size_t i = 0; !rc && i < sizeof(settings) / sizeof(*settings); i++)
		rc = add_one(st, project, &settings[i], ms, nms);
	store_groups_free(ms, nms);
	return rc;
}
