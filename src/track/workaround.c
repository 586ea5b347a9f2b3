/*
 * workaround.c: the workaround and mismatch log: field rules, the harm
 * and frequency scales, the risk matrix, the fix-first order, the CSV
 * import and the JSON of an entry (rules in workaround.h and
 * docs/tracking.md).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assess/project.h"
#include "csvrows.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "track.h"
#include "workaround.h"

const char *const workaround_kinds[] = { "workaround", "mismatch", NULL };
const char *const workaround_statuses[] = {
	"open", "fixing", "fixed", "accepted", NULL
};
const char *const harm_names[] = {
	"negligible", "minor", "moderate", "major", "catastrophic", NULL
};
const char *const frequency_names[] = {
	"rare", "occasional", "regular", "frequent", "constant", NULL
};
const char *const risk_names[] = {
	"very low", "low", "medium", "high", "very high", NULL
};

/*
 * The risk matrix: rating[harm - 1][frequency - 1]. Harm weighs more
 * than frequency: a rare catastrophe (3) outranks a constant nuisance
 * (2). docs/tracking.md sets it out as a table.
 */
static const unsigned char rating[WA_LEVELS][WA_LEVELS] = {
	/* rare  occasional  regular  frequent  constant */
	{ 1, 1, 1, 2, 2 },	/* negligible */
	{ 1, 2, 2, 2, 3 },	/* minor */
	{ 2, 2, 3, 3, 4 },	/* moderate */
	{ 2, 3, 4, 4, 5 },	/* major */
	{ 3, 4, 4, 5, 5 },	/* catastrophic */
};

static const char *const risk_actions[] = {
	"Keep it in the log and look at it again at the next review.",
	"Fix it when the work it needs can be fitted in.",
	"Plan the fix and give it an owner; if it is accepted, record why.",
	"Fix it before the rollout reaches more settings; tell the clinical "
	"safety officer.",
	"Act now: put a safeguard in place at once and fix it before anything "
	"else.",
};

static bool in_range(int64_t level)
{
	return level >= 1 && level <= WA_LEVELS;
}

int workaround_risk(int64_t harm, int64_t frequency)
{
	if (!in_range(harm) || !in_range(frequency))
		return 0;
	return rating[harm - 1][frequency - 1];
}

const char *harm_name(int64_t level)
{
	return in_range(level) ? harm_names[level - 1] : "?";
}

const char *frequency_name(int64_t level)
{
	return in_range(level) ? frequency_names[level - 1] : "?";
}

const char *risk_name(int64_t level)
{
	return in_range(level) ? risk_names[level - 1] : "?";
}

const char *risk_action(int64_t level)
{
	return in_range(level) ? risk_actions[level - 1] : "";
}

static long index_of(const char *const *v, const char *s)
{
	for (long i = 0; v[i]; i++)
		if (!strcmp(v[i], s))
			return i;
	return -1;
}

static void list_choices(struct strbuf *sb, const char *const *v)
{
	for (size_t i = 0; v[i]; i++)
		sb_addf(sb, "%s%s", i ? (v[i + 1] ? ", " : " or ") : "", v[i]);
}

int workaround_level_parse(const char *field, const char *value,
			   int64_t *level, struct strbuf *err)
{
	const char *const *names = !strcmp(field, "harm") ? harm_names
							  : frequency_names;

	if (value[0] >= '1' && value[0] <= '0' + WA_LEVELS && !value[1]) {
		*level = value[0] - '0';
		return 0;
	}
	for (int i = 0; names[i]; i++)
		if (!strcasecmp(names[i], value)) {
			*level = i + 1;
			return 0;
		}
	sb_addf(err, "%s: '%s' is not a level of %s; use 1 to %d or ", field,
		value, field, WA_LEVELS);
	list_choices(err, names);
	return -1;
}

void workaround_init(struct workaround *w)
{
	memset(w, 0, sizeof(*w));
	w->kind = xstrdup("workaround");
	w->description = xstrdup("");
	w->setting_name = xstrdup("");
	w->status = xstrdup("open");
	w->observed = xstrdup("");
	w->reporter = xstrdup("");
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

static int choice(char **dst, const char *field, const char *value,
		  const char *const *choices, struct strbuf *err)
{
	if (index_of(choices, value) < 0) {
		sb_addf(err, "%s: '%s' is not a %s; use ", field, value, field);
		list_choices(err, choices);
		return -1;
	}
	set_str(dst, value);
	return 0;
}

/* Text on one line, without tabs (a name or the reporter). */
static int one_line(char **dst, const char *field, const char *value,
		    size_t max, bool required, struct strbuf *err)
{
	if (check_text(field, value, max, required, err))
		return -1;
	if (strpbrk(value, "\n\r\t")) {
		sb_addf(err, "%s: must be on one line, without tabs", field);
		return -1;
	}
	set_str(dst, value);
	return 0;
}

static int observed(struct workaround *w, const char *value,
		    struct strbuf *err)
{
	struct strbuf why = STRBUF_INIT;
	int32_t day;
	int rc = -1;

	if (track_date_parse(value, &day, &why))
		sb_addf(err, "observed: %s", why.buf);
	else if (day > track_today())
		sb_addf(err, "observed: '%s' is after today; record what has "
			"been seen", value);
	else
		rc = 0;
	if (!rc)
		set_str(&w->observed, value);
	sb_release(&why);
	return rc;
}

int workaround_set(struct workaround *w, const char *field,
		   const char *value, struct strbuf *err)
{
	if (!strcmp(field, "kind"))
		return choice(&w->kind, field, value, workaround_kinds, err);
	if (!strcmp(field, "status"))
		return choice(&w->status, field, value, workaround_statuses, err);
	if (!strcmp(field, "description")) {
		if (check_text(field, value, WA_DESCRIPTION_MAX, true, err))
			return -1;
		set_str(&w->description, value);
		return 0;
	}
	if (!strcmp(field, "setting"))
		return one_line(&w->setting_name, field, value, TRACK_TEXT_MAX,
				false, err);
	if (!strcmp(field, "reporter"))
		return one_line(&w->reporter, field, value, WA_REPORTER_MAX, true,
				err);
	if (!strcmp(field, "harm"))
		return workaround_level_parse(field, value, &w->harm, err);
	if (!strcmp(field, "frequency"))
		return workaround_level_parse(field, value, &w->frequency, err);
	if (!strcmp(field, "observed"))
		return observed(w, value, err);
	sb_addf(err, "%s: not a field of a workaround", field);
	return -1;
}

size_t workaround_missing(const struct workaround *w, struct strbuf *err)
{
	const char *what[5];
	size_t n = 0;

	if (!*w->description)
		what[n++] = "description: required: what happens";
	if (!w->harm)
		what[n++] = "harm: required: 1 to 5 or a level's name";
	if (!w->frequency)
		what[n++] = "frequency: required: 1 to 5 or a level's name";
	if (!*w->observed)
		what[n++] = "observed: required: the day it was seen, YYYY-MM-DD";
	if (!*w->reporter)
		what[n++] = "reporter: required: who reported it";
	for (size_t i = 0; i < n; i++)
		sb_addf(err, "%s%s", err->len ? "; " : "", what[i]);
	return n;
}

int workaround_resolve(struct store *st, struct workaround *w,
		       struct strbuf *err)
{
	struct setting s;
	int rc;

	if (!*w->setting_name) {
		w->setting = 0;
		return 0;
	}
	rc = store_setting_get(st, w->project, w->setting_name, &s);
	if (rc == STORE_NOTFOUND) {
		sb_addf(err, "setting: the project has no setting '%s'; see "
			"'waymark setting list'", w->setting_name);
		return 1;
	}
	if (rc)
		return -1;
	w->setting = s.id;
	store_setting_release(&s);
	return 0;
}

/* --- listing --- */

bool workaround_matches(const struct workaround *w,
			const struct workaround_filter *f)
{
	if (f->kind && strcmp(f->kind, w->kind))
		return false;
	if (f->status && strcmp(f->status, w->status))
		return false;
	if (f->setting && strcmp(f->setting, w->setting_name))
		return false;
	return workaround_risk(w->harm, w->frequency) >= f->min_risk;
}

int workaround_filter_check(const struct workaround_filter *f,
			    struct strbuf *err)
{
	if (f->kind && index_of(workaround_kinds, f->kind) < 0) {
		sb_addf(err, "kind: '%s' is not a kind; use ", f->kind);
		list_choices(err, workaround_kinds);
		return -1;
	}
	if (f->status && index_of(workaround_statuses, f->status) < 0) {
		sb_addf(err, "status: '%s' is not a status; use ", f->status);
		list_choices(err, workaround_statuses);
		return -1;
	}
	if (f->min_risk < 0 || f->min_risk > WA_LEVELS) {
		sb_addf(err, "min-risk: expected a rating from 1 to %d",
			WA_LEVELS);
		return -1;
	}
	return 0;
}

bool workaround_is_open(const struct workaround *w)
{
	return !strcmp(w->status, "open") || !strcmp(w->status, "fixing");
}

static const struct workaround *order_base;

static int cmp_int(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static int fix_first_cmp(const void *a, const void *b)
{
	const struct workaround *x = &order_base[*(const size_t *)a];
	const struct workaround *y = &order_base[*(const size_t *)b];
	int c;

	if ((c = cmp_int(workaround_risk(y->harm, y->frequency),
			 workaround_risk(x->harm, x->frequency))))
		return c;
	if ((c = cmp_int(y->harm, x->harm)))
		return c;
	if ((c = cmp_int(y->frequency, x->frequency)))
		return c;
	if ((c = strcmp(x->observed, y->observed)))
		return c < 0 ? -1 : 1;
	return cmp_int(x->id, y->id);
}

size_t workaround_fix_first(const struct workaround *v, size_t n,
			    size_t *order)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (workaround_is_open(&v[i]))
			order[m++] = i;
	order_base = v;
	qsort(order, m, sizeof(*order), fix_first_cmp);
	return m;
}

json_t *workaround_json(const struct workaround *w)
{
	int risk = workaround_risk(w->harm, w->frequency);
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(w->id));
	json_object_set_new(o, "kind", json_string(w->kind));
	json_object_set_new(o, "description", json_string(w->description));
	json_object_set_new(o, "setting", *w->setting_name ?
			    json_string(w->setting_name) : json_null());
	json_object_set_new(o, "harm", json_integer(w->harm));
	json_object_set_new(o, "harm_name", json_string(harm_name(w->harm)));
	json_object_set_new(o, "frequency", json_integer(w->frequency));
	json_object_set_new(o, "frequency_name",
			    json_string(frequency_name(w->frequency)));
	json_object_set_new(o, "risk", json_integer(risk));
	json_object_set_new(o, "risk_name", json_string(risk_name(risk)));
	json_object_set_new(o, "status", json_string(w->status));
	json_object_set_new(o, "observed", json_string(w->observed));
	json_object_set_new(o, "reporter", json_string(w->reporter));
	json_object_set_new(o, "created", json_string(w->created ? w->created
						      : ""));
	json_object_set_new(o, "updated", json_string(w->updated ? w->updated
						      : ""));
	json_object_set_new(o, "version", json_integer(w->version));
	return o;
}

/* --- the demo project --- */

static const struct {
	const char *kind, *setting, *harm, *frequency, *status, *observed,
		   *reporter, *description;
} demo[] = {
	{ "mismatch", "Emergency Department", "catastrophic", "frequent",
	  "open", "2025-07-15", "ED nurse in charge",
	  "The triage category in the app trails the department's own system "
	  "by up to an hour, so a patient who is getting worse can look less "
	  "urgent than they are." },
	{ "mismatch", "Acute Medical Unit", "catastrophic", "occasional",
	  "open", "2025-04-22", "AMU consultant",
	  "A do-not-resuscitate decision recorded in the patient record did "
	  "not show in the app after the patient moved to a ward; the team "
	  "found it in the paper notes." },
	{ "mismatch", "Emergency Department", "major", "frequent", "open",
	  "2025-03-11", "ED registrar",
	  "Dismissing a result alert marks it as acknowledged, though nobody "
	  "has acted on it; staff dismiss alerts to clear the screen." },
	{ "workaround", "Ward 3", "moderate", "constant", "fixing",
	  "2025-02-04", "Ward 3 sister",
	  "Nurses copy results onto the paper handover sheet because the app "
	  "logs them out between patients." },
	{ "workaround", "Ward 12", "minor", "regular", "open", "2025-05-19",
	  "Ward 12 junior doctor",
	  "Doctors photograph the app's screen to pass a result to a colleague, "
	  "since the app cannot hand a patient over." },
	{ "workaround", "", "negligible", "frequent", "accepted", "2025-06-02",
	  "Digital nurse lead",
	  "Staff keep a spare phone charger at the nurses' station because the "
	  "app drains batteries over a long shift." },
	{ "workaround", "Ward 3", "moderate", "regular", "fixed", "2025-01-20",
	  "Ward 3 pharmacist",
	  "Results of patients with two hospital numbers showed under only "
	  "one, so staff searched under both." },
};

int demo_workaround(struct store *st, int64_t project)
{
	struct strbuf err = STRBUF_INIT;
	int rc = 0;

	for (size_t i = 0; !rc && i < sizeof(demo) / sizeof(*demo); i++) {
		struct workaround w;
		struct setting s;

		workaround_init(&w);
		w.project = project;
		workaround_set(&w, "kind", demo[i].kind, &err);
		workaround_set(&w, "harm", demo[i].harm, &err);
		workaround_set(&w, "frequency", demo[i].frequency, &err);
		workaround_set(&w, "status", demo[i].status, &err);
		workaround_set(&w, "observed", demo[i].observed, &err);
		workaround_set(&w, "reporter", demo[i].reporter, &err);
		workaround_set(&w, "description", demo[i].description, &err);
		/* the setting only if the demo has it */
		if (*demo[i].setting &&
		    !(rc = store_setting_get(st, project, demo[i].setting, &s))) {
			w.setting = s.id;
			store_setting_release(&s);
		}
		if (rc == STORE_NOTFOUND)
			rc = 0;
		if (!rc)
			rc = store_workaround_add(st, &w) ? -1 : 0;
		store_workaround_release(&w);
	}
	sb_release(&err);
	return rc;
}
