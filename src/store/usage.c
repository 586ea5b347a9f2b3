/* usage.c: usage figures: how much each setting uses the system, by month. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "store_int.h"

static int figure_set(struct store *st, int64_t project,
		      const struct usage_figure *f)
{
	int rc;

	if (isnan(f->eligible))
		rc = db_run(st->db, "INSERT INTO usage_figure (setting_id, "
			    "project_id, metric, month, value, eligible) SELECT "
			    "id, project_id, ?, ?, ?, NULL FROM setting WHERE id "
			    "= ? AND project_id = ? ON CONFLICT (setting_id, "
			    "metric, month) DO UPDATE SET value = excluded.value, "
			    "eligible = excluded.eligible", "ssdii", f->metric,
			    f->month, f->value, f->setting, project);
	else
		rc = db_run(st->db, "INSERT INTO usage_figure (setting_id, "
			    "project_id, metric, month, value, eligible) SELECT "
			    "id, project_id, ?, ?, ?, ? FROM setting WHERE id "
			    "= ? AND project_id = ? ON CONFLICT (setting_id, "
			    "metric, month) DO UPDATE SET value = excluded.value, "
			    "eligible = excluded.eligible", "ssddii", f->metric,
			    f->month, f->value, f->eligible, f->setting, project);
	if (rc)
		return store_fail(st, "cannot record the usage figure");
	return db_changes(st->db) ? 0 : STORE_NOTFOUND;
}

int store_usage_set(struct store *st, int64_t project,
		    const struct usage_figure *v, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++)
		rc = figure_set(st, project, &v[i]);
	return rc ? rc : store_project_touch(st, project);
}

int store_usage_figures(struct store *st, int64_t project, const char *metric,
			struct usage_figure **v, size_t *n)
{
	struct db_stmt *q;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (metric ? db_query(st->db, &q, "SELECT setting_id, metric, month, "
			      "value, eligible FROM usage_figure WHERE "
			      "project_id = ? AND metric = ? ORDER BY month, "
			      "setting_id", "is", project, metric) :
	    db_query(st->db, &q, "SELECT setting_id, metric, month, value, "
		     "eligible FROM usage_figure WHERE project_id = ? ORDER BY "
		     "metric, month, setting_id", "i", project))
		return store_fail(st, "cannot read usage figures");
	while ((rc = db_step(q)) == DB_ROW) {
		struct usage_figure *f;
		XGROW(*v, alloc, *n + 1);
		f = &(*v)[(*n)++];
		f->setting = db_int(q, 0);
		f->metric = db_strdup(q, 1);
		f->month = db_strdup(q, 2);
		f->value = db_double(q, 3);
		f->eligible = db_null(q, 4) ? NAN : db_double(q, 4);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : store_fail(st, "cannot read usage figures");
}

void store_usage_figures_free(struct usage_figure *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].metric);
		free(v[i].month);
	}
	free(v);
}
