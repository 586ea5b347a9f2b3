/*
 * test-store.c: the store's contracts on SQLite: migrations with a copy
 * taken first, one transaction per command, conflicts and not-found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assess/project.h"
#include "lib/strbuf.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_int.h"
#include "testdb.h"
#include <sodium.h>

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/waymark-store-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	struct strbuf cmd = STRBUF_INIT;

	(void)state;
	sb_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.buf))
		return -1;
	sb_release(&cmd);
	return 0;
}

static void add_project(struct store *st, const char *name)
{
	struct project p;

	project_init(&p, name);
	assert_int_equal(store_project_add(st, &p), 0);
	project_release(&p);
}

static size_t count_projects(struct store *st)
{
	struct project *v;
	size_t n;

	assert_int_equal(store_project_list(st, &v, &n), 0);
	store_projects_free(v, n);
	return n;
}

static void test_migration_keeps_a_copy(void **state)
{
	struct store *st;
	char *msg = NULL, db[256], bak[288];
	struct stat sb;

	(void)state;
	snprintf(db, sizeof(db), "%s", testdb_fresh(dir, "m.db"));
	/* a store at schema version 1, with data in it, written as that
	 * version's program would have: straight SQL of its schema */
	assert_int_equal(store_open_upto(db, 1, &st, &msg), 0);
	assert_int_equal(store_schema_version(st), 1);
	store_close(st);
	assert_int_equal(testdb_exec(db, "INSERT INTO project (name, "
		"title, technology, care_settings, sites, staff, settings, "
		"partners, device_model, adoption, step, notes, anonymity, "
		"created, updated) VALUES ('kept', 'Kept', 'other', '', 0, "
		"0, 0, '', 'mixed', 'mandated', 'vision', '', 5, 'x', 'x')"), 0);
	/* opening with this waymark migrates it; SQLite copies the file
	 * first, PostgreSQL migrates inside the transaction */
	assert_int_equal(store_open(db, &st, &msg), 0);
	assert_true(store_schema_version(st) >= 2);
	assert_int_equal(count_projects(st), 1);
	if (testdb_pg()) {
		assert_null(store_backup_path(st));
		store_close(st);
	} else {
		assert_non_null(store_backup_path(st));
		snprintf(bak, sizeof(bak), "%s.v1.bak", db);
		assert_string_equal(store_backup_path(st), bak);
		store_close(st);
		assert_int_equal(stat(bak, &sb), 0);
	}
	/* the migrated project has the new fields' defaults */
	assert_int_equal(store_open(db, &st, &msg), 0);
	{
		struct project p;
		assert_int_equal(store_project_get(st, "kept", &p), 0);
		assert_string_equal(p.platforms, "multiple");
		assert_int_equal(p.dedicated_staff, 0);
		project_release(&p);
	}
	store_close(st);
	/* the copy is a store at version 1 holding the data */
	if (!testdb_pg()) {
		assert_int_equal(store_open_upto(bak, 1, &st, &msg), 0);
		assert_int_equal(store_schema_version(st), 1);
		assert_null(store_backup_path(st));
		store_close(st);
		sqlite3 *h;
		sqlite3_stmt *q;
		assert_int_equal(sqlite3_open(bak, &h), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM "
			"project WHERE name = 'kept'", -1, &q, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(q, 0), 1);
		sqlite3_finalize(q);
		sqlite3_close(h);
	}
	/* opening an up-to-date store takes no copy */
	assert_int_equal(store_open(db, &st, &msg), 0);
	assert_null(store_backup_path(st));
	store_close(st);
}

static void test_rollback_leaves_nothing(void **state)
{
	struct store *st;
	char *msg = NULL;

	(void)state;
	assert_int_equal(store_open(testdb_fresh(dir, "t.db"), &st, &msg), 0);
	assert_int_equal(store_begin(st), 0);
	add_project(st, "gone");
	assert_int_equal(count_projects(st), 1);
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(count_projects(st), 0);
	store_close(st);
}

static void test_conflict_and_not_found(void **state)
{
	struct store *st;
	struct project p, q;
	char *msg = NULL;

	(void)state;
	assert_int_equal(store_open(testdb_fresh(dir, "c.db"), &st, &msg), 0);
	add_project(st, "one");
	project_init(&p, "one");
	assert_int_equal(store_project_add(st, &p), STORE_CONFLICT);
	project_release(&p);
	assert_int_equal(store_project_get(st, "nope", &q), STORE_NOTFOUND);
	assert_int_equal(store_project_get(st, "one", &q), 0);
	assert_string_equal(q.name, "one");
	/* a group in use cannot be removed */
	{
		struct stakeholder s;
		stakeholder_init(&s);
		s.project_id = q.id;
		free(s.grp);
		s.grp = strdup("it");
		assert_int_equal(store_stakeholder_add(st, &s), 0);
		assert_int_equal(store_group_remove(st, q.id, "it"), STORE_CONFLICT);
		assert_int_equal(store_group_remove(st, q.id, "nope"), STORE_NOTFOUND);
		stakeholder_release(&s);
	}
	assert_int_equal(store_project_delete(st, q.id), 0);
	assert_int_equal(store_project_delete(st, q.id), STORE_NOTFOUND);
	project_release(&q);
	store_close(st);
}

/*
 * Two people open the same record (both read version 1); the first save
 * raises it to 2, the second (still naming 1) is refused with STORE_STALE
 * and the first one's value stays. A record that is gone is NOTFOUND.
 */
#define S(x) ((char *)(x))

static void test_stale_update(void **state)
{
	struct store *st;
	struct project p, p2;
	struct stakeholder s, a, b;
	struct setting set = { 0 }, sa, sb;
	struct workaround w = { 0 }, wa, wb;
	struct cost_item c = { 0 }, ca, cb;
	struct benefit be = { 0 }, ba, bb;
	struct observation o = { 0 }, oa, ob;
	char *msg = NULL;

	(void)state;
	assert_int_equal(store_open(testdb_fresh(dir, "v.db"), &st, &msg), 0);
	add_project(st, "occ");
	assert_int_equal(store_project_get(st, "occ", &p), 0);
	assert_int_equal(store_project_get(st, "occ", &p2), 0);
	assert_int_equal(p.version, 1);
	p.sites = 7;
	assert_int_equal(store_project_update(st, &p), 0);
	assert_int_equal(p.version, 2);
	p2.sites = 9;
	assert_int_equal(store_project_update(st, &p2), STORE_STALE);
	project_release(&p2);
	assert_int_equal(store_project_get(st, "occ", &p2), 0);
	assert_int_equal(p2.sites, 7);
	assert_int_equal(p2.version, 2);
	project_release(&p2);

	stakeholder_init(&s);
	s.project_id = p.id;
	free(s.grp);
	s.grp = strdup("it");
	assert_int_equal(store_stakeholder_add(st, &s), 0);
	assert_int_equal(s.version, 1);
	assert_int_equal(store_stakeholder_get(st, p.id, s.id, &a), 0);
	assert_int_equal(store_stakeholder_get(st, p.id, s.id, &b), 0);
	a.power = 5;
	assert_int_equal(store_stakeholder_update(st, &a), 0);
	assert_int_equal(a.version, 2);
	b.power = 1;
	assert_int_equal(store_stakeholder_update(st, &b), STORE_STALE);
	stakeholder_release(&b);
	assert_int_equal(store_stakeholder_get(st, p.id, s.id, &b), 0);
	assert_int_equal(b.power, 5);
	/* the reloaded copy names version 2 and may save on top */
	b.power = 1;
	assert_int_equal(store_stakeholder_update(st, &b), 0);
	assert_int_equal(b.version, 3);
	assert_int_equal(store_stakeholder_delete(st, p.id, s.id), 0);
	assert_int_equal(store_stakeholder_update(st, &a), STORE_NOTFOUND);
	stakeholder_release(&a);
	stakeholder_release(&b);
	stakeholder_release(&s);

	set.project = p.id;
	set.name = S("Ward 3");
	set.type = S("team");
	assert_int_equal(store_setting_add(st, &set), 0);
	free(set.created);
	assert_int_equal(store_setting_by_id(st, p.id, set.id, &sa), 0);
	assert_int_equal(store_setting_by_id(st, p.id, set.id, &sb), 0);
	assert_int_equal(store_setting_update(st, &sa, "Ward 3"), 0);
	assert_int_equal(sa.version, 2);
	assert_int_equal(store_setting_update(st, &sb, "Ward 3"), STORE_STALE);
	store_setting_release(&sa);
	store_setting_release(&sb);

	w.project = p.id;
	w.kind = S("workaround");
	w.description = S("paper list");
	w.harm = 2;
	w.frequency = 3;
	w.status = S("open");
	w.observed = S("2024-01-02");
	w.reporter = S("ann");
	assert_int_equal(store_workaround_add(st, &w), 0);
	free(w.created);
	free(w.updated);
	free(w.setting_name);
	assert_int_equal(store_workaround_get(st, p.id, w.id, &wa), 0);
	assert_int_equal(store_workaround_get(st, p.id, w.id, &wb), 0);
	assert_int_equal(store_workaround_update(st, &wa), 0);
	assert_int_equal(store_workaround_update(st, &wb), STORE_STALE);
	store_workaround_release(&wa);
	store_workaround_release(&wb);

	be.project = p.id;
	be.name = S("time");
	be.metric = be.unit = be.owner = S("x");
	be.baseline_date = be.target_date = S("2024-01-01");
	be.schedule = S("monthly");
	assert_int_equal(store_benefit_add(st, &be), 0);
	free(be.created);
	free(be.updated);
	assert_int_equal(store_benefit_get(st, p.id, "time", &ba), 0);
	assert_int_equal(store_benefit_get(st, p.id, "time", &bb), 0);
	assert_int_equal(store_benefit_update(st, &ba), 0);
	assert_int_equal(store_benefit_update(st, &bb), STORE_STALE);
	store_benefit_release(&ba);
	store_benefit_release(&bb);

	c.name = S("devices");
	c.flow = S("cost");
	c.category = S("devices");
	c.kind = S("one-off");
	c.start_year = 1;
	assert_int_equal(store_cost_items_add(st, p.id, &c, 1), 0);
	free(c.created);
	free(c.updated);
	assert_int_equal(store_cost_item_get(st, p.id, "devices", &ca), 0);
	assert_int_equal(store_cost_item_get(st, p.id, "devices", &cb), 0);
	assert_int_equal(store_cost_item_update(st, &ca), 0);
	assert_int_equal(store_cost_item_update(st, &cb), STORE_STALE);
	store_cost_item_release(&ca);
	store_cost_item_release(&cb);

	o.project = p.id;
	o.observed = S("2024-01-02");
	o.reporter = S("ann");
	o.text = S("wifi drops");
	o.kind = S("barrier");
	o.severity = 3;
	o.status = S("open");
	assert_int_equal(store_observation_add(st, &o), 0);
	free(o.created);
	free(o.updated);
	assert_int_equal(store_observation_get(st, p.id, o.id, &oa), 0);
	assert_int_equal(store_observation_get(st, p.id, o.id, &ob), 0);
	assert_int_equal(store_observation_update(st, &oa), 0);
	assert_int_equal(oa.version, 2);
	assert_int_equal(store_observation_update(st, &ob), STORE_STALE);
	store_observation_release(&oa);
	store_observation_release(&ob);

	project_release(&p);
	store_close(st);
}

static void test_bad_target(void **state)
{
	struct store *st;
	char *msg = NULL;

	(void)state;
	assert_int_equal(store_open("/nonexistent/dir/x.db", &st, &msg), -1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "cannot open"));
	free(msg);
	/* a PostgreSQL server that is not there: said plainly, at once */
	msg = NULL;
	assert_int_equal(store_open("postgresql://nobody@127.0.0.1:1/none?"
				    "connect_timeout=2", &st, &msg), -1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "cannot connect to PostgreSQL"));
	free(msg);
}

/* The sums of one table, found by name. */
static const struct store_table_sum *sum_of(const struct store_table_sum *v,
					    size_t n, const char *table)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].table, table))
			return &v[i];
	fail_msg("no table %s", table);
	return NULL;
}

static void test_copy_and_checksums(void **state)
{
	struct store *from, *to;
	struct store_table_sum *a, *b;
	struct strbuf why = STRBUF_INIT;
	char path[128], *msg = NULL, want[65];
	unsigned char h[32];
	size_t na, nb;
	const char *target;

	(void)state;
	/* the old store is SQLite, the new one the pass's engine */
	snprintf(path, sizeof(path), "%s/copy-from.db", dir);
	assert_int_equal(store_open(path, &from, &msg), 0);
	add_project(from, "first");
	assert_int_equal(store_cost_model_set(from, 1, 2024, 5), 0);
	target = testdb_fresh(dir, "copy-to");
	assert_int_equal(store_open(target, &to, &msg), 0);

	/*
	 * By hand: cost_model's one row (project_id 1, first_year 2024,
	 * horizon 5) is written "i1;i2024;i5;"; the sum of one digest is
	 * that digest, shown most significant byte first, i.e. reversed.
	 */
	crypto_generichash(h, sizeof(h), (const unsigned char *)"i1;i2024;i5;",
			   12, NULL, 0);
	for (int i = 0; i < 32; i++)
		snprintf(want + 2 * i, 3, "%02x", h[31 - i]);
	assert_int_equal(store_table_sums(from, &a, &na, &why), 0);
	assert_int_equal(na, 30);	/* those of migrations 1 to 6, and organisation */
	assert_string_equal(sum_of(a, na, "cost_model")->checksum, want);
	assert_int_equal(sum_of(a, na, "cost_model")->rows, 1);
	/* no rows: the sum of nothing is zero */
	assert_string_equal(sum_of(a, na, "checkpoint_done")->checksum,
			    "0000000000000000000000000000000000000000000000000000000000000000");
	free(a);

	assert_int_equal(store_begin_write(from), 0);
	assert_int_equal(store_begin_write(to), 0);
	assert_int_equal(store_copy(from, to, &why), 0);
	assert_int_equal(store_commit(to), 0);
	assert_int_equal(store_rollback(from), 0);
	assert_int_equal(store_table_sums(from, &a, &na, &why), 0);
	assert_int_equal(store_table_sums(to, &b, &nb, &why), 0);
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_string_equal(a[i].table, b[i].table);
		assert_int_equal(a[i].rows, b[i].rows);
		assert_string_equal(a[i].checksum, b[i].checksum);
	}
	free(b);

	/* a copy into a store with rows is refused, and writes nothing */
	assert_int_equal(store_begin_write(from), 0);
	assert_int_equal(store_begin_write(to), 0);
	assert_int_equal(store_copy(from, to, &why), 1);
	assert_non_null(strstr(why.buf, "table 'project' has 1 row)"));
	assert_int_equal(store_rollback(to), 0);
	assert_int_equal(store_rollback(from), 0);
	assert_int_equal(count_projects(to), 1);

	/* one value changed behind the store's back: that table differs */
	store_close(to);
	assert_int_equal(testdb_exec(target, "UPDATE cost_model SET horizon = 6"), 0);
	assert_int_equal(store_open(target, &to, &msg), 0);
	assert_int_equal(store_table_sums(to, &b, &nb, &why), 0);
	for (size_t i = 0; i < na; i++) {
		bool cm = !strcmp(a[i].table, "cost_model");

		assert_int_equal(a[i].rows, b[i].rows);
		assert_int_equal(strcmp(a[i].checksum, b[i].checksum) != 0, cm);
	}
	free(a);
	free(b);

	/* new rows after the copied ids: the next project is 2 */
	add_project(to, "second");
	{
		struct project p;

		assert_int_equal(store_project_get(to, "second", &p), 0);
		assert_int_equal(p.id, 2);
		project_release(&p);
	}
	store_close(from);
	store_close(to);
	sb_release(&why);
}

/*
 * Drivers keep prepared statements by the address of their SQL. Two
 * texts whose addresses share a slot: one prepared and not yet run
 * while the other takes the slot still runs its own SQL, and taking
 * turns thousands of times leaves no pile of statements on the server.
 */
static void test_statement_slots(void **state)
{
	/* 8192 bytes apart: the same slot in a 1024-slot cache of 8-byte
	 * granules (and harmless where the cache differs) */
	static char texts[2 * 8192] __attribute__((aligned(8192)));
	const char *one = texts, *two = texts + 8192;
	struct db_stmt *a, *b;
	struct store *st;
	char *msg = NULL;

	(void)state;
	snprintf(texts, 16, "SELECT 1");
	snprintf(texts + 8192, 16, "SELECT 2");
	assert_int_equal(store_open(testdb_fresh(dir, "slots.db"), &st, &msg), 0);
	assert_int_equal(db_query(st->db, &a, one, ""), 0);
	assert_int_equal(db_query(st->db, &b, two, ""), 0);
	assert_int_equal(db_step(a), DB_ROW);
	assert_int_equal(db_int(a, 0), 1);
	assert_int_equal(db_step(b), DB_ROW);
	assert_int_equal(db_int(b, 0), 2);
	db_finalize(a);
	db_finalize(b);
	for (int i = 0; i < 2000; i++) {
		assert_int_equal(db_query(st->db, &a, i % 2 ? two : one, ""), 0);
		assert_int_equal(db_step(a), DB_ROW);
		assert_int_equal(db_int(a, 0), i % 2 ? 2 : 1);
		db_finalize(a);
	}
	if (testdb_pg()) {
		assert_int_equal(db_query(st->db, &a, "SELECT count(*) FROM "
					  "pg_prepared_statements", ""), 0);
		assert_int_equal(db_step(a), DB_ROW);
		assert_true(db_int(a, 0) < 50);
		db_finalize(a);
	}
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migration_keeps_a_copy),
		cmocka_unit_test(test_rollback_leaves_nothing),
		cmocka_unit_test(test_conflict_and_not_found),
		cmocka_unit_test(test_stale_update),
		cmocka_unit_test(test_bad_target),
		cmocka_unit_test(test_copy_and_checksums),
		cmocka_unit_test(test_statement_slots),
	};
	return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
