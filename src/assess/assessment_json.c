/* assessment_json.c: an assessment as JSON, with suppressed groups left out. */
#include <math.h>

#include "assessment.h"
#include "assess/project.h"

/* Round to 3 decimals so that output is stable and readable. */
static json_t *num(double v)
{
	return json_real(round(v * 1000.0) / 1000.0);
}

static json_t *cell_json(const struct score_cell *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "n", json_integer((json_int_t)c->n));
	json_object_set_new(o, "mean", c->n ? num(c->mean) : json_null());
	json_object_set_new(o, "sd", c->n ? num(c->sd) : json_null());
	json_object_set_new(o, "interval", c->n ?
			    json_pack("[o, o]", num(c->lo), num(c->hi)) :
			    json_null());
	json_object_set_new(o, "dont_know_share", c->answers ?
			    num(c->dk_share) : json_null());
	json_object_set_new(o, "class", json_string(score_class_name(c->cls)));
	json_object_set_new(o, "low_n", json_boolean(c->low_n));
	return o;
}

static json_t *groups_json(const struct assessment *a, size_t *hidden)
{
	json_t *arr = json_array();

	*hidden = 0;
	for (size_t g = 0; g < a->survey.ngroups; g++) {
		json_t *o;
		if (a->score.group_n[g] == 0)
			continue;
		if (a->score.group_hidden[g]) {
			(*hidden)++;
			continue;
		}
		o = json_object();
		json_object_set_new(o, "id", json_string(a->survey.groups[g].id));
		json_object_set_new(o, "title",
				    json_string(a->survey.groups[g].title));
		json_object_set_new(o, "respondents",
				    json_integer((json_int_t)a->score.group_n[g]));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *determinant_json(const struct assessment *a, size_t d)
{
	json_t *o = cell_json(&a->score.overall[d]), *groups = json_object();

	json_object_set_new(o, "id", json_string(a->dets[d]));
	json_object_set_new(o, "title", json_string(a->det_titles[d]));
	json_object_set_new(o, "ambivalent", json_boolean(a->score.ambivalent[d]));
	json_object_set_new(o, "complexity", json_string(
		score_complexity_name(a->score.complexity[d])));
	if (a->prev_round && a->prev.overall[d].n && a->score.overall[d].n) {
		json_object_set_new(o, "change", json_pack("{s:I, s:o}",
			"since_round", (json_int_t)a->prev_round, "mean",
			num(a->score.overall[d].mean - a->prev.overall[d].mean)));
	} else {
		json_object_set_new(o, "change", json_null());
	}
	for (size_t g = 0; g < a->survey.ngroups; g++) {
		const struct score_cell *c = &a->score.by_group[g * a->ndets + d];
		if (!c->suppressed && c->n)
			json_object_set_new(groups, a->survey.groups[g].id,
					    cell_json(c));
	}
	json_object_set_new(o, "groups", groups);
	return o;
}

json_t *assessment_json(const struct assessment *a)
{
	json_t *o = json_object(), *dets = json_array(), *rounds = json_array();
	size_t hidden;

	json_object_set_new(o, "project", json_string(a->project->name));
	json_object_set_new(o, "round", json_integer(a->round));
	for (size_t r = 0; r < a->nrounds; r++)
		json_array_append_new(rounds, json_pack("{s:I, s:I}", "round",
			(json_int_t)a->rounds[r], "responses",
			(json_int_t)a->round_counts[r]));
	json_object_set_new(o, "rounds", rounds);
	json_object_set_new(o, "respondents", json_integer((json_int_t)a->score.nresp));
	json_object_set_new(o, "anonymity", json_integer(a->project->anonymity));
	json_object_set_new(o, "groups", groups_json(a, &hidden));
	json_object_set_new(o, "groups_hidden", json_integer((json_int_t)hidden));
	for (size_t d = 0; d < a->ndets; d++)
		json_array_append_new(dets, determinant_json(a, d));
	json_object_set_new(o, "determinants", dets);
	return o;
}
