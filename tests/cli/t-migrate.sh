# t-migrate.sh: 'waymark migrate-db' and 'waymark backup'.
#
# The old database is always a SQLite file (moving off SQLite is what
# migrate-db is for); the new one comes from $(db ...): a SQLite file in
# the SQLite pass, a PostgreSQL database in the PostgreSQL pass. Every
# comparison is made by the engines' own tools (sqlite3, psql) or by
# waymark's JSON reports on both, never by migrate-db's own figures alone.
. tests/cli/lib.sh

if [ -z "${WAYMARK_TEST_PG:-}" ]; then
	echo "# SQLite to PostgreSQL not run here: WAYMARK_TEST_PG is unset" \
		"(tests/run.sh runs it in its PostgreSQL pass); SQLite to SQLite instead"
fi

# Every table of the schema (src/store/store.c's migrations), by hand.
TABLES="project stakeholder_group stakeholder survey_determinant
survey_exclusion survey_item response response_comment checkpoint_done
user_account user_session api_token login_failure project_member audit_log
survey_link setting milestone milestone_event setting_tool usage_figure
observation observation_determinant observation_action workaround benefit
benefit_measure cost_model cost_item"

# q TARGET SQL: one query's rows, '|' between columns, by the engine's tool
q() {
	case "$1" in
	postgres*) psql "$1" -qAt -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}
# rows TARGET TABLE: every row of TABLE as SQL literals, sorted (SQLite)
rows() { sqlite3 -cmd ".mode quote" "$1" "SELECT * FROM $2" | sort; }

# --- the old database: the demo and some more activity ---
FROM="$TMP/from.db"	# a SQLite file in both passes (see above)
run --db "$FROM" demo
expect_rc 0 "the demo is made"
run --db "$FROM" survey link demo-clinical-app --label "Ward 3 — nights"
expect_rc 0 "a survey link is given out"
printf 'a long passphrase\n' >"$TMP/pw"
"$WAYMARK" --db "$FROM" user add carol --display "Carol O'Brien" \
	--password-stdin <"$TMP/pw" >/dev/null 2>&1
run --db "$FROM" user token carol --label "reports"
expect_rc 0 "a user with a token"
run --db "$FROM" user grant carol demo-clinical-app lead
expect_rc 0 "the user is made lead"
# an audit row as the web writes them: text with quotes, a line break and
# UTF-8, a NULL before
sqlite3 "$FROM" "INSERT INTO audit_log (project_id, at, who, action, entity,
	before_json, after_json) VALUES (1, '2024-03-05T10:00:00Z', 'carol',
	'edit', 'stakeholder:3', NULL, '{\"name\":\"Zoë O''Neil\nward\"}')"
n_audit=$(q "$FROM" "SELECT count(*) FROM audit_log")
[ "$n_audit" -ge 1 ] && pass "an audit row is kept" || fail "an audit row is kept"

# --- copy ---
TO=$(db to)
run migrate-db "$FROM" "$TO"
expect_rc 0 "migrate-db copies the demo"
expect_out "rows and checksums are the same" "migrate-db says the copy was checked"
expect_no_out "DIFFERS" "no table differs"

# counts by the engines' tools, table by table
bad=
for t in $TABLES; do
	a=$(q "$FROM" "SELECT count(*) FROM $t")
	b=$(q "$TO" "SELECT count(*) FROM $t")
	[ "$a" = "$b" ] || bad="$bad $t:$a/$b"
done
[ -z "$bad" ] && pass "every table has as many rows in the copy" ||
	fail "every table has as many rows in the copy" "$bad"

# by hand: the demo has 1 project; users admin and carol make 2; one link
# and one token were given out; carol's role is the one membership
for pair in project:1 user_account:2 survey_link:1 api_token:1 project_member:1; do
	t=${pair%%:*}
	got=$(q "$TO" "SELECT count(*) FROM $t")
	[ "$got" = "${pair#*:}" ] && pass "the copy has ${pair#*:} $t rows" ||
		fail "the copy has ${pair#*:} $t rows" "got $got"
done
# more than one row where the demo fills the table
for t in stakeholder response setting milestone_event usage_figure observation \
	workaround benefit cost_item; do
	got=$(q "$TO" "SELECT count(*) FROM $t")
	[ "$got" -gt 1 ] && pass "the copy has $t rows ($got)" ||
		fail "the copy has $t rows" "got $got"
done

# rows of integers and text read back by both engines' tools, id by id
for sql in \
	"SELECT * FROM project ORDER BY id" \
	"SELECT id, name, display, pwhash, admin, created FROM user_account ORDER BY id" \
	"SELECT * FROM api_token ORDER BY id" \
	"SELECT * FROM audit_log ORDER BY id" \
	"SELECT * FROM survey_link ORDER BY id" \
	"SELECT * FROM project_member ORDER BY user_id" \
	"SELECT * FROM stakeholder ORDER BY id" \
	"SELECT id, project_id, round, ext_id, grp, received FROM response ORDER BY id" \
	"SELECT * FROM setting ORDER BY id" \
	"SELECT * FROM milestone_event ORDER BY setting_id, reached, recorded" \
	"SELECT * FROM observation ORDER BY id" \
	"SELECT * FROM workaround ORDER BY id"; do
	q "$FROM" "$sql" >"$TMP/a"
	q "$TO" "$sql" >"$TMP/b"
	if [ -s "$TMP/a" ] && cmp -s "$TMP/a" "$TMP/b"; then pass "same rows: $sql"
	else fail "same rows: $sql" "$(diff "$TMP/a" "$TMP/b" | head -5)"; fi
done

# the reports, figures included, are the same on both
for c in "project show" "assess show" "roadmap" "coverage" "usage" "log list" \
	"benefit list" "breakeven"; do
	"$WAYMARK" --db "$FROM" $c demo-clinical-app --json >"$TMP/a" 2>&1
	"$WAYMARK" --db "$TO" $c demo-clinical-app --json >"$TMP/b" 2>&1
	if [ -s "$TMP/a" ] && cmp -s "$TMP/a" "$TMP/b"; then pass "$c --json is the same on the copy"
	else fail "$c --json is the same on the copy" "$(diff "$TMP/a" "$TMP/b" | head -5)"; fi
done

# and back again into SQLite: every row of every table as it was
BACK="$TMP/back.db"
run migrate-db "$TO" "$BACK"
expect_rc 0 "migrate-db copies the copy back to SQLite"
bad=
for t in $TABLES; do
	rows "$FROM" "$t" >"$TMP/a"
	rows "$BACK" "$t" >"$TMP/b"
	cmp -s "$TMP/a" "$TMP/b" || bad="$bad $t"
done
[ -z "$bad" ] && pass "the round trip keeps every row of every table, blobs and reals too" ||
	fail "the round trip keeps every row of every table" "$bad"

# --- the copy takes new rows after the copied ids ---
run --db "$TO" project new after-move --title "After the move"
expect_rc 0 "a project can be added to the copy"
expect_out "(id 2)" "the new project takes id 2 (the demo's is 1)"
"$WAYMARK" --db "$TO" user add dave --password-stdin <"$TMP/pw" >/dev/null 2>&1
got=$(q "$TO" "SELECT id FROM user_account WHERE name = 'dave'")
[ "$got" = 3 ] && pass "a new user takes id 3 (admin 1, carol 2)" ||
	fail "a new user takes id 3" "got '$got'"
run --db "$TO" survey link demo-clinical-app --json
expect_rc 0 "a new survey link on the copy"
got=$(q "$TO" "SELECT max(id) FROM survey_link")
[ "$got" = 2 ] && pass "the new link takes id 2" || fail "the new link takes id 2" "got '$got'"

# --- JSON ---
TO2=$(db to2)
run migrate-db "$FROM" "$TO2" --json
expect_rc 0 "migrate-db --json"
if jq -e '.same == true and (.tables | length) == 30 and
	(.tables[] | select(.table == "project") | .rows == 1 and .copied_rows == 1
	 and .checksum == .copied_checksum and (.checksum | length) == 64)' \
	"$OUT" >/dev/null; then pass "--json lists 30 tables, the project's 1 row and checksums"
else fail "--json lists 30 tables, the project's 1 row and checksums"; fi

# --- refusals: nothing changed ---
run migrate-db "$FROM" "$TO"
expect_rc 3 "a new database that is not empty is refused"
expect_err "is not empty (table 'project' has 2 rows)" "the refusal names the table"
got=$(q "$TO" "SELECT count(*) FROM project")
[ "$got" = 2 ] && pass "the refused database is unchanged" || fail "the refused database is unchanged" "$got projects"

run migrate-db "$TMP/none.db" "$TMP/new1.db"
expect_rc 4 "a missing old database"
expect_err "no database at '$TMP/none.db'" "the missing database is named"
[ ! -e "$TMP/none.db" ] && [ ! -e "$TMP/new1.db" ] &&
	pass "no file is made for a missing database" ||
	fail "no file is made for a missing database"

cp "$FROM" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "INSERT INTO schema_version VALUES (99)"
run migrate-db "$TMP/newer.db" "$TMP/new2.db"
expect_rc 5 "an old database newer than this waymark is refused"
expect_err "schema version 99, newer than this waymark" "the refusal says why"
[ ! -e "$TMP/new2.db" ] && pass "nothing made for a database that is too new" ||
	fail "nothing made for a database that is too new"

run migrate-db "$FROM" "$FROM"
expect_rc 2 "FROM and TO the same is a usage error"
run migrate-db "$FROM"
expect_rc 2 "TO missing is a usage error"
run migrate-db --help
expect_rc 0 "migrate-db --help"
expect_out "usage: waymark migrate-db FROM TO" "migrate-db --help shows the usage"

# --- backup (SQLite) ---
run --db "$FROM" backup "$TMP/copy.db"
expect_rc 0 "backup copies the SQLite database"
bad=
for t in $TABLES; do
	rows "$FROM" "$t" >"$TMP/a"
	rows "$TMP/copy.db" "$t" >"$TMP/b"
	cmp -s "$TMP/a" "$TMP/b" || bad="$bad $t"
done
[ -z "$bad" ] && pass "the backup holds every row" || fail "the backup holds every row" "$bad"
before=$(cksum <"$TMP/copy.db")
run --db "$FROM" backup "$TMP/copy.db"
expect_rc 3 "backup never overwrites"
expect_err "'$TMP/copy.db' exists" "backup names the file that exists"
[ "$(cksum <"$TMP/copy.db")" = "$before" ] && pass "the earlier backup is untouched" ||
	fail "the earlier backup is untouched"
run --db "$TMP/none.db" backup "$TMP/copy2.db"
expect_rc 4 "backup of a missing database"

# online: a server keeps the database open and is writing (its write
# transaction open for 2 seconds); the backup waits for that write to end
# and copies it whole, and a reader holding a snapshot does not stop it
(printf "BEGIN IMMEDIATE;\nINSERT INTO login_failure VALUES ('x', '127.0.0.1', 1);\n"
 sleep 2; printf "INSERT INTO login_failure VALUES ('y', '127.0.0.1', 2);\nCOMMIT;\n") |
	sqlite3 "$FROM" &
writer=$!
(printf "BEGIN;\nSELECT count(*) FROM project;\n"; sleep 4; printf "COMMIT;\n") |
	sqlite3 "$FROM" >/dev/null &
reader=$!
sleep 1
run --db "$FROM" backup "$TMP/online.db"
expect_rc 0 "backup while another process writes and another reads"
wait "$writer" "$reader"
got=$(sqlite3 "$TMP/online.db" "SELECT count(*) FROM login_failure")
# by hand: the writer's two rows together (never one without the other)
[ "$got" = 2 ] && pass "the backup holds the write in progress whole" ||
	fail "the backup holds the write in progress whole" "$got rows"

if [ -n "${WAYMARK_TEST_PG:-}" ]; then
	run --db "$TO" backup "$TMP/pg.db"
	expect_rc 3 "backup of PostgreSQL is refused"
	expect_err "pg_dump" "backup of PostgreSQL points to pg_dump"
else
	skip "backup of PostgreSQL points to pg_dump (PostgreSQL pass only)"
fi

done_testing
