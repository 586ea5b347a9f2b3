/* form.c: accessible form fields with their problems, and the project form. */
#include <inttypes.h>
#include <string.h>

#include "kb/kb.h"
#include "lib/html.h"
#include "lib/xalloc.h"
#include "form.h"

void form_error(struct form *f, const char *field, const char *msg)
{
	req_add_field(&f->errs, &f->nerrs, field, msg);
}

const char *form_error_for(const struct form *f, const char *field)
{
	for (size_t i = 0; i < f->nerrs; i++)
		if (!strcmp(f->errs[i].name, field))
			return f->errs[i].value;
	return NULL;
}

void form_release(struct form *f)
{
	for (size_t i = 0; i < f->nerrs; i++) {
		free(f->errs[i].name);
		free(f->errs[i].value);
	}
	free(f->errs);
	f->errs = NULL;
	f->nerrs = 0;
	json_decref(f->stored);
	json_decref(f->mine);
	f->stored = f->mine = NULL;
}

void form_version(struct req *r, int64_t version)
{
	html(&r->out, "<input type=\"hidden\" name=\"version\" value=\"%I\">",
	     version);
}

int form_version_read(struct req *r, struct form *f, int64_t *version)
{
	const char *v = web_form(r, "version");

	if (!v)
		return 0;
	if (web_int(v, 1, INT64_MAX, version)) {
		form_error(f, "version", "The form's version is not a whole "
			   "number of 1 or more: open the record again");
		return 1;
	}
	return 0;
}

void form_stale(struct req *r, struct form *f, json_t *stored, json_t *mine)
{
	json_decref(f->stored);
	json_decref(f->mine);
	f->stored = json_incref(stored);
	f->mine = json_incref(mine);
	r->status = 409;
}

/* A JSON value as the text a person reads; arrays as a comma list. */
static void value_text(struct strbuf *sb, const json_t *v)
{
	size_t i;
	json_t *e;

	switch (json_typeof(v)) {
	case JSON_STRING:
		sb_adds(sb, json_string_value(v));
		break;
	case JSON_INTEGER:
		sb_addf(sb, "%" PRId64, (int64_t)json_integer_value(v));
		break;
	case JSON_REAL:
		sb_addf(sb, "%g", json_real_value(v));
		break;
	case JSON_TRUE:
		sb_adds(sb, "yes");
		break;
	case JSON_FALSE:
		sb_adds(sb, "no");
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, e) {
			if (i)
				sb_adds(sb, ", ");
			value_text(sb, e);
		}
		break;
	default:
		break;
	}
}

/* Fields every record has that a person does not edit. */
static bool bookkeeping(const char *key)
{
	static const char *const keys[] = { "id", "project", "version",
		"created", "updated", NULL };

	for (size_t i = 0; keys[i]; i++)
		if (!strcmp(keys[i], key))
			return true;
	return false;
}

static void stale_summary(struct req *r, const struct form *f)
{
	struct strbuf a, b;
	const char *key;
	json_t *v;
	size_t ndiff = 0;

	sb_init(&a);
	sb_init(&b);

	html(&r->out, "<div class=\"notice notice-error\" role=\"alert\" "
	     "tabindex=\"-1\" id=\"problems\"><h2>Changed since you opened "
	     "it</h2><p>Someone saved this record after you opened it, so "
	     "nothing of yours was saved. The form below holds your values: "
	     "save it again to put them on top of the stored record, or "
	     "<a href=\"%s\">open the stored record</a> to start from it.</p>"
	     "<table><caption>The stored record beside yours</caption><thead>"
	     "<tr><th scope=\"col\">Field</th><th scope=\"col\">Stored now"
	     "</th><th scope=\"col\">Yours</th></tr></thead><tbody>", r->path);
	json_object_foreach(f->stored, key, v) {
		json_t *m = json_object_get(f->mine, key);

		if (bookkeeping(key) || !m || json_equal(v, m))
			continue;
		sb_reset(&a);
		sb_reset(&b);
		value_text(&a, v);
		value_text(&b, m);
		html(&r->out, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s"
		     "</td></tr>", key, a.buf, b.buf);
		ndiff++;
	}
	if (!ndiff)
		html(&r->out, "<tr><td colspan=\"3\">Your values are the same "
		     "as the stored ones.</td></tr>");
	html(&r->out, "</tbody></table></div>\n");
	sb_release(&a);
	sb_release(&b);
}

void form_summary(struct req *r, const struct form *f)
{
	if (f->stored && f->mine)
		stale_summary(r, f);
	if (!f->nerrs)
		return;
	html(&r->out, "<div class=\"notice notice-error\" role=\"alert\" "
	     "tabindex=\"-1\" id=\"problems\"><h2>Please check %s</h2><ul>",
	     f->nerrs == 1 ? "this" : "these");
	for (size_t i = 0; i < f->nerrs; i++)
		html(&r->out, "<li><a href=\"#f-%s\">%s</a></li>",
		     f->errs[i].name, f->errs[i].value);
	html(&r->out, "</ul></div>\n");
}

/* The label, hint and problem of a field; describedby gets their ids. */
static void field_head(struct req *r, const struct form *f, const char *name,
		       const char *label, const char *hint, bool required)
{
	const char *err = form_error_for(f, name);

	html(&r->out, "<div class=\"field%s\"><label for=\"f-%s\">%s%R</label>",
	     err ? " field-error" : "", name, label,
	     required ? " <span class=\"req\">(required)</span>" : "");
	if (hint)
		html(&r->out, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
	if (err)
		html(&r->out, "<p class=\"error\" id=\"e-%s\">%s</p>", name, err);
}

static void described(struct req *r, const struct form *f, const char *name,
		      const char *hint)
{
	const char *err = form_error_for(f, name);

	if (!hint && !err)
		return;
	html(&r->out, " aria-describedby=\"");
	if (hint)
		html(&r->out, "h-%s", name);
	if (err)
		html(&r->out, "%se-%s\" aria-invalid=\"true", hint ? " " : "",
		     name);
	html(&r->out, "\"");
}

void form_input(struct req *r, const struct form *f, const char *type,
		const char *name, const char *label, const char *value,
		const char *hint, bool required)
{
	field_head(r, f, name, label, hint, required);
	html(&r->out, "<input type=\"%s\" id=\"f-%s\" name=\"%s\" value=\"%s\"%R",
	     type, name, name, value ? value : "", required ? " required" : "");
	if (!strcmp(type, "password"))
		html(&r->out, " autocomplete=\"%s\"", !strcmp(name, "password") ?
		     "current-password" : "new-password");
	described(r, f, name, hint);
	html(&r->out, "></div>\n");
}

void form_textarea(struct req *r, const struct form *f, const char *name,
		   const char *label, const char *value, const char *hint)
{
	field_head(r, f, name, label, hint, false);
	html(&r->out, "<textarea id=\"f-%s\" name=\"%s\" rows=\"4\"", name, name);
	described(r, f, name, hint);
	html(&r->out, ">%s</textarea></div>\n", value ? value : "");
}

void form_select(struct req *r, const struct form *f, const char *name,
		 const char *label, const char *const *choices,
		 const char *const *labels, const char *value,
		 const char *hint)
{
	field_head(r, f, name, label, hint, false);
	html(&r->out, "<select id=\"f-%s\" name=\"%s\"", name, name);
	described(r, f, name, hint);
	html(&r->out, ">");
	for (size_t i = 0; choices[i]; i++)
		html(&r->out, "<option value=\"%s\"%R>%s</option>", choices[i],
		     value && !strcmp(value, choices[i]) ? " selected" : "",
		     labels ? labels[i] : choices[i]);
	html(&r->out, "</select></div>\n");
}

/* --- the project form --- */

static const char *const partner_choices[] = {
	"none", "industry", "academic", "nhs", "industry,academic",
	"industry,nhs", "academic,nhs", "industry,academic,nhs", NULL
};

static void number_field(struct req *r, const struct form *f,
			 const char *name, const char *label, int64_t v,
			 const char *hint)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	form_input(r, f, "number", name, label, form_error_for(f, name) ?
		   web_form(r, name) : buf, hint, false);
}

/* What the user typed if it was refused, else the project's value. */
static const char *shown(struct req *r, const struct form *f,
			 const char *name, const char *v)
{
	return form_error_for(f, name) ? web_form(r, name) : v;
}

void form_project(struct req *r, const struct form *f,
		  const struct project *p, bool is_new)
{
	if (is_new)
		form_input(r, f, "text", "name", "Short name",
			   shown(r, f, "name", p->name), "Lower-case letters, "
			   "digits and '-'; used in links and commands.", true);
	form_input(r, f, "text", "title", "Title",
		   shown(r, f, "title", p->title), NULL, true);
	form_select(r, f, "technology", "Technology", project_technologies,
		    NULL, p->technology, NULL);
	form_select(r, f, "step", "Where the project is now", kb_steps, NULL,
		    p->step, "The step of the NHS Digital mobile toolkit.");
	form_input(r, f, "text", "care-settings", "Care settings",
		   shown(r, f, "care-settings", p->care_settings),
		   "For example: acute, community, hospice.", false);
	number_field(r, f, "sites", "Sites", p->sites, NULL);
	number_field(r, f, "staff", "Staff who will use it", p->staff, NULL);
	number_field(r, f, "settings", "Settings that must take part",
		     p->settings, "Organisations or teams whose part is needed.");
	form_select(r, f, "partners", "Partners", partner_choices, NULL,
		    p->partners && *p->partners ? p->partners : "none", NULL);
	form_select(r, f, "devices", "Devices", project_device_models, NULL,
		    p->device_model, "Bring your own, organisation-owned, "
		    "or mixed.");
	form_select(r, f, "platforms", "Device platforms", project_platforms,
		    NULL, p->platforms, NULL);
	form_select(r, f, "adoption", "Adoption", project_adoptions, NULL,
		    p->adoption, NULL);
	number_field(r, f, "dedicated-staff", "Dedicated implementation staff",
		     p->dedicated_staff, "People whose job is this change.");
	number_field(r, f, "anonymity", "Smallest group shown",
		     p->anonymity, "Survey results of smaller groups are "
		     "hidden (at least 3).");
	form_textarea(r, f, "notes", "Notes", shown(r, f, "notes", p->notes),
		      NULL);
}

static const char *const project_form_fields[] = {
	"name", "title", "technology", "step", "care-settings", "sites",
	"staff", "settings", "partners", "devices", "platforms", "adoption",
	"dedicated-staff", "anonymity", "notes", NULL
};

size_t form_project_apply(struct req *r, struct form *f, struct project *p,
			  bool is_new)
{
	struct strbuf why = STRBUF_INIT;

	for (size_t i = 0; project_form_fields[i]; i++) {
		const char *name = project_form_fields[i];
		const char *v = web_form(r, name);

		if (!v || (!is_new && !strcmp(name, "name")))
			continue;
		sb_reset(&why);
		if (project_set(p, name, v, &why))
			form_error(f, name, why.buf);
	}
	sb_release(&why);
	return f->nerrs;
}

int form_settings_load(struct req *r, struct form_settings *c)
{
	memset(c, 0, sizeof(*c));
	if (store_settings(r->st, r->project.id, &c->v, &c->n))
		return -1;
	c->names = xcalloc(c->n + 2, sizeof(*c->names));
	c->labels = xcalloc(c->n + 2, sizeof(*c->labels));
	c->names[0] = "";
	c->labels[0] = "(none)";
	for (size_t i = 0; i < c->n; i++)
		c->names[i + 1] = c->labels[i + 1] = c->v[i].name;
	return 0;
}

void form_settings_release(struct form_settings *c)
{
	store_settings_free(c->v, c->n);
	free(c->names);
	free(c->labels);
	memset(c, 0, sizeof(*c));
}
