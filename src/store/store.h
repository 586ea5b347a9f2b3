/*
 * store.h: everything waymark keeps, behind one interface. Callers never
 * see SQL or a database handle; the backend (SQLite now, PostgreSQL
 * later) is chosen by the target string given to store_open().
 *
 * Functions return 0 on success, STORE_NOTFOUND when a named thing does
 * not exist, STORE_CONFLICT when a unique name or id is taken, and -1 on
 * any other failure; store_error() then says why.
 */
#ifndef WM_STORE_H
#define WM_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assess/project.h"

enum { STORE_NOTFOUND = 1, STORE_CONFLICT = 2 };

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
/* The schema version the store is at. */
int store_schema_version(struct store *st);
/* Where a pre-migration copy was written by store_open, or NULL. */
const char *store_backup_path(struct store *st);

/* One transaction around a whole command: nothing is kept unless committed. */
int store_begin(struct store *st);
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
int store_stakeholder_update(struct store *st, const struct stakeholder *s);
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

#endif
