/*
 * log.c: the barrier and enabler log: the rules for an observation's
 * fields, determinant suggestions from its words, its JSON, and the
 * demo project's entries.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/project.h"
#include "kb/kb.h"
#include "lib/strbuf.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "log.h"
#include "track.h"

const char *const log_fields[] = {
	"date", "reporter", "text", "kind", "severity", "status", "setting",
	"determinants", "actions", NULL
};
const char *const log_kinds[] = { "barrier", "enabler", "ambivalent", NULL };
const char *const log_statuses[] = { "open", "in-hand", "closed", NULL };
const char *const log_severity[] = {
	NULL,
	"1 slight: noticed, nothing held up yet",
	"2 minor: slows some people down",
	"3 moderate: holds up a team or a setting",
	"4 major: holds up several settings or a milestone",
	"5 critical: stops the rollout or puts patients at risk",
};

static bool one_of(const char *const *list, const char *v)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], v))
			return true;
	return false;
}

void observation_init(struct observation *o)
{
	memset(o, 0, sizeof(*o));
	o->observed = xstrdup("");
	o->reporter = xstrdup("");
	o->text = xstrdup("");
	o->kind = xstrdup("barrier");
	o->severity = 3;
	o->status = xstrdup("open");
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Split value into ids, each checked with known (a determinant or an
 * action of kb), sorted; none given twice. 0, or -1 with err set.
 */
static int parse_ids(const struct kb *kb, const char *field, const char *value,
		     bool actions, char ***out, size_t *nout, struct strbuf *err)
{
	static const char sep[] = ", ;\t\r\n";
	char **v = NULL;
	size_t n = 0, alloc = 0;
	const char *s = value;

	if (check_text(field, value, LOG_TEXT_MAX, false, err))
		return -1;
	while (*(s += strspn(s, sep))) {
		size_t len = strcspn(s, sep);
		char *id = xstrndup(s, len);
		bool ok = actions ? kb_action(kb, id) != NULL :
			  kb_determinant(kb, id) != NULL;
		s += len;
		if (!ok) {
			sb_addf(err, "%s: '%s' is not %s of the evidence base; "
				"see 'waymark %s'", field, id, actions ?
				"an action" : "a determinant", actions ?
				"action list" : "kb determinants");
			free(id);
			goto fail;
		}
		XGROW(v, alloc, n + 1);
		v[n++] = id;
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(v[i - 1], v[i])) {
			sb_addf(err, "%s: '%s' is given twice", field, v[i]);
			goto fail;
		}
	store_strings_free(*out, *nout);
	*out = v;
	*nout = n;
	return 0;
fail:
	store_strings_free(v, n);
	return -1;
}

static int set_choice(char **dst, const char *field, const char *value,
		      const char *const *list, struct strbuf *err)
{
	if (!one_of(list, value)) {
		sb_addf(err, "%s: '%s' is not one of", field, value);
		for (size_t i = 0; list[i]; i++)
			sb_addf(err, "%s %s", i ? (list[i + 1] ? "," : " or") : "",
				list[i]);
		return -1;
	}
	set_str(dst, value);
	return 0;
}

int observation_set(const struct kb *kb, struct observation *o,
		    const char *field, const char *value, int32_t today,
		    struct strbuf *err)
{
	if (!strcmp(field, "date")) {
		int32_t day;
		struct strbuf why = STRBUF_INIT;
		int bad = track_date_parse(value, &day, &why);
		if (bad)
			sb_addf(err, "date: %s", why.buf);
		else if (day > today)
			sb_addf(err, "date: '%s' is after today; log what has "
				"been seen", value);
		sb_release(&why);
		if (bad || day > today)
			return -1;
		set_str(&o->observed, value);
	} else if (!strcmp(field, "reporter")) {
		if (check_text("reporter", value, LOG_REPORTER_MAX, true, err))
			return -1;
		if (strpbrk(value, "\r\n\t")) {
			sb_addf(err, "reporter: must be on one line, without tabs");
			return -1;
		}
		set_str(&o->reporter, value);
	} else if (!strcmp(field, "text")) {
		if (check_text("text", value, LOG_TEXT_MAX, true, err))
			return -1;
		set_str(&o->text, value);
	} else if (!strcmp(field, "kind")) {
		return set_choice(&o->kind, "kind", value, log_kinds, err);
	} else if (!strcmp(field, "status")) {
		return set_choice(&o->status, "status", value, log_statuses, err);
	} else if (!strcmp(field, "severity")) {
		if (strlen(value) != 1 || value[0] < '1' || value[0] > '5') {
			sb_addf(err, "severity: '%s' is not a whole number from 1 "
				"to 5", value);
			return -1;
		}
		o->severity = value[0] - '0';
	} else if (!strcmp(field, "determinants")) {
		return parse_ids(kb, field, value, false, &o->determinants,
				 &o->ndeterminants, err);
	} else if (!strcmp(field, "actions")) {
		return parse_ids(kb, field, value, true, &o->actions,
				 &o->nactions, err);
	} else {
		sb_addf(err, "%s: not a field of an observation", field);
		return -1;
	}
	return 0;
}

int observation_set_setting(struct store *st, struct observation *o,
			    const char *name, struct strbuf *err)
{
	struct setting s;
	int rc;

	if (!*name) {
		o->setting = 0;
		free(o->setting_name);
		o->setting_name = NULL;
		return 0;
	}
	rc = store_setting_get(st, o->project, name, &s);
	if (rc == STORE_NOTFOUND) {
		sb_addf(err, "setting: the project has no setting '%s'; see "
			"'waymark setting list'", name);
		return 1;
	}
	if (rc)
		return -1;
	o->setting = s.id;
	set_str(&o->setting_name, s.name);
	store_setting_release(&s);
	return 0;
}

int observation_check(const struct observation *o, struct strbuf *err)
{
	if (!*o->observed)
		sb_addf(err, "date: must be given");
	else if (!*o->reporter)
		sb_addf(err, "reporter: must be given");
	else if (!*o->text)
		sb_addf(err, "text: must be given");
	return err->len ? -1 : 0;
}

int observation_apply(const struct kb *kb, struct store *st,
		      struct observation *o, const char *const *values,
		      int32_t today, struct strbuf *err)
{
	for (size_t f = 0; f < LOG_NFIELDS; f++) {
		if (!values[f])
			continue;
		if (f == LOG_SETTING) {
			int rc = observation_set_setting(st, o, values[f], err);
			if (rc)
				return rc;
		} else if (observation_set(kb, o, log_fields[f], values[f], today,
					   err)) {
			return 1;
		}
	}
	return observation_check(o, err) ? 1 : 0;
}

/* --- suggestions --- */

#define MAX_WORDS 64		/* words of the text considered (bits of a mask) */

struct words {
	char *word[MAX_WORDS], *stem[MAX_WORDS];
	size_t n;
	struct stemmer *st;
	uint64_t mask;		/* the words met in the text being read */
};

/* Words too common in reports to say anything, beyond text_is_stopword. */
static const char *const common_words[] = {
	"again", "all", "also", "any", "because", "been", "being", "but", "can",
	"cannot", "could", "did", "do", "does", "done", "each", "get", "got",
	"had", "he", "her", "his", "just", "more", "most", "no", "not", "now",
	"off", "one", "only", "other", "out", "over", "she", "so", "some",
	"still", "such", "than", "then", "there", "these", "those", "too",
	"up", "us", "very", "whether", "will", "would", "yet", "you",
};

static bool common_word(const char *w)
{
	return text_is_stopword(w) ||
	       bsearch(&w, common_words, sizeof(common_words) /
		       sizeof(*common_words), sizeof(*common_words), cmp_str);
}

static void add_text_word(const char *w, size_t len, void *ctx)
{
	struct words *q = ctx;
	const char *s;

	if (q->n == MAX_WORDS || common_word(w) ||
	    strspn(w, "0123456789") == len)
		return;
	s = stem(q->st, w, len);
	for (size_t i = 0; i < q->n; i++)
		if (!strcmp(q->stem[i], s))
			return;
	q->word[q->n] = xstrdup(w);
	q->stem[q->n] = xstrdup(s);
	q->n++;
}

static void mark_word(const char *w, size_t len, void *ctx)
{
	struct words *q = ctx;
	const char *s = NULL;

	for (size_t i = 0; i < q->n; i++) {
		/* English stems keep a word's first letter: skip the rest */
		if (w[0] != q->stem[i][0])
			continue;
		if (!s)
			s = stem(q->st, w, len);
		if (!strcmp(s, q->stem[i]))
			q->mask |= (uint64_t)1 << i;
	}
}

/* The text's words met in s, as a mask. */
static uint64_t words_in(struct words *q, const char *s)
{
	q->mask = 0;
	if (s)
		text_words(s, mark_word, q);
	return q->mask;
}

/* What the evidence says of each word of the text. */
struct evidence {
	size_t nd;
	unsigned *uses;		/* [i]: elements using word i */
	unsigned *under;	/* [d * MAX_WORDS + i]: those filed under d */
};

/* Count the word's uses in one element (or summary) filed under dets. */
static void count_uses(struct evidence *ev, uint64_t m, const size_t *dets,
		       size_t ndets)
{
	for (size_t i = 0; i < MAX_WORDS; i++) {
		if (!((m >> i) & 1))
			continue;
		ev->uses[i]++;
		for (size_t k = 0; k < ndets; k++)
			ev->under[dets[k] * MAX_WORDS + i]++;
	}
}

/*
 * Count, for each word of the text, the elements that use it (in their
 * title, keywords or summary) and those of them filed under each
 * determinant. A determinant's own summary counts as one more element
 * filed under it.
 */
static void evidence_count(const struct kb *kb, struct words *q,
			   struct evidence *ev)
{
	size_t *dets = xcalloc(kb->ndeterminants + 1, sizeof(*dets));

	for (size_t d = 0; d < kb->ndeterminants; d++)
		count_uses(ev, words_in(q, kb->determinants[d].summary.s), &d, 1);
	for (size_t i = 0; i < kb->nindex; i++) {
		const struct kb_element *e = kb->index[i];
		size_t n = 0;
		uint64_t m;

		for (size_t k = 0; k < e->ndeterminants; k++) {
			const struct kb_determinant *d =
				kb_determinant(kb, e->determinants[k].s);
			if (d)
				dets[n++] = (size_t)(d - kb->determinants);
		}
		if (!n)
			continue;
		m = words_in(q, e->title.s) | words_in(q, e->summary.s);
		for (size_t k = 0; k < e->nkeywords; k++)
			m |= words_in(q, e->keywords[k].s);
		count_uses(ev, m, dets, n);
	}
	free(dets);
}

static int cmp_suggestion(const void *a, const void *b)
{
	const struct log_suggestion *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->det > y->det) - (x->det < y->det);
}

/* Score determinant d and name its words; false if it scores too little. */
static bool suggest_one(const struct kb *kb, size_t d, struct words *q,
			const struct evidence *ev, struct log_suggestion *s)
{
	uint64_t title = words_in(q, kb->determinants[d].title.s);
	double score = 0;

	memset(s, 0, sizeof(*s));
	s->det = &kb->determinants[d];
	for (size_t i = 0; i < q->n; i++) {
		unsigned under = ev->under[d * MAX_WORDS + i];
		bool in_title = (title >> i) & 1;
		double share = under ? (double)under / ev->uses[i] : 0;
		if (share < LOG_SHARE_MIN)
			under = 0;
		if (in_title)
			score += LOG_W_TITLE;
		if (under)
			score += share;
		if (in_title || under) {
			if (!s->words)
				s->words = xcalloc(q->n, sizeof(*s->words));
			s->words[s->nwords++] = xstrdup(q->word[i]);
		}
	}
	/* two decimals, so that output and order agree exactly */
	s->score = round(score * 100.0) / 100.0;
	if (s->score >= LOG_SUGGEST_MIN)
		return true;
	store_strings_free(s->words, s->nwords);
	return false;
}

size_t log_suggest(const struct kb *kb, const char *text,
		   struct log_suggestion **out)
{
	struct words q = { .n = 0 };
	size_t nd = kb->ndeterminants, n = 0;
	struct evidence ev = {
		.nd = nd, .uses = xcalloc(MAX_WORDS, sizeof(unsigned)),
		.under = xcalloc((nd + 1) * MAX_WORDS, sizeof(unsigned)),
	};
	struct log_suggestion *v = xcalloc(nd + 1, sizeof(*v));

	q.st = stemmer_new();
	text_words(text, add_text_word, &q);
	if (q.n)
		evidence_count(kb, &q, &ev);
	for (size_t d = 0; d < nd && q.n; d++)
		if (suggest_one(kb, d, &q, &ev, &v[n]))
			n++;
	qsort(v, n, sizeof(*v), cmp_suggestion);
	for (size_t i = LOG_SUGGEST_MAX; i < n; i++)
		store_strings_free(v[i].words, v[i].nwords);
	if (n > LOG_SUGGEST_MAX)
		n = LOG_SUGGEST_MAX;
	for (size_t i = 0; i < q.n; i++) {
		free(q.word[i]);
		free(q.stem[i]);
	}
	stemmer_free(q.st);
	free(ev.uses);
	free(ev.under);
	*out = v;
	return n;
}

void log_suggestions_free(struct log_suggestion *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_strings_free(v[i].words, v[i].nwords);
	free(v);
}

/* --- JSON --- */

static json_t *strings_json(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

json_t *observation_json(const struct observation *o)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:o, s:o, s:o, "
			 "s:s, s:s, s:I}", "id", (json_int_t)o->id, "date",
			 o->observed, "reporter", o->reporter, "text", o->text,
			 "kind", o->kind, "severity", o->severity, "status",
			 o->status, "setting", o->setting_name ?
			 json_string(o->setting_name) : json_null(),
			 "determinants", strings_json(o->determinants,
			 o->ndeterminants), "actions", strings_json(o->actions,
			 o->nactions), "created", o->created ? o->created : "",
			 "updated", o->updated ? o->updated : "", "version",
			 (json_int_t)o->version);
}

json_t *log_suggestions_json(const struct log_suggestion *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:f, s:o}",
			"determinant", v[i].det->id.s, "title",
			v[i].det->title.s, "score", v[i].score, "matched",
			strings_json(v[i].words, v[i].nwords)));
	return a;
}

/* --- the demo project's log --- */

struct demo_entry {
	const char *date, *setting, *reporter, *kind;
	int severity;
	const char *status, *text;
	const char *dets[3], *actions[3];
};

static const struct demo_entry demo_entries[] = {
	{ "2025-02-11", "Ward 3", "Priya Shah, ward manager", "barrier", 4,
	  "open", "Nurses on Ward 3 cannot be released for training on the "
	  "app: the rota has no slack and bank cover was refused.",
	  { "resourcing", "skills-training" },
	  { "act.protected-clinical-time", "act.skills-plan" } },
	{ "2025-03-05", "Emergency Department", "Dr Tom Reid, consultant",
	  "ambivalent", 3, "in-hand", "Senior doctors in the emergency "
	  "department like the instant alerts, but several say they interrupt "
	  "handovers and want them switched off.",
	  { "clinical-engagement", "user-centred-design" },
	  { "act.fast-feedback" } },
	{ "2025-04-16", "Ward 12", "IT service desk", "barrier", 3, "closed",
	  "Wi-Fi drops in the side rooms of Ward 12, so the app times out "
	  "when staff open results at the bedside. Access points added in May.",
	  { "infrastructure" }, { "act.baseline-capability" } },
	{ "2025-05-20", "Acute Medical Unit", "Sam Okafor, clinical champion",
	  "enabler", 4, "open", "Two junior doctors on the Acute Medical Unit "
	  "run ten-minute huddles showing colleagues the app; sign-ups on the "
	  "unit doubled in a month.",
	  { "clinical-engagement", "culture-motivation" },
	  { "act.champions" } },
	{ "2025-06-24", NULL, "Information governance lead", "barrier", 5,
	  "open", "The data protection impact assessment for results on "
	  "personal phones is not signed off; go-live on further wards waits "
	  "for it.", { "devices-security", "information-governance" },
	  { "act.check-ig-position" } },
	{ "2025-09-09", "Emergency Department", "Dr Tom Reid, consultant",
	  "barrier", 2, "in-hand", "Agency staff in the emergency department "
	  "have no login for the app, so permanent staff pass results on by "
	  "hand.", { "devices-security" }, { "act.identity-access" } },
};

static char **demo_list(const char *const *v, size_t *n)
{
	char **out = xcalloc(4, sizeof(*out));

	for (*n = 0; *n < 3 && v[*n]; (*n)++)
		out[*n] = xstrdup(v[*n]);
	return out;
}

int demo_log(struct store *st, int64_t project)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < sizeof(demo_entries) /
	     sizeof(*demo_entries); i++) {
		const struct demo_entry *e = &demo_entries[i];
		struct observation o;
		struct setting s;

		observation_init(&o);
		o.project = project;
		set_str(&o.observed, e->date);
		set_str(&o.reporter, e->reporter);
		set_str(&o.text, e->text);
		set_str(&o.kind, e->kind);
		set_str(&o.status, e->status);
		o.severity = e->severity;
		o.determinants = demo_list(e->dets, &o.ndeterminants);
		o.actions = demo_list(e->actions, &o.nactions);
		/* the setting only if the demo's registry has it */
		if (e->setting && !store_setting_get(st, project, e->setting, &s)) {
			o.setting = s.id;
			store_setting_release(&s);
		}
		rc = store_observation_add(st, &o);
		store_observation_release(&o);
	}
	return rc ? -1 : 0;
}
