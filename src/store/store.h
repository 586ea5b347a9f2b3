/*
 * store.h: everything waymark keeps, behind one interface. Callers never
 * see SQL or a database handle; the backend (SQLite now, PostgreSQL
 * later) is chosen by the target string given to store_open().
 *
 * Functions return 0 on success, STORE_NOTFOUND when a named thing does
 * not exist, STORE_CONFLICT when a unique name or id is taken, and -1 on
 * any other failure; store_error() then says why. Updates of the records
 * people edit (project, stakeholder, setting, observation, workaround,
 * benefit, cost item) name the version they read and raise it by one;
 * STORE_STALE when the record has changed since (nothing is saved).
 */
#ifndef WM_STORE_H
#define WM_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assess/project.h"

enum { STORE_NOTFOUND = 1, STORE_CONFLICT = 2, STORE_STALE = 4 };
/* (3 is TRACK_BAD, which track.h returns beside these) */

struct store;

/*
 * Open (creating if need be) the store at target, and bring its schema up
 * to date. Before a migration changes an existing file, a copy is taken
 * beside it (PATH.vN.bak, N the old version). Returns 0, or -1 with
 * *errmsg allocated.
 */
int store_open(const char *target, struct store **out, char **errmsg);
/* As store_open, but migrate no further than version upto (for tests). */
int store_open_upto(const char *target, int upto, struct store **out,
		    char **errmsg);
void store_close(struct store *st);
const char *store_error(struct store *st);
/*
 * Whether the last failure was the database being out of reach (a
 * PostgreSQL server down or restarting): worth trying again later. The
 * next call tries to connect again.
 */
bool store_unavailable(struct store *st);
/* The schema version the store is at. */
int store_schema_version(struct store *st);
/* Where a pre-migration copy was written by store_open, or NULL. */
const char *store_backup_path(struct store *st);

/* One transaction around a whole command: nothing is kept unless committed. */
int store_begin(struct store *st);
/* As store_begin, for a transaction that will write: waits for the lock. */
int store_begin_write(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

/* --- projects --- */

/* Insert p (id and timestamps are set) with the default groups. */
int store_project_add(struct store *st, struct project *p);
/* Find by numeric id or short name; fills p (release it). */
int store_project_get(struct store *st, const char *id_or_name,
		      struct project *p);
/* Every project by name (free with store_projects_free). */
int store_project_list(struct store *st, struct project **v, size_t *n);
/* Save every field of p (by id); updated is set. */
int store_project_update(struct store *st, struct project *p);
/* Delete the project and everything it owns. */
int store_project_delete(struct store *st, int64_t id);
void store_projects_free(struct project *v, size_t n);

/* --- stakeholder groups of a project --- */

struct group {
	char *id, *title;
};
/* The project's groups in their order (free with store_groups_free). */
int store_groups(struct store *st, int64_t project, struct group **v,
		 size_t *n);
/* Add a group at the end; STORE_CONFLICT if the id is taken. */
int store_group_add(struct store *st, int64_t project, const char *id,
		    const char *title);
/* STORE_CONFLICT if stakeholders or responses still use it. */
int store_group_remove(struct store *st, int64_t project, const char *id);
void store_groups_free(struct group *v, size_t n);

/* --- stakeholders --- */

/* Insert s (its id is set). Get, list, update and delete work by project
 * and id; update and delete return STORE_NOTFOUND when there is none. */
int store_stakeholder_add(struct store *st, struct stakeholder *s);
int store_stakeholder_get(struct store *st, int64_t project, int64_t id,
			  struct stakeholder *s);
int store_stakeholder_list(struct store *st, int64_t project,
			   struct stakeholder **v, size_t *n);
int store_stakeholder_update(struct store *st, struct stakeholder *s);
int store_stakeholder_delete(struct store *st, int64_t project, int64_t id);
void store_stakeholders_free(struct stakeholder *v, size_t n);

/* --- survey configuration --- */

/*
 * The determinants the project's survey includes. An empty list means
 * every determinant of the evidence base.
 */
int store_survey_dets(struct store *st, int64_t project, char ***v,
		      size_t *n);
int store_survey_set_dets(struct store *st, int64_t project,
			  char *const *v, size_t n);
/* Determinants not asked of a group (tailoring), as group, det pairs. */
struct exclusion {
	char *grp, *det;
};
/* The tailoring rules; store_survey_exclude adds or removes one. */
int store_survey_exclusions(struct store *st, int64_t project,
			    struct exclusion **v, size_t *n);
int store_survey_exclude(struct store *st, int64_t project, const char *grp,
			 const char *det, bool excluded);
void store_strings_free(char **v, size_t n);
void store_exclusions_free(struct exclusion *v, size_t n);

/* --- responses --- */

/*
 * Responses keep their answers packed, one byte per item, in the order of
 * the project's item table, which only ever grows: an item keeps its slot
 * for good. store_items maps item ids to slots; slots[i] is the slot of
 * ids[i]. With add, ids not yet there get new slots; without, they get
 * STORE_NO_SLOT and nothing is written.
 */
#define STORE_NO_SLOT ((size_t)-1)
int store_items(struct store *st, int64_t project, char *const *ids,
		size_t n, size_t *slots, bool add);

struct stored_response {
	int64_t id;
	char *ext_id;		/* the response's identifier */
	int64_t round;
	char *grp;
	unsigned char *answers;	/* by slot */
	size_t nanswers;
};

/* True in *exists if a response with ext_id is already kept. */
int store_response_exists(struct store *st, int64_t project,
			  const char *ext_id, bool *exists);
/* Keep one response; comments[i] (may be NULL) belongs to slot i. */
int store_response_add(struct store *st, int64_t project, int64_t round,
		       const char *ext_id, const char *grp,
		       const unsigned char *answers, size_t nanswers,
		       char *const *comments);
/*
 * Call fn for each response of round (0: every round), in id order. The
 * struct is valid only during the call.
 */
typedef int (*response_fn)(const struct stored_response *r, void *ctx);
int store_responses(struct store *st, int64_t project, int64_t round,
		    response_fn fn, void *ctx);
/* Rounds that have responses, ascending, with their counts. */
int store_rounds(struct store *st, int64_t project, int64_t **rounds,
		 int64_t **counts, size_t *n);

/* --- checkpoints (the road map's gates) --- */

struct checkpoint_done {
	char *checkpoint;	/* an evidence element id */
	char *by, *at, *note;
};
/* The ticked checkpoints of a project, by id (free with the _free call). */
int store_checkpoints(struct store *st, int64_t project,
		      struct checkpoint_done **v, size_t *n);
/* Mark done (replacing an earlier mark) or, with by NULL, not done. */
int store_checkpoint_set(struct store *st, int64_t project,
			 const char *checkpoint, const char *by,
			 const char *note);
void store_checkpoints_free(struct checkpoint_done *v, size_t n);

/* --- change counter (for caches) --- */

/*
 * Every change to a project's data through this interface (its fields,
 * groups, stakeholders, survey set-up, responses, checkpoints, links)
 * raises the project's revision by one, so a cache keyed by (project,
 * revision) is never stale, whichever process made the change.
 */
int store_project_revision(struct store *st, int64_t project, int64_t *rev);

/* --- users, sessions and API tokens --- */

struct user {
	int64_t id;
	char *name;		/* login name, unique */
	char *display;		/* full name as shown */
	char *pwhash;		/* an Argon2id string from libsodium */
	bool admin;		/* site administrator */
	char *created;
};
/* Insert u (its id and created are set); STORE_CONFLICT if the name is taken. */
int store_user_add(struct store *st, struct user *u);
/* Find by login name or by id; STORE_NOTFOUND if there is none. */
int store_user_get(struct store *st, const char *name, struct user *u);
int store_user_get_id(struct store *st, int64_t id, struct user *u);
/* Every user by name (free with store_users_free). */
int store_user_list(struct store *st, struct user **v, size_t *n);
/* Replace the password hash and end every session of the user. */
int store_user_set_password(struct store *st, int64_t id, const char *pwhash);
/* Save display and admin of u (by id). */
int store_user_update(struct store *st, const struct user *u);
/* Delete the user with their sessions, tokens and memberships. */
int store_user_delete(struct store *st, int64_t id);
int store_user_count(struct store *st, int64_t *n);
void store_user_release(struct user *u);
void store_users_free(struct user *v, size_t n);

/*
 * Sessions and API tokens are kept only as a hash of the secret the
 * browser or client holds (secret_digest in lib/secret.h).
 * Times are seconds since the epoch.
 */
struct session {
	int64_t user;
	char *csrf;		/* the session's anti-forgery token */
	int64_t created, expires;
};
int store_session_add(struct store *st, const char *hash, int64_t user,
		      const char *csrf, int64_t created, int64_t expires);
/* STORE_NOTFOUND if there is no such session or it expired before now. */
int store_session_get(struct store *st, const char *hash, int64_t now,
		      struct session *s);
int store_session_delete(struct store *st, const char *hash);
/* Forget sessions that expired before now. */
int store_sessions_purge(struct store *st, int64_t now);
void store_session_release(struct session *s);

struct api_token {
	int64_t id, user;
	char *label, *created;
};
int store_token_add(struct store *st, const char *hash, int64_t user,
		    const char *label);
/* The user a token belongs to; STORE_NOTFOUND if none. */
int store_token_user(struct store *st, const char *hash, int64_t *user);
int store_tokens(struct store *st, int64_t user, struct api_token **v,
		 size_t *n);
int store_token_delete(struct store *st, int64_t user, int64_t id);
void store_tokens_free(struct api_token *v, size_t n);

/*
 * Failed logins, counted over a window for rate limiting: by login name
 * and by client address.
 */
int store_login_failed(struct store *st, const char *name, const char *addr,
		       int64_t now);
int store_login_failures(struct store *st, const char *name,
			 const char *addr, int64_t since, int64_t *by_name,
			 int64_t *by_addr);
/* Forget the failures of name (after a good login). */
int store_login_clear(struct store *st, const char *name);

/* --- who may do what in a project --- */

enum role { ROLE_NONE = 0, ROLE_VIEWER = 1, ROLE_CONTRIBUTOR = 2,
	    ROLE_LEAD = 3 };
/* Give user role in project; ROLE_NONE removes them. */
int store_member_set(struct store *st, int64_t project, int64_t user,
		     enum role role);
/* The user's role in the project: ROLE_NONE if they have none. */
int store_member_role(struct store *st, int64_t project, int64_t user,
		      enum role *role);
struct member {
	int64_t user;
	char *name, *display;
	enum role role;
};
int store_members(struct store *st, int64_t project, struct member **v,
		  size_t *n);
void store_members_free(struct member *v, size_t n);
/*
 * The projects user may see, by name, with their role in each, by the
 * rule of store_project_access (under organisations, below).
 */
int store_project_list_for(struct store *st, int64_t user,
			   struct project **v, enum role **roles, size_t *n);

/* --- audit log --- */

struct audit_entry {
	int64_t id, project;	/* project 0: a site-wide change */
	char *at, *who, *action, *entity;
	char *before, *after;	/* JSON text, or NULL */
};
/* Record one change: who did action to entity, with its JSON before and after. */
int store_audit_add(struct store *st, int64_t project, const char *who,
		    const char *action, const char *entity,
		    const char *before, const char *after);
/*
 * Up to limit entries of project (0: site-wide ones), newest first,
 * older than id below (0: from the newest).
 */
int store_audit_list(struct store *st, int64_t project, int64_t below,
		     size_t limit, struct audit_entry **v, size_t *n);
void store_audit_free(struct audit_entry *v, size_t n);

/* --- survey links --- */

/*
 * A link lets whoever holds its token answer the project's survey once
 * (a stakeholder's link) or any number of times (an open link). The
 * token is at least 128 random bits, made by the caller.
 */
struct survey_link {
	int64_t id, project;
	char *token;
	int64_t stakeholder;	/* 0: an open link */
	char *grp;		/* the group answers count for; NULL: asked */
	int64_t round;
	char *label, *created;
	char *used_on;		/* the day a stakeholder's link was used, or NULL */
	bool revoked;
	int64_t responses;	/* responses received through it */
};
/* Insert l (id and created are set). */
int store_link_add(struct store *st, struct survey_link *l);
/* STORE_NOTFOUND if there is no link with the token. */
int store_link_get(struct store *st, const char *token, struct survey_link *l);
int store_links(struct store *st, int64_t project, struct survey_link **v,
		size_t *n);
int store_link_revoke(struct store *st, int64_t project, int64_t id);
/* Count a response received through link id (and mark a stakeholder's used). */
int store_link_count(struct store *st, int64_t id);
void store_link_release(struct survey_link *l);
void store_links_free(struct survey_link *v, size_t n);


/* --- rollout tracking --- */

/*
 * A setting that must take part in the rollout: an organisation, a site
 * or a team, named uniquely within its project. parent names another
 * setting of the project, or is "" (the store does not check it; the
 * import and the CLI do, see track/track.h).
 */
struct setting {
	int64_t id, project;
	char *name, *type, *parent, *it_system;
	char *created;		/* ISO 8601 UTC, set by the store */
	int64_t version;	/* raised by every save */
};
/* Insert s (id and created are set); STORE_CONFLICT if the name is taken. */
int store_setting_add(struct store *st, struct setting *s);
/*
 * Insert n settings at once, in order, raising the revision once (for
 * imports). STORE_CONFLICT if a name is taken (then some may be in:
 * roll the transaction back).
 */
int store_settings_add(struct store *st, int64_t project, struct setting *v,
		       size_t n);
/* Find by name; STORE_NOTFOUND if there is none. */
int store_setting_get(struct store *st, int64_t project, const char *name,
		      struct setting *s);
/* Every setting of the project by name (free with store_settings_free). */
int store_settings(struct store *st, int64_t project, struct setting **v,
		   size_t *n);
void store_setting_release(struct setting *s);
void store_settings_free(struct setting *v, size_t n);

/*
 * Milestones: a project's ordered list, as id (a slug) and title. A
 * project gets default_milestones (engaged, isa-signed, configured,
 * trained, live, routine-use) stored the first time a setting or a
 * milestone is recorded for it; store_milestones shows the defaults
 * before that.
 */
extern const struct group_def default_milestones[];
extern const unsigned ndefault_milestones;
/* The project's milestones in order (free with store_groups_free). */
int store_milestones(struct store *st, int64_t project, struct group **v,
		     size_t *n);

/* The day (YYYY-MM-DD) a setting reached a milestone. */
struct milestone_event {
	int64_t setting;	/* the setting's id */
	char *milestone;	/* a milestone id of the project */
	char *date;		/* YYYY-MM-DD, checked by the caller */
	char *recorded;		/* ISO 8601 UTC, set by the store */
};
/*
 * Record that setting reached milestone on date, replacing an earlier
 * record of the pair. STORE_NOTFOUND if the setting or milestone is not
 * the project's.
 */
int store_milestone_set(struct store *st, int64_t project, int64_t setting,
			const char *milestone, const char *date);
/* Record n events at once (setting, milestone and date of each are read). */
int store_milestones_set(struct store *st, int64_t project,
			 const struct milestone_event *v, size_t n);
/* Every event of the project, by setting id then milestone position. */
int store_milestone_events(struct store *st, int64_t project,
			   struct milestone_event **v, size_t *n);
void store_milestone_events_free(struct milestone_event *v, size_t n);

/* Other tools a setting uses (paper folders, another record...). */
int store_setting_tool_add(struct store *st, int64_t project, int64_t setting,
			   const char *tool);
/* STORE_NOTFOUND if the setting did not have the tool. */
int store_setting_tool_remove(struct store *st, int64_t project,
			      int64_t setting, const char *tool);
/* The tools of one setting, by text (free with store_strings_free). */
int store_setting_tools(struct store *st, int64_t project, int64_t setting,
			char ***v, size_t *n);


/* Find by id; STORE_NOTFOUND if the project has no such setting. */
int store_setting_by_id(struct store *st, int64_t project, int64_t id,
			struct setting *s);
/*
 * Save s's name, type, parent and IT system (by s->id and s->project).
 * When the name changes from old_name, settings whose parent was
 * old_name follow the new name. The rules (no circle of parents, the
 * parent exists) are the caller's (track.h). STORE_NOTFOUND,
 * STORE_CONFLICT if the name is taken.
 */
int store_setting_update(struct store *st, struct setting *s,
			 const char *old_name);
/*
 * Delete a setting with the days it reached milestones, its tools and
 * usage figures. STORE_NOTFOUND if the project has no such setting.
 */
int store_setting_delete(struct store *st, int64_t project, int64_t id);

/* One tool of one setting. */
struct setting_tool {
	int64_t setting;
	char *tool;
};
/* Every tool of the project's settings, by setting id then tool. */
int store_project_tools(struct store *st, int64_t project,
			struct setting_tool **v, size_t *n);
void store_project_tools_free(struct setting_tool *v, size_t n);

/*
 * Call fn for every day a setting of the project reached a milestone, in
 * no particular order (the fast path for reports: nothing is copied;
 * the strings are valid during the call only). fn returns nonzero to
 * stop. Returns 0 or -1.
 */
int store_milestone_days(struct store *st, int64_t project,
			 int (*fn)(void *ctx, int64_t setting,
				   const char *milestone, const char *day),
			 void *ctx);

/*
 * Change the milestones' list (the defaults are stored first if the
 * project has none yet). id and title are checked by the caller
 * (track.h). add: at the end, or just after milestone 'after';
 * STORE_CONFLICT if id is taken. move: just after 'after', or first if
 * after is NULL. STORE_NOTFOUND if id or after is not one of the
 * project's milestones.
 */
int store_milestone_add(struct store *st, int64_t project, const char *id,
			const char *title, const char *after);
int store_milestone_rename(struct store *st, int64_t project, const char *id,
			   const char *title);
int store_milestone_move(struct store *st, int64_t project, const char *id,
			 const char *after);
/* How many settings reached milestone id. */
int store_milestone_reached_count(struct store *st, int64_t project,
				  const char *id, int64_t *n);
/* Remove milestone id and every record of it being reached. */
int store_milestone_remove(struct store *st, int64_t project, const char *id);

/* --- usage figures (depth of use) --- */

/*
 * One figure of a setting for a month: value (>= 0) of metric, e.g.
 * active users, out of eligible (> 0, NAN when not known).
 */
struct usage_figure {
	int64_t setting;
	char *metric;
	char *month;		/* YYYY-MM */
	double value, eligible;
};
/*
 * Record n figures, each replacing an earlier one of the same setting,
 * metric and month. STORE_NOTFOUND if a setting is not the project's.
 */
int store_usage_set(struct store *st, int64_t project,
		    const struct usage_figure *v, size_t n);
/* The project's figures (of metric only, unless NULL) by metric, month, setting. */
int store_usage_figures(struct store *st, int64_t project, const char *metric,
			struct usage_figure **v, size_t *n);
void store_usage_figures_free(struct usage_figure *v, size_t n);

/* --- barrier and enabler log --- */

/*
 * One observation made during the deployment: a barrier met, an enabler
 * found, or something that helps some and hinders others (ambivalent).
 * The store keeps what it is given; the rules for the fields (kinds,
 * the severity scale, statuses, days, determinant and action ids) are
 * in track/log.h.
 */
struct observation {
	int64_t id, project;
	char *observed;		/* YYYY-MM-DD */
	char *reporter, *text;
	char *kind;		/* barrier, enabler or ambivalent */
	int severity;		/* 1 to 5 */
	char *status;		/* open, in-hand or closed */
	int64_t setting;	/* the setting's id, or 0 for none */
	char *setting_name;	/* read back by the store; NULL for none */
	char **determinants;	/* determinant ids, sorted */
	size_t ndeterminants;
	char **actions;		/* road-map action ids, sorted */
	size_t nactions;
	char *created, *updated;	/* ISO 8601 UTC, set by the store */
	int64_t version;	/* raised by every save */
};
/*
 * Insert o with its determinants and actions (id, created and updated
 * are set). STORE_NOTFOUND if o->setting is not a setting of the
 * project.
 */
int store_observation_add(struct store *st, struct observation *o);
/* Find by id within project (fills o; release it); STORE_NOTFOUND. */
int store_observation_get(struct store *st, int64_t project, int64_t id,
			  struct observation *o);
/*
 * The project's observations, newest day first (then highest id), those
 * with the given status and kind (NULL: any). Free with
 * store_observations_free.
 */
int store_observations(struct store *st, int64_t project, const char *status,
		       const char *kind, struct observation **v, size_t *n);
/*
 * Save every field of o (by project and id), replacing its determinants
 * and actions; updated is set. STORE_NOTFOUND if there is no such
 * observation or o->setting is not one of the project's.
 */
int store_observation_update(struct store *st, struct observation *o);
/* Delete an observation; STORE_NOTFOUND if there is none. */
int store_observation_delete(struct store *st, int64_t project, int64_t id);
void store_observation_release(struct observation *o);
void store_observations_free(struct observation *v, size_t n);

/* --- workaround and mismatch log --- */

/*
 * Where staff work around the system, or where its picture and clinical
 * reality diverge (docs/tracking.md): kind "workaround" or "mismatch",
 * harm and frequency on the scales 1 to 5, status "open", "fixing",
 * "fixed" or "accepted", the day it was observed (YYYY-MM-DD).
 */
struct workaround {
	int64_t id, project;
	char *kind, *description;
	int64_t setting;	/* a setting of the project, or 0 for none */
	char *setting_name;	/* read by get and list: its name, or "" */
	int64_t harm, frequency;
	char *status, *observed, *reporter;
	char *created, *updated;	/* ISO 8601 UTC, set by the store */
	int64_t version;	/* raised by every save */
};
/*
 * Insert w (id and stamps are set); STORE_NOTFOUND if w->setting is not
 * 0 and not a setting of w->project. Get, list, update and delete work by
 * project and id; update and delete return STORE_NOTFOUND when there is
 * none (update also for a setting not of the project). The list is by id.
 */
int store_workaround_add(struct store *st, struct workaround *w);
int store_workaround_get(struct store *st, int64_t project, int64_t id,
			 struct workaround *w);
int store_workarounds(struct store *st, int64_t project,
		      struct workaround **v, size_t *n);
int store_workaround_update(struct store *st, struct workaround *w);
int store_workaround_delete(struct store *st, int64_t project, int64_t id);
void store_workaround_release(struct workaround *w);
void store_workarounds_free(struct workaround *v, size_t n);

/* --- benefits and the cost model --- */

/*
 * A benefit profile: what is measured (metric, in unit), who owns it,
 * where it started (baseline on baseline_date) and where it should be
 * (target on target_date), how often it is measured (monthly,
 * quarterly or yearly), and whether it releases cash. The name is
 * unique in the project. The rules for the fields are in
 * track/money.h; the store checks none of them.
 */
struct benefit {
	int64_t id, project;
	char *name, *metric, *unit, *owner;
	double baseline, target;
	char *baseline_date, *target_date;	/* YYYY-MM-DD */
	char *schedule;
	bool cash_releasing;
	char *created, *updated;	/* ISO 8601 UTC, set by the store */
	int64_t version;	/* raised by every save */
};
/* Insert b (id and stamps are set); STORE_CONFLICT if the name is taken. */
int store_benefit_add(struct store *st, struct benefit *b);
/*
 * Find a benefit of the project by name, or by id when key is a number
 * that names none. STORE_NOTFOUND if there is none.
 */
int store_benefit_get(struct store *st, int64_t project, const char *key,
		      struct benefit *b);
/* Every benefit of the project by name (free with store_benefits_free). */
int store_benefits(struct store *st, int64_t project, struct benefit **v,
		   size_t *n);
/* Save every field of b (by project and id); updated is set. */
int store_benefit_update(struct store *st, struct benefit *b);
/* Delete it with its measurements; cost items linked to it lose the link. */
int store_benefit_delete(struct store *st, int64_t project, int64_t id);
void store_benefit_release(struct benefit *b);
void store_benefits_free(struct benefit *v, size_t n);

/* One measurement of a benefit: its value on a day. */
struct benefit_measure {
	int64_t benefit;	/* the benefit's id */
	char *measured;		/* YYYY-MM-DD */
	double value;
	char *note;
	char *recorded;		/* ISO 8601 UTC, set by the store */
};
/*
 * Record n measurements (each names its benefit), replacing an earlier
 * one of the same benefit and day. STORE_NOTFOUND if a benefit is not
 * the project's (roll back then: some may be in).
 */
int store_benefit_measures_set(struct store *st, int64_t project,
			       const struct benefit_measure *v, size_t n);
/* A benefit's measurements by day (free with store_benefit_measures_free). */
int store_benefit_measures(struct store *st, int64_t project, int64_t benefit,
			   struct benefit_measure **v, size_t *n);
void store_benefit_measures_free(struct benefit_measure *v, size_t n);

/*
 * The cost model's frame: the calendar year of programme year 1 and how
 * many years it runs (the horizon, 1 to 30). STORE_NOTFOUND from get
 * while none is set.
 */
int store_cost_model_get(struct store *st, int64_t project,
			 int64_t *first_year, int64_t *horizon);
int store_cost_model_set(struct store *st, int64_t project,
			 int64_t first_year, int64_t horizon);

/*
 * One flow of the cost model: a cost or a benefit's value, in a
 * category (devices, licences, ...), one-off or recurring, from
 * programme year start_year to end_year (0: to the horizon). A one-off
 * is bought again every refresh years (0: never); a recurring flow
 * reaches full value over ramp years (0: at once). Amounts per year in
 * three cases, low <= expected <= high. benefit: the id of the benefit
 * profile it values, or 0. Rules in track/money.h.
 */
struct cost_item {
	int64_t id, project;
	char *name, *flow, *category, *kind;
	int64_t start_year, end_year, refresh, ramp;
	double low, expected, high;
	int64_t benefit;
	char *created, *updated;	/* ISO 8601 UTC, set by the store */
	int64_t version;	/* raised by every save */
};
/* Insert n items in order (ids and stamps are set); STORE_CONFLICT if a
 * name is taken (roll back then: some may be in). */
int store_cost_items_add(struct store *st, int64_t project,
			 struct cost_item *v, size_t n);
/* Find by name, or by id when key is a number that names none. */
int store_cost_item_get(struct store *st, int64_t project, const char *key,
			struct cost_item *c);
/* Every item of the project by flow (costs first), category and name. */
int store_cost_items(struct store *st, int64_t project, struct cost_item **v,
		     size_t *n);
/* Save every field of c (by project and id); updated is set. */
int store_cost_item_update(struct store *st, struct cost_item *c);
int store_cost_item_delete(struct store *st, int64_t project, int64_t id);
void store_cost_item_release(struct cost_item *c);
void store_cost_items_free(struct cost_item *v, size_t n);

/* ---- moving and copying a whole store (copy.c) ---- */

struct strbuf;

/* One table of a store: its rows and a checksum over them. */
struct store_table_sum {
	const char *table;	/* static */
	int64_t rows;
	char checksum[65];	/* hex BLAKE2b-256, see store_table_sums */
};

/*
 * Copy every row of every table of from into to, ids kept, in an order
 * that satisfies the foreign keys; then move to's id generators past the
 * copied ids. Both stores must be open at the same schema version with a
 * write transaction begun by the caller (store_begin_write: from's then
 * stays still while it is read); the caller commits to, or rolls it back
 * on failure. Returns 0; 1 with why set when the copy is refused and
 * nothing was written (to holds rows, the versions differ, from has a
 * table this waymark does not know); -1 with why set on a failure.
 */
int store_copy(struct store *from, struct store *to, struct strbuf *why);

/*
 * The rows and checksum of every table (schema_version aside), in the
 * order store_copy copies them, into *v (free it) and *n. The checksum
 * is the sum modulo 2^256 of a BLAKE2b-256 digest of each row, the row
 * written out by column kind (integer, real, text, blob, NULL), so that
 * it does not depend on the order rows are read in or on the engine.
 * Returns 0, or -1 with why set.
 */
int store_table_sums(struct store *st, struct store_table_sum **v, size_t *n,
		     struct strbuf *why);

/*
 * Copy a SQLite store, consistently while others use it, to a new file
 * at path. Returns 0; STORE_CONFLICT if path exists (nothing written);
 * STORE_NOTFOUND if the engine has no such copy (PostgreSQL: pg_dump);
 * -1 on failure (store_error).
 */
int store_backup_to(struct store *st, const char *path);
/* Whether target names a PostgreSQL database (else a SQLite file). */
bool store_is_postgresql(const char *target);

/* --- organisations (tenants) --- */

/*
 * An organisation: its users and projects. A user belongs to at most
 * one, as a member or as its administrator (who leads every project of
 * it); a project to at most one. Id 0 stands for "no organisation".
 */
struct organisation {
	int64_t id;
	char *name;		/* short name: lower case, digits, '-' */
	char *title;
	char *created;		/* ISO 8601 UTC */
};
/* Insert o (id and created are set); STORE_CONFLICT if the name is taken. */
int store_org_add(struct store *st, struct organisation *o);
/* Find by short name or by id; STORE_NOTFOUND if there is none. */
int store_org_get(struct store *st, const char *name, struct organisation *o);
int store_org_get_id(struct store *st, int64_t id, struct organisation *o);
/* Every organisation by name (free with store_orgs_free). */
int store_org_list(struct store *st, struct organisation **v, size_t *n);
/* Delete it; STORE_CONFLICT (nothing changed) while it has users or projects. */
int store_org_delete(struct store *st, int64_t id);
void store_org_release(struct organisation *o);
void store_orgs_free(struct organisation *v, size_t n);

/* The organisation of a user (0: none) and whether they administer it. */
struct user_org {
	int64_t user, org;
	char *name, *display;	/* the user's */
	bool org_admin;
};
int store_user_org(struct store *st, int64_t user, struct user_org *uo);
/*
 * Put user in org (0: in none) as its administrator or a member.
 * STORE_NOTFOUND if the user or the organisation does not exist.
 */
int store_user_org_set(struct store *st, int64_t user, int64_t org,
		       bool org_admin);
/* The users of org by name (free with store_user_orgs_free). */
int store_org_users(struct store *st, int64_t org, struct user_org **v,
		    size_t *n);
void store_user_orgs_free(struct user_org *v, size_t n);

/* The organisation a project belongs to (0: none). */
int store_project_org(struct store *st, int64_t project, int64_t *org);
/* Its short name, allocated, in *name (NULL: none). */
int store_project_org_name(struct store *st, int64_t project, char **name);
/* Move project to org (0: none); STORE_NOTFOUND if either is missing. */
int store_project_org_set(struct store *st, int64_t project, int64_t org);
/* The projects of org by name (free with store_projects_free). */
int store_org_projects(struct store *st, int64_t org, struct project **v,
		       size_t *n);

/*
 * Insert p as store_project_add does, made by user: in user's
 * organisation (none if they have none), with user as its lead.
 */
int store_project_add_by(struct store *st, struct project *p, int64_t user);

/*
 * What user may do in project, by the one rule of who sees what: a
 * site administrator and the administrator of the project's
 * organisation lead it; anyone else has the role they were given as a
 * member (ROLE_NONE: the project is not theirs to see).
 */
int store_project_access(struct store *st, int64_t project, int64_t user,
			 enum role *role);

#endif
