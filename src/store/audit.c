/* audit.c: the audit log: who changed what, when, with before and after. */
#include <stdlib.h>

#include "lib/xalloc.h"
#include "store_int.h"

int store_audit_add(struct store *st, int64_t project, const char *who,
		    const char *action, const char *entity,
		    const char *before, const char *after)
{
	char *now = store_now();
	int rc = db_run(st->db, "INSERT INTO audit_log (project_id, at, who, "
			"action, entity, before_json, after_json) VALUES "
			"(?, ?, ?, ?, ?, ?, ?)", "issssss", project, now,
			who ? who : "", action, entity, before, after);

	free(now);
	return rc ? store_fail(st, "cannot record the change") : 0;
}

int store_audit_list(struct store *st, int64_t project, int64_t below,
		     size_t limit, struct audit_entry **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (db_query(st->db, &q, "SELECT id, project_id, at, who, action, "
		     "entity, before_json, after_json FROM audit_log WHERE "
		     "project_id = ? AND (? = 0 OR id < ?) ORDER BY id DESC "
		     "LIMIT ?", "iiii", project, below, below, (int64_t)limit))
		return store_fail(st, "cannot read the audit log");
	while ((rc = db_step(q)) == DB_ROW) {
		struct audit_entry *e;
		XGROW(*v, alloc, *n + 1);
		e = &(*v)[(*n)++];
		e->id = db_int(q, 0);
		e->project = db_int(q, 1);
		e->at = db_strdup(q, 2);
		e->who = db_strdup(q, 3);
		e->action = db_strdup(q, 4);
		e->entity = db_strdup(q, 5);
		e->before = db_strdup(q, 6);
		e->after = db_strdup(q, 7);
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return 0;
	store_audit_free(*v, *n);
	*v = NULL;
	*n = 0;
	return store_fail(st, "cannot read the audit log");
}

void store_audit_free(struct audit_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].who);
		free(v[i].action);
		free(v[i].entity);
		free(v[i].before);
		free(v[i].after);
	}
	free(v);
}
