/* project_json.c: projects and stakeholders as JSON (docs/json.md). */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "project.h"

json_t *project_json(const struct project *p)
{
	json_t *o = json_object(), *partners = json_array();
	char *copy = xstrdup(p->partners), *s, *next;

	for (s = copy; s && *s; s = next) {
		next = strchr(s, ',');
		if (next)
			*next++ = '\0';
		json_array_append_new(partners, json_string(s));
	}
	free(copy);
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "title", json_string(p->title));
	json_object_set_new(o, "technology", json_string(p->technology));
	json_object_set_new(o, "care_settings", json_string(p->care_settings));
	json_object_set_new(o, "sites", json_integer(p->sites));
	json_object_set_new(o, "staff", json_integer(p->staff));
	json_object_set_new(o, "settings", json_integer(p->settings));
	json_object_set_new(o, "partners", partners);
	json_object_set_new(o, "devices", json_string(p->device_model));
	json_object_set_new(o, "adoption", json_string(p->adoption));
	json_object_set_new(o, "phase", json_string(project_phase(p->step)));
	json_object_set_new(o, "step", json_string(p->step));
	json_object_set_new(o, "platforms", json_string(p->platforms));
	json_object_set_new(o, "dedicated_staff", json_integer(p->dedicated_staff));
	json_object_set_new(o, "notes", json_string(p->notes));
	json_object_set_new(o, "anonymity", json_integer(p->anonymity));
	json_object_set_new(o, "created", json_string(p->created));
	json_object_set_new(o, "updated", json_string(p->updated));
	json_object_set_new(o, "version", json_integer(p->version));
	return o;
}

json_t *stakeholder_json(const struct stakeholder *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "name", json_string(s->name));
	json_object_set_new(o, "group", json_string(s->grp));
	json_object_set_new(o, "organisation", json_string(s->organisation));
	json_object_set_new(o, "power", json_integer(s->power));
	json_object_set_new(o, "interest", json_integer(s->interest));
	json_object_set_new(o, "attitude", json_string(s->attitude));
	json_object_set_new(o, "version", json_integer(s->version));
	return o;
}
