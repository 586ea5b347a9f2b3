/* project.c: fields of projects and stakeholders, and their rules. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "project.h"
#include "store/store.h"

const char *const project_technologies[] = {
	"clinical-mobile-app", "epr", "shared-care-record", "telehealth",
	"other", NULL
};
const char *const project_device_models[] = {
	"byod", "organisation-owned", "mixed", NULL
};
const char *const project_adoptions[] = { "opt-in", "mandated", NULL };
const char *const project_platforms[] = { "single", "multiple", NULL };
static const char *const partner_kinds[] = {
	"industry", "academic", "nhs", NULL
};
const char *const stakeholder_attitudes[] = {
	"champion", "supporter", "neutral", "sceptic", "resistant", NULL
};

const struct group_def default_groups[] = {
	{ "clinical", "Clinical (medical)" },
	{ "nursing", "Nursing" },
	{ "allied-health", "Allied health" },
	{ "admin", "Administrative" },
	{ "it", "IT" },
	{ "ig", "Information governance" },
	{ "executive", "Executive" },
	{ "supplier", "Supplier" },
	{ "patient-public", "Patient or public" },
};
const unsigned ndefault_groups = sizeof(default_groups) / sizeof(*default_groups);

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

void project_init(struct project *p, const char *name)
{
	memset(p, 0, sizeof(*p));
	p->name = xstrdup(name);
	p->title = xstrdup(name);
	p->technology = xstrdup("other");
	p->care_settings = xstrdup("");
	p->partners = xstrdup("");
	p->device_model = xstrdup("organisation-owned");
	p->adoption = xstrdup("mandated");
	p->step = xstrdup("vision");
	p->platforms = xstrdup("multiple");
	p->notes = xstrdup("");
	p->anonymity = 5;
	p->created = xstrdup("");
	p->updated = xstrdup("");
}

void project_release(struct project *p)
{
	free(p->name);
	free(p->title);
	free(p->technology);
	free(p->care_settings);
	free(p->partners);
	free(p->device_model);
	free(p->adoption);
	free(p->step);
	free(p->platforms);
	free(p->notes);
	free(p->created);
	free(p->updated);
	memset(p, 0, sizeof(*p));
}

void stakeholder_init(struct stakeholder *s)
{
	memset(s, 0, sizeof(*s));
	s->name = xstrdup("");
	s->grp = xstrdup("");
	s->organisation = xstrdup("");
	s->power = 3;
	s->interest = 3;
	s->attitude = xstrdup("neutral");
}

void stakeholder_release(struct stakeholder *s)
{
	free(s->name);
	free(s->grp);
	free(s->organisation);
	free(s->attitude);
	memset(s, 0, sizeof(*s));
}

bool valid_slug(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return true;
}

static bool one_of(const char *v, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (!strcmp(v, *allowed))
			return true;
	return false;
}

static void list_allowed(struct strbuf *err, const char *const *allowed)
{
	for (size_t i = 0; allowed[i]; i++)
		sb_addf(err, "%s%s", i ? (allowed[i + 1] ? ", " : " or ") : "",
			allowed[i]);
}

static int choice(char **dst, const char *field, const char *v,
		  const char *const *allowed, struct strbuf *err)
{
	if (!one_of(v, allowed)) {
		sb_addf(err, "%s: '%s' is not allowed; use ", field, v);
		list_allowed(err, allowed);
		return -1;
	}
	set_str(dst, v);
	return 0;
}

static int number(int64_t *dst, const char *field, const char *v, long lo,
		  long hi, struct strbuf *err)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi) {
		sb_addf(err, "%s: expected a whole number from %ld to %ld, got '%s'",
			field, lo, hi, v);
		return -1;
	}
	*dst = n;
	return 0;
}

int check_text(const char *field, const char *v, size_t max, bool required,
	       struct strbuf *err)
{
	size_t n = strlen(v);

	if (!utf8_valid(v, n, NULL)) {
		sb_addf(err, "%s: not valid UTF-8", field);
		return -1;
	}
	if (n > max) {
		sb_addf(err, "%s: too long (%zu bytes; at most %zu)", field, n, max);
		return -1;
	}
	if (required && strspn(v, " \t\r\n") == n) {
		sb_addf(err, "%s: must not be empty", field);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) {
			sb_addf(err, "%s: control character (byte 0x%02x) at byte "
				"%zu; remove it", field, c, i + 1);
			return -1;
		}
	}
	return 0;
}

static int text(char **dst, const char *field, const char *v, size_t max,
		bool required, struct strbuf *err)
{
	if (check_text(field, v, max, required, err))
		return -1;
	set_str(dst, v);
	return 0;
}

/* A comma list of partner kinds, normalised to the canonical order. */
static int partners(char **dst, const char *v, struct strbuf *err)
{
	struct strbuf out = STRBUF_INIT;
	char *copy = xstrdup(v), *p, *next;
	bool seen[3] = { false, false, false };

	for (p = copy; p && *p; p = next) {
		size_t k;
		next = strchr(p, ',');
		if (next)
			*next++ = '\0';
		while (*p == ' ')
			p++;
		if (!*p || !strcmp(p, "none"))
			continue;
		for (k = 0; partner_kinds[k] && strcmp(p, partner_kinds[k]); k++)
			;
		if (!partner_kinds[k]) {
			sb_addf(err, "partners: '%s' is not a kind of partner; use "
				"a comma list of industry, academic and nhs, or none", p);
			free(copy);
			return -1;
		}
		seen[k] = true;
	}
	for (size_t k = 0; k < 3; k++)
		if (seen[k])
			sb_addf(&out, "%s%s", out.len ? "," : "", partner_kinds[k]);
	free(copy);
	free(*dst);
	*dst = sb_detach(&out);
	return 0;
}

int project_set(struct project *p, const char *f, const char *v,
		struct strbuf *err)
{
	if (!strcmp(f, "name")) {
		if (!valid_slug(v) || strspn(v, "0123456789") == strlen(v)) {
			sb_addf(err, "name: '%s' is not a short name; use lower case "
				"letters, digits and '-', up to 64, with at least "
				"one letter (a number alone would read as an id)", v);
			return -1;
		}
		set_str(&p->name, v);
		return 0;
	}
	if (!strcmp(f, "title"))
		return text(&p->title, f, v, 200, true, err);
	if (!strcmp(f, "technology"))
		return choice(&p->technology, f, v, project_technologies, err);
	if (!strcmp(f, "care-settings"))
		return text(&p->care_settings, f, v, 500, false, err);
	if (!strcmp(f, "sites"))
		return number(&p->sites, f, v, 0, 1000000, err);
	if (!strcmp(f, "staff"))
		return number(&p->staff, f, v, 0, 10000000, err);
	if (!strcmp(f, "settings"))
		return number(&p->settings, f, v, 0, 1000000, err);
	if (!strcmp(f, "partners"))
		return partners(&p->partners, v, err);
	if (!strcmp(f, "devices"))
		return choice(&p->device_model, f, v, project_device_models, err);
	if (!strcmp(f, "adoption"))
		return choice(&p->adoption, f, v, project_adoptions, err);
	if (!strcmp(f, "step"))
		return choice(&p->step, f, v, kb_steps, err);
	if (!strcmp(f, "platforms"))
		return choice(&p->platforms, f, v, project_platforms, err);
	if (!strcmp(f, "dedicated-staff"))
		return number(&p->dedicated_staff, f, v, 0, 100000, err);
	if (!strcmp(f, "notes"))
		return text(&p->notes, f, v, 20000, false, err);
	if (!strcmp(f, "anonymity"))
		return number(&p->anonymity, f, v, 3, 1000, err);
	sb_addf(err, "no project field '%s'", f);
	return -1;
}

int stakeholder_set(struct stakeholder *s, const char *f, const char *v,
		    struct strbuf *err)
{
	if (!strcmp(f, "name"))
		return text(&s->name, f, v, 200, true, err);
	if (!strcmp(f, "group")) {
		if (!valid_slug(v)) {
			sb_addf(err, "group: '%s' is not a group id", v);
			return -1;
		}
		set_str(&s->grp, v);
		return 0;
	}
	if (!strcmp(f, "organisation"))
		return text(&s->organisation, f, v, 200, false, err);
	if (!strcmp(f, "power"))
		return number(&s->power, f, v, 1, 5, err);
	if (!strcmp(f, "interest"))
		return number(&s->interest, f, v, 1, 5, err);
	if (!strcmp(f, "attitude"))
		return choice(&s->attitude, f, v, stakeholder_attitudes, err);
	sb_addf(err, "no stakeholder field '%s'", f);
	return -1;
}

const char *project_phase(const char *step)
{
	int i = kb_step_index(step);

	return i < 0 ? NULL : kb_step_phases[i];
}

bool project_has_partner(const struct project *p, const char *kind)
{
	size_t n = strlen(kind);

	for (const char *s = p->partners; (s = strstr(s, kind)); s += n)
		if ((s == p->partners || s[-1] == ',') && (s[n] == ',' || !s[n]))
			return true;
	return false;
}

int project_check_group(struct store *st, const struct project *p,
			const char *grp, struct strbuf *err)
{
	struct group *g;
	size_t n;
	bool found = false;

	if (store_groups(st, p->id, &g, &n)) {
		sb_addf(err, "%s", store_error(st));
		return -1;
	}
	for (size_t i = 0; i < n && !found; i++)
		found = !strcmp(g[i].id, grp);
	store_groups_free(g, n);
	if (found)
		return 0;
	sb_addf(err, "group: '%s' is not a group of project '%s'; see 'waymark "
		"project show %s' (add one with --add-group)", grp, p->name,
		p->name);
	return 1;
}

int org_check(const char *name, const char *title, struct strbuf *err)
{
	if (!valid_slug(name) || strspn(name, "0123456789") == strlen(name) ||
	    !strcmp(name, "none")) {
		sb_addf(err, "name: '%s' is not an organisation's short name; "
			"use lower case letters, digits and '-', up to 64, with "
			"at least one letter, and not 'none'", name);
		return -1;
	}
	return check_text("title", title ? title : "", 200, true, err);
}
