/* store.c: opening the store, its schema migrations and transactions. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store_int.h"

/*
 * The migrations, in order; migration N brings the schema from version
 * N - 1 to N. They are written in the SQL that SQLite and PostgreSQL
 * share (ids are "INTEGER PRIMARY KEY" here; a PostgreSQL driver maps
 * that one phrase to an identity column). Never edit a published one:
 * add another.
 */
static const char *const migrations[] = {
	/* 1: projects, stakeholders, survey configuration, responses */
	"CREATE TABLE project ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" title TEXT NOT NULL,"
	" technology TEXT NOT NULL,"
	" care_settings TEXT NOT NULL,"
	" sites INTEGER NOT NULL, staff INTEGER NOT NULL, settings INTEGER NOT NULL,"
	" partners TEXT NOT NULL,"
	" device_model TEXT NOT NULL,"
	" adoption TEXT NOT NULL,"
	" step TEXT NOT NULL,"
	" notes TEXT NOT NULL,"
	" anonymity INTEGER NOT NULL CHECK (anonymity >= 3),"
	" created TEXT NOT NULL, updated TEXT NOT NULL);"
	"CREATE TABLE stakeholder_group ("
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" id TEXT NOT NULL, title TEXT NOT NULL, position INTEGER NOT NULL,"
	" PRIMARY KEY (project_id, id));"
	"CREATE TABLE stakeholder ("
	" id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL, grp TEXT NOT NULL, organisation TEXT NOT NULL,"
	" power INTEGER NOT NULL CHECK (power BETWEEN 1 AND 5),"
	" interest INTEGER NOT NULL CHECK (interest BETWEEN 1 AND 5),"
	" attitude TEXT NOT NULL,"
	" FOREIGN KEY (project_id, grp) REFERENCES stakeholder_group(project_id, id));"
	"CREATE INDEX stakeholder_project ON stakeholder(project_id);"
	"CREATE TABLE survey_determinant ("
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" determinant TEXT NOT NULL, PRIMARY KEY (project_id, determinant));"
	"CREATE TABLE survey_exclusion ("
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" grp TEXT NOT NULL, determinant TEXT NOT NULL,"
	" PRIMARY KEY (project_id, grp, determinant),"
	" FOREIGN KEY (project_id, grp) REFERENCES stakeholder_group(project_id, id)"
	"  ON DELETE CASCADE);"
	"CREATE TABLE survey_item ("
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" slot INTEGER NOT NULL, item TEXT NOT NULL,"
	" PRIMARY KEY (project_id, slot), UNIQUE (project_id, item));"
	"CREATE TABLE response ("
	" id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" round INTEGER NOT NULL CHECK (round >= 1),"
	" ext_id TEXT NOT NULL, grp TEXT NOT NULL, received TEXT NOT NULL,"
	" answers BLOB NOT NULL,"
	" UNIQUE (project_id, ext_id),"
	" FOREIGN KEY (project_id, grp) REFERENCES stakeholder_group(project_id, id));"
	"CREATE INDEX response_round ON response(project_id, round);"
	"CREATE TABLE response_comment ("
	" response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,"
	" slot INTEGER NOT NULL, text TEXT NOT NULL,"
	" PRIMARY KEY (response_id, slot));",

	/* 2: checkpoints ticked per project (the road map's gates) */
	"CREATE TABLE checkpoint_done ("
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" checkpoint TEXT NOT NULL,"
	" done_by TEXT NOT NULL, done_at TEXT NOT NULL, note TEXT NOT NULL,"
	" PRIMARY KEY (project_id, checkpoint));",

	/* 3: what the road map's conditions need to know of a project */
	"ALTER TABLE project ADD COLUMN platforms TEXT NOT NULL DEFAULT 'multiple';"
	"ALTER TABLE project ADD COLUMN dedicated_staff INTEGER NOT NULL DEFAULT 0;",

	/*
	 * 4: the web: a change counter per project, users with their
	 * sessions, API tokens and failed logins, who may do what in a
	 * project, the audit log and survey links. Times given by the
	 * caller as seconds since the epoch are BIGINT (past 2038 in
	 * PostgreSQL); "user" is reserved there, hence user_account and
	 * user_id. Audit rows name their project by number only, so that
	 * they outlive it.
	 */
	"ALTER TABLE project ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;"
	"CREATE TABLE user_account ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" display TEXT NOT NULL,"
	" pwhash TEXT NOT NULL,"
	" admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),"
	" created TEXT NOT NULL);"
	"CREATE TABLE user_session ("
	" hash TEXT PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,"
	" csrf TEXT NOT NULL,"
	" created BIGINT NOT NULL, expires BIGINT NOT NULL);"
	"CREATE INDEX user_session_user ON user_session(user_id);"
	"CREATE INDEX user_session_expires ON user_session(expires);"
	"CREATE TABLE api_token ("
	" id INTEGER PRIMARY KEY,"
	" hash TEXT NOT NULL UNIQUE,"
	" user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,"
	" label TEXT NOT NULL, created TEXT NOT NULL);"
	"CREATE INDEX api_token_user ON api_token(user_id);"
	"CREATE TABLE login_failure ("
	" name TEXT NOT NULL, addr TEXT NOT NULL, at BIGINT NOT NULL);"
	"CREATE INDEX login_failure_name ON login_failure(name, at);"
	"CREATE INDEX login_failure_addr ON login_failure(addr, at);"
	"CREATE INDEX login_failure_at ON login_failure(at);"
	"CREATE TABLE project_member ("
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,"
	" role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 3),"
	" PRIMARY KEY (project_id, user_id));"
	"CREATE INDEX project_member_user ON project_member(user_id);"
	"CREATE TABLE audit_log ("
	" id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL,"
	" at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,"
	" entity TEXT NOT NULL, before_json TEXT, after_json TEXT);"
	"CREATE INDEX audit_log_project ON audit_log(project_id, id);"
	"CREATE TABLE survey_link ("
	" id INTEGER PRIMARY KEY,"
	" token TEXT NOT NULL UNIQUE,"
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" stakeholder_id INTEGER,"
	" grp TEXT,"
	" round INTEGER NOT NULL CHECK (round >= 1),"
	" label TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL,"
	" used_on TEXT,"
	" revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),"
	" responses INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX survey_link_project ON survey_link(project_id, id);",

	/*
	 * 5: rollout tracking: the settings that must take part, the
	 * project's milestones in order, the day each setting reached each
	 * milestone (one day per pair; a later record replaces it) and the
	 * other tools a setting uses. Days are YYYY-MM-DD text. A project
	 * gets its milestone list (default_milestones) when it first
	 * records a setting; until then the defaults are shown.
	 */
	"CREATE TABLE setting ("
	" id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL,"
	" type TEXT NOT NULL CHECK (type IN ('organisation', 'site', 'team')),"
	" parent TEXT NOT NULL DEFAULT '',"
	" it_system TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL,"
	" UNIQUE (project_id, name));"
	"CREATE TABLE milestone ("
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" id TEXT NOT NULL, title TEXT NOT NULL, position INTEGER NOT NULL,"
	" PRIMARY KEY (project_id, id));"
	"CREATE TABLE milestone_event ("
	" setting_id INTEGER NOT NULL REFERENCES setting(id) ON DELETE CASCADE,"
	" project_id INTEGER NOT NULL,"
	" milestone TEXT NOT NULL,"
	" reached TEXT NOT NULL,"
	" recorded TEXT NOT NULL,"
	" PRIMARY KEY (setting_id, milestone),"
	" FOREIGN KEY (project_id, milestone) REFERENCES milestone(project_id, id)"
	"  ON DELETE CASCADE);"
	"CREATE INDEX milestone_event_project ON milestone_event(project_id);"
	"CREATE TABLE setting_tool ("
	" setting_id INTEGER NOT NULL REFERENCES setting(id) ON DELETE CASCADE,"
	" tool TEXT NOT NULL,"
	" PRIMARY KEY (setting_id, tool));",

	/*
	 * 6: the rest of tracking. Usage figures per setting and month
	 * (depth of use: value, and the eligible count it is out of when
	 * known). The barrier and enabler log, with its determinants and
	 * the road-map actions it is linked to. The workaround and
	 * mismatch log (harm and frequency on the scales of
	 * docs/tracking.md). Benefit profiles with their measurements.
	 * The cost model: one row per cost or benefit flow, amounts per
	 * year in three cases, over the horizon set per project. Years
	 * are the programme's years, 1 being the first.
	 */
	"CREATE TABLE usage_figure ("
	" setting_id INTEGER NOT NULL REFERENCES setting(id) ON DELETE CASCADE,"
	" project_id INTEGER NOT NULL,"
	" metric TEXT NOT NULL,"
	" month TEXT NOT NULL,"
	" value DOUBLE PRECISION NOT NULL CHECK (value >= 0),"
	" eligible DOUBLE PRECISION CHECK (eligible > 0),"
	" PRIMARY KEY (setting_id, metric, month));"
	"CREATE INDEX usage_figure_project ON usage_figure(project_id, metric, month);"
	"CREATE TABLE observation ("
	" id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" observed TEXT NOT NULL,"
	" reporter TEXT NOT NULL,"
	" text TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('barrier', 'enabler', 'ambivalent')),"
	" severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),"
	" status TEXT NOT NULL CHECK (status IN ('open', 'in-hand', 'closed')),"
	" setting_id INTEGER REFERENCES setting(id) ON DELETE SET NULL,"
	" created TEXT NOT NULL, updated TEXT NOT NULL);"
	"CREATE INDEX observation_project ON observation(project_id, id);"
	"CREATE TABLE observation_determinant ("
	" observation_id INTEGER NOT NULL REFERENCES observation(id) ON DELETE CASCADE,"
	" determinant TEXT NOT NULL,"
	" PRIMARY KEY (observation_id, determinant));"
	"CREATE TABLE observation_action ("
	" observation_id INTEGER NOT NULL REFERENCES observation(id) ON DELETE CASCADE,"
	" action TEXT NOT NULL,"
	" PRIMARY KEY (observation_id, action));"
	"CREATE TABLE workaround ("
	" id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK (kind IN ('workaround', 'mismatch')),"
	" description TEXT NOT NULL,"
	" setting_id INTEGER REFERENCES setting(id) ON DELETE SET NULL,"
	" harm INTEGER NOT NULL CHECK (harm BETWEEN 1 AND 5),"
	" frequency INTEGER NOT NULL CHECK (frequency BETWEEN 1 AND 5),"
	" status TEXT NOT NULL CHECK (status IN ('open', 'fixing', 'fixed', 'accepted')),"
	" observed TEXT NOT NULL,"
	" reporter TEXT NOT NULL,"
	" created TEXT NOT NULL, updated TEXT NOT NULL);"
	"CREATE INDEX workaround_project ON workaround(project_id, id);"
	"CREATE TABLE benefit ("
	" id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL,"
	" metric TEXT NOT NULL,"
	" unit TEXT NOT NULL,"
	" owner TEXT NOT NULL,"
	" baseline DOUBLE PRECISION NOT NULL, baseline_date TEXT NOT NULL,"
	" target DOUBLE PRECISION NOT NULL, target_date TEXT NOT NULL,"
	" schedule TEXT NOT NULL CHECK (schedule IN ('monthly', 'quarterly', 'yearly')),"
	" cash_releasing INTEGER NOT NULL CHECK (cash_releasing IN (0, 1)),"
	" created TEXT NOT NULL, updated TEXT NOT NULL,"
	" UNIQUE (project_id, name));"
	"CREATE TABLE benefit_measure ("
	" benefit_id INTEGER NOT NULL REFERENCES benefit(id) ON DELETE CASCADE,"
	" measured TEXT NOT NULL,"
	" value DOUBLE PRECISION NOT NULL,"
	" note TEXT NOT NULL DEFAULT '',"
	" recorded TEXT NOT NULL,"
	" PRIMARY KEY (benefit_id, measured));"
	"CREATE TABLE cost_model ("
	" project_id INTEGER PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,"
	" first_year INTEGER NOT NULL CHECK (first_year BETWEEN 1900 AND 9999),"
	" horizon INTEGER NOT NULL CHECK (horizon BETWEEN 1 AND 30));"
	"CREATE TABLE cost_item ("
	" id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL,"
	" flow TEXT NOT NULL CHECK (flow IN ('cost', 'benefit')),"
	" category TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('one-off', 'recurring')),"
	" start_year INTEGER NOT NULL CHECK (start_year >= 1),"
	" end_year INTEGER CHECK (end_year >= start_year),"
	" refresh INTEGER CHECK (refresh BETWEEN 1 AND 30),"
	" ramp INTEGER NOT NULL DEFAULT 0 CHECK (ramp >= 0),"
	" low DOUBLE PRECISION NOT NULL CHECK (low >= 0),"
	" expected DOUBLE PRECISION NOT NULL CHECK (expected >= low),"
	" high DOUBLE PRECISION NOT NULL CHECK (high >= expected),"
	" benefit_id INTEGER REFERENCES benefit(id) ON DELETE SET NULL,"
	" created TEXT NOT NULL, updated TEXT NOT NULL,"
	" UNIQUE (project_id, name));",

	/*
	 * 7: a version per record people edit, for optimistic concurrency:
	 * an update names the version it read and raises it; when another
	 * save came first it changes nothing and the caller is told
	 * (STORE_STALE). The project's revision counts every change in the
	 * project, so the settings form gets a counter of its own.
	 */
	"ALTER TABLE project ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE stakeholder ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE setting ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE observation ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE workaround ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE benefit ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE cost_item ADD COLUMN version INTEGER NOT NULL DEFAULT 1;",

	/*
	 * 8: organisations as tenants: a user belongs to at most one (none
	 * for those from before, and for site administrators), as a
	 * member or as its administrator; a project to at most one (none:
	 * "no organisation"). An organisation's administrator leads every
	 * project of it.
	 */
	"CREATE TABLE organisation ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" title TEXT NOT NULL,"
	" created TEXT NOT NULL);"
	"ALTER TABLE user_account ADD COLUMN organisation_id INTEGER"
	" REFERENCES organisation(id);"
	"ALTER TABLE user_account ADD COLUMN org_admin INTEGER NOT NULL"
	" DEFAULT 0 CHECK (org_admin IN (0, 1));"
	"ALTER TABLE project ADD COLUMN organisation_id INTEGER"
	" REFERENCES organisation(id);"
	"CREATE INDEX user_account_organisation ON user_account(organisation_id);"
	"CREATE INDEX project_organisation ON project(organisation_id);",
};
#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(*migrations)))

int store_missed(struct store *st, const char *table, int64_t project,
		 int64_t id)
{
	/* literals: the drivers keep prepared statements by the text's address */
	static const char *const sql[][2] = {
		{ "project", "SELECT 1 FROM project WHERE id = ? AND ? = 0" },
		{ "stakeholder", "SELECT 1 FROM stakeholder WHERE id = ? AND "
		  "project_id = ?" },
		{ "setting", "SELECT 1 FROM setting WHERE id = ? AND "
		  "project_id = ?" },
		{ "observation", "SELECT 1 FROM observation WHERE id = ? AND "
		  "project_id = ?" },
		{ "workaround", "SELECT 1 FROM workaround WHERE id = ? AND "
		  "project_id = ?" },
		{ "benefit", "SELECT 1 FROM benefit WHERE id = ? AND "
		  "project_id = ?" },
		{ "cost_item", "SELECT 1 FROM cost_item WHERE id = ? AND "
		  "project_id = ?" },
	};
	struct db_stmt *q;
	size_t i;
	int rc;

	for (i = 0; strcmp(sql[i][0], table); i++)
		;
	if (db_query(st->db, &q, sql[i][1], "ii", id, project))
		return store_fail(st, "cannot read the record's version");
	rc = db_step(q);
	db_finalize(q);
	if (rc == DB_ERROR)
		return store_fail(st, "cannot read the record's version");
	return rc == DB_ROW ? STORE_STALE : STORE_NOTFOUND;
}

const char *store_error(struct store *st)
{
	return st->err.len ? st->err.buf : db_error(st->db);
}

bool store_unavailable(struct store *st)
{
	return db_unavailable(st->db);
}

int store_fail(struct store *st, const char *what)
{
	sb_reset(&st->err);
	sb_addf(&st->err, "%s: %s", what, db_error(st->db));
	return -1;
}

int store_schema_version(struct store *st)
{
	return st->version;
}

const char *store_backup_path(struct store *st)
{
	return st->backup;
}

static int read_version(struct store *st, int *version)
{
	struct db_stmt *q;
	int rc;

	if (db_exec(st->db, "CREATE TABLE IF NOT EXISTS schema_version "
		    "(version INTEGER NOT NULL)"))
		return store_fail(st, "cannot read the schema version");
	if (db_query(st->db, &q, "SELECT max(version) FROM schema_version", ""))
		return store_fail(st, "cannot read the schema version");
	rc = db_step(q);
	*version = rc == DB_ROW && !db_null(q, 0) ? (int)db_int(q, 0) : 0;
	db_finalize(q);
	return rc == DB_ERROR ? store_fail(st, "cannot read the schema version") : 0;
}

/* Copy the file before changing its schema: PATH.vN.bak, never overwritten. */
static int backup(struct store *st, int version)
{
	struct strbuf path = STRBUF_INIT;
	struct stat sb;

	for (int i = 0;; i++) {
		sb_reset(&path);
		sb_addf(&path, "%s.v%d%s%.0d.bak", st->target, version,
			i ? "-" : "", i);
		if (stat(path.buf, &sb) != 0)
			break;
	}
	if (db_backup(st->db, path.buf)) {
		sb_release(&path);
		return store_fail(st, "cannot copy the database before migrating it");
	}
	st->backup = sb_detach(&path);
	return 0;
}

static int migrate(struct store *st, int upto)
{
	int version;

	/*
	 * SQLite: copy the file first (the copy cannot be taken inside a
	 * transaction). PostgreSQL changes its schema inside the
	 * transaction, all or nothing, so it needs no copy.
	 */
	if (db_can_backup(st->db)) {
		if (read_version(st, &version))
			return -1;
		if (version > 0 && version < upto && backup(st, version))
			return -1;
	}
	if (db_exec(st->db, "BEGIN IMMEDIATE"))
		return store_fail(st, "cannot lock the database");
	/* read again under the lock: another process may have migrated */
	if (read_version(st, &version))
		goto fail;
	if (version > NMIGRATIONS) {
		sb_reset(&st->err);
		sb_addf(&st->err, "the database is at schema version %d, newer "
			"than this waymark knows (%d); upgrade waymark", version,
			NMIGRATIONS);
		goto fail;
	}
	for (; version < upto; version++) {
		if (db_exec(st->db, migrations[version]) ||
		    db_run(st->db, "INSERT INTO schema_version VALUES (?)", "i",
			   (int64_t)version + 1)) {
			store_fail(st, "cannot migrate the database");
			goto fail;
		}
	}
	st->version = version;
	if (db_exec(st->db, "COMMIT"))
		return store_fail(st, "cannot commit the migration");
	return 0;
fail:
	db_exec(st->db, "ROLLBACK");
	return -1;
}

int store_open(const char *target, struct store **out, char **errmsg)
{
	return store_open_upto(target, NMIGRATIONS, out, errmsg);
}

int store_open_upto(const char *target, int upto, struct store **out,
		    char **errmsg)
{
	struct store *st = xcalloc(1, sizeof(*st));

	*out = NULL;
	sb_init(&st->err);
	st->target = xstrdup(target);
	if (db_open(target, &st->db, errmsg)) {
		store_close(st);
		return -1;
	}
	if (upto > NMIGRATIONS)
		upto = NMIGRATIONS;
	if (migrate(st, upto)) {
		*errmsg = xstrdup(store_error(st));
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	db_close(st->db);
	sb_release(&st->err);
	free(st->target);
	free(st->backup);
	free(st);
}

int store_begin(struct store *st)
{
	/* deferred: readers never wait for a lock; the first write takes it */
	return db_exec(st->db, "BEGIN") ?
	       store_fail(st, "cannot start a transaction") : 0;
}

int store_begin_write(struct store *st)
{
	/*
	 * Take the write lock now: when two connections both read and then
	 * write, the second would otherwise fail rather than wait its turn.
	 */
	return db_exec(st->db, "BEGIN IMMEDIATE") ?
	       store_fail(st, "cannot start a transaction") : 0;
}

int store_commit(struct store *st)
{
	return db_exec(st->db, "COMMIT") ?
	       store_fail(st, "cannot commit") : 0;
}

int store_rollback(struct store *st)
{
	return db_exec(st->db, "ROLLBACK") ? -1 : 0;
}

void store_strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
