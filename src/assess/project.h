/*
 * project.h: a project and its stakeholders, and the rules for their
 * fields. The CLI and the web forms set fields through the same
 * functions, so a value is checked the same way wherever it comes from.
 */
#ifndef WM_PROJECT_H
#define WM_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

struct project {
	int64_t id;
	char *name;		/* short name: lower case, digits, '-' */
	char *title;
	char *technology;	/* one of project_technologies */
	char *care_settings;	/* free text, e.g. "acute, community" */
	int64_t sites, staff, settings;	/* scale; settings = must take part */
	char *partners;		/* comma list of industry, academic, nhs */
	char *device_model;	/* byod, organisation-owned, mixed */
	char *adoption;		/* opt-in, mandated */
	char *step;		/* one of the six steps; the phase follows */
	char *platforms;	/* single or multiple device platforms */
	int64_t dedicated_staff;	/* people whose job is the implementation */
	char *notes;
	int64_t anonymity;	/* least group size shown (>= 3) */
	char *created, *updated;	/* ISO 8601 UTC */
	int64_t version;	/* raised by every save (store.h) */
};

struct stakeholder {
	int64_t id, project_id;
	char *name;		/* name or role */
	char *grp;		/* a group id of the project */
	char *organisation;
	int64_t power, interest;	/* 1..5 */
	char *attitude;		/* champion, supporter, neutral, sceptic, resistant */
	int64_t version;	/* raised by every save (store.h) */
};

/* Default stakeholder groups given to a new project: id and title. */
struct group_def {
	const char *id, *title;
};
extern const struct group_def default_groups[];
extern const unsigned ndefault_groups;

/* Fill p with the defaults of a new project named name. */
void project_init(struct project *p, const char *name);
void project_release(struct project *p);
void stakeholder_init(struct stakeholder *s);
void stakeholder_release(struct stakeholder *s);

/*
 * Set field (as named in 'waymark project new --help') from text.
 * Returns 0, or -1 with the reason in err (lower case, saying what is
 * allowed) and p unchanged.
 */
int project_set(struct project *p, const char *field, const char *value,
		struct strbuf *err);
int stakeholder_set(struct stakeholder *s, const char *field,
		    const char *value, struct strbuf *err);

/*
 * Check free text for a field: valid UTF-8, at most max bytes, no control
 * characters but line ends and tabs, not blank when required. Returns 0,
 * or -1 with the reason (naming field) appended to err.
 */
int check_text(const char *field, const char *v, size_t max, bool required,
	       struct strbuf *err);

/*
 * Check an organisation's short name (as a project's, and not "none",
 * which stands for no organisation) and title (required). Returns 0, or
 * -1 with the reason, naming the field, appended to err.
 */
int org_check(const char *name, const char *title, struct strbuf *err);

struct store;
/*
 * Whether grp is one of project p's stakeholder groups. Returns 0 if so;
 * 1 if not, with the reason in err; -1 if the store failed (its error in
 * err).
 */
int project_check_group(struct store *st, const struct project *p,
			const char *grp, struct strbuf *err);

/* The phase (analyse, decide, deploy) that step belongs to, or NULL. */
const char *project_phase(const char *step);
/* True if the project's partners include kind (industry, academic, nhs). */
bool project_has_partner(const struct project *p, const char *kind);
/* True if s is a valid short name or group id. */
bool valid_slug(const char *s);

/* The allowed values, NULL-terminated, for documentation and checks. */
extern const char *const project_technologies[];
extern const char *const project_device_models[];
extern const char *const project_adoptions[];
extern const char *const project_platforms[];
extern const char *const stakeholder_attitudes[];

#include <jansson.h>
/* A project and a stakeholder as JSON (docs/json.md); new references. */
json_t *project_json(const struct project *p);
json_t *stakeholder_json(const struct stakeholder *s);

#endif
