/*
 * setting.c: rollout tracking: the settings that must take part, the
 * project's milestones, the days settings reached them, and the other
 * tools settings use.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

const struct group_def default_milestones[] = {
	{ "engaged", "Engaged" },
	{ "isa-signed", "Information sharing agreement signed" },
	{ "configured", "Configured" },
	{ "trained", "Trained" },
	{ "live", "Live" },
	{ "routine-use", "In routine use" },
};
const unsigned ndefault_milestones =
	sizeof(default_milestones) / sizeof(default_milestones[0]);

/* Store the default milestones if the project has none yet. */
static int milestones_ensure(struct store *st, int64_t project)
{
	struct db_stmt *q;
	int rc;
	bool any;

	if (db_query(st->db, &q, "SELECT 1 FROM milestone WHERE project_id = ? "
		     "LIMIT 1", "i", project))
		return store_fail(st, "cannot read milestones");
	rc = db_step(q);
	any = rc == DB_ROW;
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read milestones");
	for (unsigned i = 0; !any && i < ndefault_milestones; i++)
		if (db_run(st->db, "INSERT INTO milestone (project_id, id, title, "
			   "position) VALUES (?, ?, ?, ?)", "issi", project,
			   default_milestones[i].id, default_milestones[i].title,
			   (int64_t)i + 1))
			return store_fail(st, "cannot add the default milestones");
	return 0;
}

static int insert(struct store *st, struct setting *s)
{
	struct db_stmt *q;
	int rc;

	free(s->created);
	s->created = store_now();
	if (db_query(st->db, &q, "INSERT INTO setting (project_id, name, type, "
		     "parent, it_system, created) VALUES (?, ?, ?, ?, ?, ?) "
		     "RETURNING id", "isssss", s->project, s->name, s->type,
		     s->parent ? s->parent : "", s->it_system ? s->it_system : "",
		     s->created))
		return store_fail(st, "cannot add the setting");
	rc = db_step(q);
	if (rc == DB_ROW) {
		s->id = db_int(q, 0);
		s->version = 1;
	}
	db_finalize(q);
	return rc == DB_ROW ? 0 : store_write_failed(st, "cannot add the setting");
}

int store_setting_add(struct store *st, struct setting *s)
{
	return store_settings_add(st, s->project, s, 1);
}

int store_settings_add(struct store *st, int64_t project, struct setting *v,
		       size_t n)
{
	int rc;

	if (milestones_ensure(st, project))
		return -1;
	for (size_t i = 0; i < n; i++) {
		v[i].project = project;
		if ((rc = insert(st, &v[i])))
			return rc;
	}
	return store_project_touch(st, project);
}

#define SETTING_COLS "id, project_id, name, type, parent, it_system, " \
	"created, version"

static void from_row(struct db_stmt *q, struct setting *s)
{
	s->id = db_int(q, 0);
	s->project = db_int(q, 1);
	s->name = db_strdup(q, 2);
	s->type = db_strdup(q, 3);
	s->parent = db_strdup(q, 4);
	s->it_system = db_strdup(q, 5);
	s->created = db_strdup(q, 6);
	s->version = db_int(q, 7);
}

int store_setting_get(struct store *st, int64_t project, const char *name,
		      struct setting *s)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "SELECT " SETTING_COLS " FROM setting WHERE "
		     "project_id = ? AND name = ?", "is", project, name))
		return store_fail(st, "cannot read the setting");
	rc = db_step(q);
	if (rc == DB_ROW)
		from_row(q, s);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the setting");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_settings(struct store *st, int64_t project, struct setting **v,
		   size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT " SETTING_COLS " FROM setting WHERE "
		     "project_id = ? ORDER BY name", "i", project))
		return store_fail(st, "cannot list settings");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		from_row(q, &(*v)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list settings");
}

void store_setting_release(struct setting *s)
{
	free(s->name);
	free(s->type);
	free(s->parent);
	free(s->it_system);
	free(s->created);
	memset(s, 0, sizeof(*s));
}

void store_settings_free(struct setting *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_setting_release(&v[i]);
	free(v);
}

int store_milestones(struct store *st, int64_t project, struct group **v,
		     size_t *n)
{
	struct db_stmt *q;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT id, title FROM milestone WHERE "
		     "project_id = ? ORDER BY position, id", "i", project))
		return store_fail(st, "cannot list milestones");
	if (store_read_groups(st, q, v, n, "cannot list milestones"))
		return -1;
	if (*n == 0) {
		*v = xcalloc(ndefault_milestones, sizeof(**v));
		for (unsigned i = 0; i < ndefault_milestones; i++) {
			(*v)[i].id = xstrdup(default_milestones[i].id);
			(*v)[i].title = xstrdup(default_milestones[i].title);
		}
		*n = ndefault_milestones;
	}
	return 0;
}

static int event_set(struct store *st, int64_t project, int64_t setting,
		     const char *milestone, const char *date, const char *now)
{
	if (db_run(st->db, "INSERT INTO milestone_event (setting_id, project_id, "
		   "milestone, reached, recorded) SELECT s.id, s.project_id, m.id, "
		   "?, ? FROM setting s, milestone m WHERE s.id = ? AND "
		   "s.project_id = ? AND m.project_id = s.project_id AND m.id = ? "
		   "ON CONFLICT (setting_id, milestone) DO UPDATE SET reached = "
		   "excluded.reached, recorded = excluded.recorded", "ssiis",
		   date, now, setting, project, milestone))
		return store_fail(st, "cannot record the milestone");
	return db_changes(st->db) ? 0 : STORE_NOTFOUND;
}

int store_milestone_set(struct store *st, int64_t project, int64_t setting,
			const char *milestone, const char *date)
{
	struct milestone_event e = {
		.setting = setting, .milestone = (char *)milestone,
		.date = (char *)date,
	};

	return store_milestones_set(st, project, &e, 1);
}

int store_milestones_set(struct store *st, int64_t project,
			 const struct milestone_event *v, size_t n)
{
	char *now;
	int rc = 0;

	if (milestones_ensure(st, project))
		return -1;
	now = store_now();
	for (size_t i = 0; i < n && !rc; i++)
		rc = event_set(st, project, v[i].setting, v[i].milestone,
			       v[i].date, now);
	free(now);
	return rc ? rc : store_project_touch(st, project);
}

int store_milestone_events(struct store *st, int64_t project,
			   struct milestone_event **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT e.setting_id, e.milestone, e.reached, "
		     "e.recorded FROM milestone_event e JOIN milestone m ON "
		     "m.project_id = e.project_id AND m.id = e.milestone WHERE "
		     "e.project_id = ? ORDER BY e.setting_id, m.position",
		     "i", project))
		return store_fail(st, "cannot read milestones reached");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		(*v)[*n].setting = db_int(q, 0);
		(*v)[*n].milestone = db_strdup(q, 1);
		(*v)[*n].date = db_strdup(q, 2);
		(*v)[*n].recorded = db_strdup(q, 3);
		(*n)++;
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot read milestones reached");
}

void store_milestone_events_free(struct milestone_event *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].milestone);
		free(v[i].date);
		free(v[i].recorded);
	}
	free(v);
}

int store_setting_tool_add(struct store *st, int64_t project, int64_t setting,
			   const char *tool)
{
	if (db_run(st->db, "INSERT INTO setting_tool (setting_id, tool) SELECT "
		   "id, ? FROM setting WHERE id = ? AND project_id = ?", "sii",
		   tool, setting, project))
		return store_write_failed(st, "cannot add the tool");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

int store_setting_tool_remove(struct store *st, int64_t project,
			      int64_t setting, const char *tool)
{
	if (db_run(st->db, "DELETE FROM setting_tool WHERE tool = ? AND "
		   "setting_id = (SELECT id FROM setting WHERE id = ? AND "
		   "project_id = ?)", "sii", tool, setting, project))
		return store_fail(st, "cannot remove the tool");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

int store_setting_tools(struct store *st, int64_t project, int64_t setting,
			char ***v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT t.tool FROM setting_tool t JOIN setting "
		     "s ON s.id = t.setting_id WHERE s.id = ? AND s.project_id = ? "
		     "ORDER BY t.tool", "ii", setting, project))
		return store_fail(st, "cannot list tools");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		(*v)[(*n)++] = db_strdup(q, 0);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list tools");
}

/* --- editing the registry --- */

int store_setting_by_id(struct store *st, int64_t project, int64_t id,
			struct setting *s)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "SELECT " SETTING_COLS " FROM setting WHERE "
		     "project_id = ? AND id = ?", "ii", project, id))
		return store_fail(st, "cannot read the setting");
	rc = db_step(q);
	if (rc == DB_ROW)
		from_row(q, s);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the setting");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}

int store_setting_update(struct store *st, struct setting *s,
			 const char *old_name)
{
	if (db_run(st->db, "UPDATE setting SET name = ?, type = ?, parent = ?, "
		   "it_system = ?, version = version + 1 WHERE id = ? AND "
		   "project_id = ? AND version = ?", "ssssiii", s->name, s->type,
		   s->parent, s->it_system, s->id, s->project, s->version))
		return store_write_failed(st, "cannot save the setting");
	if (!db_changes(st->db))
		return store_missed(st, "setting", s->project, s->id);
	s->version++;
	if (strcmp(old_name, s->name) &&
	    db_run(st->db, "UPDATE setting SET parent = ? WHERE project_id = ? "
		   "AND parent = ?", "sis", s->name, s->project, old_name))
		return store_fail(st, "cannot rename the setting's children");
	return store_project_touch(st, s->project);
}

int store_setting_delete(struct store *st, int64_t project, int64_t id)
{
	if (db_run(st->db, "DELETE FROM setting WHERE id = ? AND project_id = ?",
		   "ii", id, project))
		return store_fail(st, "cannot delete the setting");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

int store_project_tools(struct store *st, int64_t project,
			struct setting_tool **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT t.setting_id, t.tool FROM setting_tool "
		     "t JOIN setting s ON s.id = t.setting_id WHERE s.project_id "
		     "= ? ORDER BY t.setting_id, t.tool", "i", project))
		return store_fail(st, "cannot list tools");
	while ((rc = db_step(q)) == DB_ROW) {
		XGROW(*v, alloc, *n + 1);
		(*v)[*n].setting = db_int(q, 0);
		(*v)[*n].tool = db_strdup(q, 1);
		(*n)++;
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot list tools");
}

void store_project_tools_free(struct setting_tool *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].tool);
	free(v);
}

int store_milestone_days(struct store *st, int64_t project,
			 int (*fn)(void *ctx, int64_t setting,
				   const char *milestone, const char *day),
			 void *ctx)
{
	struct db_stmt *q;
	int rc;

	if (db_query(st->db, &q, "SELECT setting_id, milestone, reached FROM "
		     "milestone_event WHERE project_id = ?", "i", project))
		return store_fail(st, "cannot read milestones reached");
	while ((rc = db_step(q)) == DB_ROW)
		if (fn(ctx, db_int(q, 0), db_text(q, 1), db_text(q, 2)))
			break;
	db_finalize(q);
	return rc == DB_ROW || rc == DB_DONE ? 0 :
	       store_fail(st, "cannot read milestones reached");
}

/* --- the milestones' list --- */

/* Write positions 1, 2, ... in the order of ids. */
static int renumber(struct store *st, int64_t project, char *const *ids,
		    size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (db_run(st->db, "UPDATE milestone SET position = ? WHERE "
			   "project_id = ? AND id = ?", "iis", (int64_t)i + 1,
			   project, ids[i]))
			return store_fail(st, "cannot order the milestones");
	return 0;
}

/*
 * Put id just after 'after' (NULL: first) in the project's stored list,
 * and renumber. STORE_NOTFOUND if id or after is not in the list.
 */
static int place(struct store *st, int64_t project, const char *id,
		 const char *after)
{
	struct group *v;
	char **ids;
	size_t n, k = 0, from = SIZE_MAX, to = 0;
	int rc = 0;

	if (store_milestones(st, project, &v, &n))
		return -1;
	ids = xcalloc(n + 1, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].id, id))
			from = i;
	if (from == SIZE_MAX)
		rc = STORE_NOTFOUND;
	if (after && !rc) {
		size_t i;
		for (i = 0; i < n && strcmp(v[i].id, after); i++)
			;
		if (i == n || i == from)
			rc = STORE_NOTFOUND;
		to = i + 1;
	}
	if (!rc) {
		/* the list without id, with id inserted where 'after' was */
		for (size_t i = 0; i <= n; i++) {
			if (i == to)
				ids[k++] = v[from].id;
			if (i < n && i != from)
				ids[k++] = v[i].id;
		}
		rc = renumber(st, project, ids, n);
	}
	free(ids);
	store_groups_free(v, n);
	return rc;
}

int store_milestone_add(struct store *st, int64_t project, const char *id,
			const char *title, const char *after)
{
	struct group *v;
	size_t n;
	int rc;

	if (milestones_ensure(st, project) ||
	    store_milestones(st, project, &v, &n))
		return -1;
	store_groups_free(v, n);
	if (db_run(st->db, "INSERT INTO milestone (project_id, id, title, "
		   "position) VALUES (?, ?, ?, ?)", "issi", project, id, title,
		   (int64_t)n + 1))
		return store_write_failed(st, "cannot add the milestone");
	if (after && (rc = place(st, project, id, after)))
		return rc;
	return store_project_touch(st, project);
}

int store_milestone_rename(struct store *st, int64_t project, const char *id,
			   const char *title)
{
	if (milestones_ensure(st, project))
		return -1;
	if (db_run(st->db, "UPDATE milestone SET title = ? WHERE project_id = ? "
		   "AND id = ?", "sis", title, project, id))
		return store_fail(st, "cannot rename the milestone");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

int store_milestone_move(struct store *st, int64_t project, const char *id,
			 const char *after)
{
	int rc;

	if (milestones_ensure(st, project))
		return -1;
	if ((rc = place(st, project, id, after)))
		return rc;
	return store_project_touch(st, project);
}

int store_milestone_reached_count(struct store *st, int64_t project,
				  const char *id, int64_t *n)
{
	struct db_stmt *q;
	int rc;

	*n = 0;
	if (db_query(st->db, &q, "SELECT COUNT(*) FROM milestone_event WHERE "
		     "project_id = ? AND milestone = ?", "is", project, id))
		return store_fail(st, "cannot count milestones reached");
	rc = db_step(q);
	if (rc == DB_ROW)
		*n = db_int(q, 0);
	db_finalize(q);
	return rc == DB_ROW ? 0 : store_fail(st, "cannot count milestones reached");
}

int store_milestone_remove(struct store *st, int64_t project, const char *id)
{
	if (milestones_ensure(st, project))
		return -1;
	if (db_run(st->db, "DELETE FROM milestone_event WHERE project_id = ? AND "
		   "milestone = ?", "is", project, id) ||
	    db_run(st->db, "DELETE FROM milestone WHERE project_id = ? AND "
		   "id = ?", "is", project, id))
		return store_fail(st, "cannot remove the milestone");
	if (!db_changes(st->db))
		return STORE_NOTFOUND;
	return store_project_touch(st, project);
}

/* 0 if setting is 0 or one of project's settings, else STORE_NOTFOUND. */
int store_setting_in_project(struct store *st, int64_t project, int64_t setting)
{
	struct db_stmt *q;
	int rc;

	if (!setting)
		return 0;
	if (db_query(st->db, &q, "SELECT 1 FROM setting WHERE id = ? AND "
		     "project_id = ?", "ii", setting, project))
		return store_fail(st, "cannot read the setting");
	rc = db_step(q);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the setting");
	return rc == DB_ROW ? 0 : STORE_NOTFOUND;
}
