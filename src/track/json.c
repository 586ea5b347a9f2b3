/* json.c: the JSON of settings, coverage and usage figures (docs/json.md). */
#include <math.h>
#include <string.h>

#include "track.h"

json_t *setting_json(const struct setting *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id",
			 (json_int_t)s->id, "name", s->name, "type", s->type,
			 "parent", s->parent, "it_system", s->it_system,
			 "created", s->created ? s->created : "", "version",
			 (json_int_t)s->version);
}

json_t *track_setting_json(const struct track_data *t, size_t i)
{
	json_t *o = setting_json(&t->settings[i]), *m = json_object();
	json_t *tools = json_array();
	char day[11];

	for (size_t k = 0; k < t->nmilestones; k++) {
		if (t->ts[i].reached[k] == TRACK_NEVER)
			continue;
		track_date_format(t->ts[i].reached[k], day);
		json_object_set_new(m, t->milestones[k].id, json_string(day));
	}
	json_object_set_new(o, "milestones", m);
	for (size_t j = t->tool_at[i]; j < t->tool_at[i + 1]; j++)
		json_array_append_new(tools, json_string(t->tools[j].tool));
	json_object_set_new(o, "tools", tools);
	return o;
}

static json_t *share_json(double share)
{
	return share < 0 ? json_null() : json_real(share);
}

static json_t *points_json(const struct coverage *c)
{
	json_t *pts = json_array();
	char day[11];

	for (size_t i = 0; i < c->npoints; i++) {
		const struct coverage_point *pt = &c->points[i];
		json_t *x = json_object(), *by = json_object();
		track_date_format(pt->date, day);
		json_object_set_new(x, "date", json_string(day));
		json_object_set_new(x, "reached", json_integer((json_int_t)pt->reached));
		json_object_set_new(x, "share", json_real(pt->share));
		for (int k = 0; k < TRACK_NTYPES; k++)
			json_object_set_new(by, setting_types[k], json_pack(
				"{s:I, s:o}", "reached",
				(json_int_t)pt->type_reached[k], "share",
				share_json(pt->type_share[k])));
		json_object_set_new(x, "by_type", by);
		json_array_append_new(pts, x);
	}
	return pts;
}

static json_t *stalled_json(const struct coverage_report *r)
{
	const struct track_data *t = &r->t;
	json_t *stall = json_object(), *a = json_array();
	char day[11];

	track_date_format(r->to, day);
	json_object_set_new(stall, "as_of", json_string(day));
	json_object_set_new(stall, "weeks", json_integer(r->weeks));
	json_object_set_new(stall, "not_started",
			    json_integer((json_int_t)r->not_started));
	for (size_t i = 0; i < r->nstalled; i++) {
		const struct stalled *sv = &r->stalled[i];
		const struct setting *s = &t->settings[sv->setting];
		track_date_format(sv->since, day);
		json_array_append_new(a, json_pack(
			"{s:s, s:s, s:s, s:s, s:I}", "name", s->name, "type",
			s->type, "milestone", t->milestones[sv->milestone].id,
			"since", day, "weeks",
			(json_int_t)((r->to - sv->since) / 7)));
	}
	json_object_set_new(stall, "settings", a);
	return stall;
}

json_t *coverage_json(const struct project *p, const struct coverage_report *r)
{
	const struct coverage *c = &r->c;
	json_t *o = json_object(), *types = json_object(), *tools = json_array();

	json_object_set_new(o, "project", json_string(p->name));
	json_object_set_new(o, "milestone",
			    json_string(r->t.milestones[r->milestone].id));
	json_object_set_new(o, "every", json_string(r->every));
	json_object_set_new(o, "required", json_integer(p->settings));
	json_object_set_new(o, "registered", json_integer((json_int_t)c->registered));
	json_object_set_new(o, "population", json_integer((json_int_t)c->population));
	for (int k = 0; k < TRACK_NTYPES; k++)
		json_object_set_new(types, setting_types[k],
				    json_integer((json_int_t)c->type_total[k]));
	json_object_set_new(o, "registered_by_type", types);
	json_object_set_new(o, "points", points_json(c));
	json_object_set_new(o, "stalled", stalled_json(r));
	for (size_t i = 0; i < r->ntools; i++)
		json_array_append_new(tools, json_pack(
			"{s:s, s:I}", "tool", r->tools[i].tool, "settings",
			(json_int_t)r->tools[i].settings));
	json_object_set_new(o, "tools", tools);
	return o;
}

json_t *usage_json(const struct project *p, const char *metric,
		   const struct usage_month *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack(
			"{s:s, s:s, s:f, s:I, s:I, s:o, s:o}", "metric",
			v[i].metric, "month", v[i].month, "total", v[i].total,
			"settings", (json_int_t)v[i].settings, "with_eligible",
			(json_int_t)v[i].with_eligible, "eligible",
			v[i].with_eligible ? json_real(v[i].eligible) : json_null(),
			"share", share_json(v[i].share)));
	return json_pack("{s:s, s:o, s:o}", "project", p->name, "metric",
			 metric ? json_string(metric) : json_null(), "months", a);
}
