/*
 * demo.c: a realistic sample project, so that a new user sees meaningful
 * output at once: a hospital-wide clinical app on staff's own phones,
 * stakeholders across groups, and two rounds of survey responses drawn
 * from a fixed seed (the same every time).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "kb/kb.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/store.h"
#include "survey/survey.h"
#include "track/track.h"
#include "track/workaround.h"
#include "track/log.h"
#include "track/money.h"

#define DEMO_SEED 20221107u

/* splitmix64: small, fast and good enough to draw sample answers. */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double uniform(uint64_t *s)
{
	return (double)(next(s) >> 11) / 9007199254740992.0;
}

/* Roughly normal noise: the sum of four uniforms, centred and scaled. */
static double noise(uint64_t *s)
{
	return (uniform(s) + uniform(s) + uniform(s) + uniform(s) - 2.0) * 1.7;
}

static const struct {
	const char *name, *group, *org, *attitude;
	int power, interest;
} people[] = {
	{ "Chief executive", "executive", "Trust board", "supporter", 5, 3 },
	{ "Chief clinical information officer", "clinical", "Digital", "champion", 5, 5 },
	{ "Chief nurse", "nursing", "Trust board", "supporter", 5, 4 },
	{ "Chief information officer", "it", "Digital", "champion", 5, 5 },
	{ "Data protection officer", "ig", "Information governance", "sceptic", 4, 5 },
	{ "Caldicott guardian", "ig", "Information governance", "neutral", 4, 4 },
	{ "Renal consultant", "clinical", "Medicine", "champion", 3, 5 },
	{ "Emergency department consultant", "clinical", "Urgent care", "sceptic", 3, 3 },
	{ "Junior doctors' representative", "clinical", "Medicine", "supporter", 2, 5 },
	{ "Ward sister, acute medicine", "nursing", "Medicine", "neutral", 2, 4 },
	{ "Critical care outreach nurse", "nursing", "Critical care", "champion", 2, 5 },
	{ "Nursing union representative", "nursing", "Staff side", "resistant", 3, 4 },
	{ "Pharmacist", "allied-health", "Pharmacy", "supporter", 2, 3 },
	{ "Physiotherapy lead", "allied-health", "Therapies", "neutral", 2, 2 },
	{ "Ward clerk lead", "admin", "Operations", "neutral", 1, 2 },
	{ "Medical records manager", "admin", "Operations", "sceptic", 2, 3 },
	{ "Mobile device management lead", "it", "Digital", "supporter", 3, 5 },
	{ "Service desk manager", "it", "Digital", "sceptic", 2, 4 },
	{ "Integration architect", "it", "Digital", "supporter", 3, 4 },
	{ "Director of finance", "executive", "Trust board", "sceptic", 5, 2 },
	{ "App supplier account lead", "supplier", "Industry partner", "champion", 3, 5 },
	{ "Academic evaluation lead", "supplier", "University partner", "supporter", 2, 4 },
	{ "Patient representative", "patient-public", "Patient panel", "neutral", 2, 4 },
	{ "Healthwatch volunteer", "patient-public", "Local Healthwatch", "sceptic", 2, 3 },
};

/* Respondents per group, for rounds 1 and 2 (supplier stays below 5). */
static const struct {
	const char *group;
	int n[2];
	double dk;		/* chance of "don't know" on any item */
} groups[] = {
	{ "clinical", { 34, 41 }, 0.04 },
	{ "nursing", { 38, 45 }, 0.05 },
	{ "allied-health", { 12, 14 }, 0.08 },
	{ "admin", { 9, 11 }, 0.15 },
	{ "it", { 8, 9 }, 0.03 },
	{ "ig", { 6, 7 }, 0.05 },
	{ "executive", { 5, 6 }, 0.06 },
	{ "supplier", { 4, 4 }, 0.05 },
	{ "patient-public", { 10, 12 }, 0.30 },
};

/*
 * The picture the sample should show, as the mean each group would give a
 * determinant (1 to 5); 0 means the overall default below.
 */
static double true_mean(const char *det, const char *group, int round)
{
	bool clin = !strcmp(group, "clinical") || !strcmp(group, "nursing") ||
		    !strcmp(group, "allied-health");

	if (!strcmp(det, "leadership"))
		return 4.1;
	if (!strcmp(det, "clinical-engagement"))
		return clin ? 4.2 : 3.8;
	if (!strcmp(det, "resourcing"))
		return round == 1 ? 2.0 : 2.4;	/* improving, still weak */
	if (!strcmp(det, "devices-security"))
		return round == 1 ? 2.2 : 2.4;
	if (!strcmp(det, "information-governance"))	/* ambivalent */
		return !strcmp(group, "ig") || !strcmp(group, "executive") ? 4.5 :
		       clin ? 1.8 : 2.8;
	if (!strcmp(det, "skills-training"))
		return 3.0;
	if (!strcmp(det, "partnerships"))
		return 3.7;
	if (!strcmp(det, "scale-repetition"))
		return 2.6;
	if (!strcmp(det, "user-centred-design"))
		return clin ? 3.9 : 3.5;
	return 3.2;
}

static int add_people(struct store *st, int64_t project)
{
	for (size_t i = 0; i < sizeof(people) / sizeof(*people); i++) {
		struct stakeholder s = {
			.project_id = project,
			.name = (char *)people[i].name,
			.grp = (char *)people[i].group,
			.organisation = (char *)people[i].org,
			.power = people[i].power,
			.interest = people[i].interest,
			.attitude = (char *)people[i].attitude,
		};
		if (store_stakeholder_add(st, &s))
			return -1;
	}
	return 0;
}

static unsigned char draw(uint64_t *rng, double mean, double dk, bool reversed)
{
	double v;
	long r;

	if (uniform(rng) < dk)
		return ANS_DONT_KNOW;
	v = mean + noise(rng);
	r = lround(v);
	r = r < 1 ? 1 : r > 5 ? 5 : r;
	return (unsigned char)(reversed ? 6 - r : r);
}

static int add_round(struct store *st, int64_t project, const struct survey *s,
		     const size_t *slots, size_t nslots, int round,
		     uint64_t *rng)
{
	unsigned char *answers = xcalloc(nslots + 1, 1);
	struct strbuf id = STRBUF_INIT;
	int rc = 0;

	for (size_t g = 0; g < sizeof(groups) / sizeof(*groups) && !rc; g++) {
		for (int k = 0; k < groups[g].n[round - 1] && !rc; k++) {
			memset(answers, 0, nslots);
			for (size_t i = 0; i < s->nitems; i++)
				answers[slots[i]] = draw(rng, true_mean(
					s->items[i].determinant, groups[g].group,
					round), groups[g].dk, s->items[i].reversed);
			sb_reset(&id);
			sb_addf(&id, "demo-r%d-%s-%03d", round, groups[g].group, k + 1);
			rc = store_response_add(st, project, round, id.buf,
						groups[g].group, answers, nslots,
						NULL);
		}
	}
	sb_release(&id);
	free(answers);
	return rc;
}

int demo_create(const struct kb *kb, struct store *st, struct project *p)
{
	struct strbuf err = STRBUF_INIT;
	struct survey s;
	char **ids;
	size_t *slots, nslots = 0;
	uint64_t rng = DEMO_SEED;
	int rc;

	project_init(p, DEMO_PROJECT);
	project_set(p, "title", "Hospital-wide clinical app on staff's own phones", &err);
	project_set(p, "technology", "clinical-mobile-app", &err);
	project_set(p, "care-settings", "acute hospital: wards, theatres, "
		    "emergency department, outpatients", &err);
	project_set(p, "sites", "3", &err);
	project_set(p, "staff", "4200", &err);
	project_set(p, "settings", "64", &err);
	project_set(p, "partners", "industry,academic", &err);
	project_set(p, "devices", "byod", &err);
	project_set(p, "platforms", "single", &err);
	project_set(p, "dedicated-staff", "1", &err);
	project_set(p, "adoption", "opt-in", &err);
	project_set(p, "step", "implement", &err);
	project_set(p, "notes", "Sample project made by 'waymark demo'. The app "
		    "shows results and alerts on clinicians' own phones, under "
		    "mobile device management, built with an industry partner.",
		    &err);
	sb_release(&err);
	rc = store_project_add(st, p);
	if (rc)
		return rc;
	if (add_people(st, p->id) || survey_build(kb, st, p, &s))
		return -1;
	ids = xcalloc(s.nitems + 1, sizeof(*ids));
	slots = xcalloc(s.nitems + 1, sizeof(*slots));
	for (size_t i = 0; i < s.nitems; i++)
		ids[i] = s.items[i].id;
	rc = store_items(st, p->id, ids, s.nitems, slots, true);
	for (size_t i = 0; i < s.nitems; i++)
		if (slots[i] + 1 > nslots)
			nslots = slots[i] + 1;
	if (!rc)
		rc = add_round(st, p->id, &s, slots, nslots, 1, &rng);
	if (!rc)
		rc = add_round(st, p->id, &s, slots, nslots, 2, &rng);
	if (!rc)
		rc = demo_track(st, p->id);
	if (!rc)
		rc = demo_workaround(st, p->id);
	if (!rc)
		rc = demo_log(st, p->id);
	if (!rc)
		rc = demo_money(st, p->id);
	free(ids);
	free(slots);
	survey_release(&s);
	return rc;
}
