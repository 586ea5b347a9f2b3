# t-pg.sh: what only PostgreSQL has: a server that is out of reach, a
# restart while waymark serves, several processes migrating at once.
# tests/run.sh runs it in its PostgreSQL pass, with WAYMARK_TEST_PG_DIR
# the throwaway cluster it may stop and start.
. tests/cli/lib.sh
if [ -z "${WAYMARK_TEST_PG:-}" ]; then
	echo "# PostgreSQL only: tests/run.sh runs these in its PostgreSQL pass"
	exit 0
fi
. tests/cli/web.sh

# --- a server that is not there ---
run --db "postgresql://waymark@127.0.0.1:1/none?connect_timeout=2" project list
expect_rc 5 "an unreachable server: exit 5"
expect_err "cannot connect to PostgreSQL" "an unreachable server: said plainly"
expect_err "127.0.0.1" "an unreachable server: the address named"
run --db "${WAYMARK_TEST_PG%/*}/no_such_database" project list
expect_rc 5 "a database that does not exist: exit 5"
expect_err "no_such_database" "a database that does not exist: named"

# --- four processes open a new database at once: one migrates ---
M=$(db migrate)
pids=
for i in 1 2 3 4; do
	"$WAYMARK" --db "$M" project list >/dev/null 2>"$TMP/m$i.err" &
	pids="$pids $!"
done
ok=0
for p in $pids; do wait "$p" && ok=$((ok + 1)); done
if [ "$ok" -eq 4 ]; then pass "four processes migrating at once all succeed"
else fail "four processes migrating at once all succeed" "$(cat "$TMP"/m*.err)"; fi
once=$(psql "$M" -qAt -c "SELECT count(*) = count(DISTINCT version) AND
	count(*) = max(version) FROM schema_version")
if [ "$once" = t ]; then pass "each migration ran once"
else fail "each migration ran once" "schema_version: $(psql "$M" -qAt -c 'SELECT version FROM schema_version' | tr '\n' ' ')"; fi

# --- the database goes away while waymark serves, and comes back ---
start_server --threads 2
login admin "$ADMIN_PW"
http GET /projects
expect_status 200 "serving from PostgreSQL"
sh tests/pg.sh stop "$WAYMARK_TEST_PG_DIR"
http GET /projects
expect_status 503 "database down: 503"
expect_header "Retry-After:" "database down: Retry-After"
http GET /api/projects
expect_status 503 "database down: 503 from the API too"
if grep -q '"unavailable"' "$OUT"; then pass "database down: the API says unavailable"
else fail "database down: the API says unavailable"; fi
if kill -0 "$SERVER_PID" 2>/dev/null; then pass "the server keeps running"
else fail "the server keeps running"; fi
sh tests/pg.sh restart "$WAYMARK_TEST_PG_DIR" >/dev/null
http GET /projects
expect_status 200 "database back: served again, the session still good"
csrf_from /projects/new
http POST /projects --data-urlencode "csrf=$CSRF" --data-urlencode "name=after-outage" \
	--data-urlencode "title=Made after the outage"
expect_status 303 "database back: changes are saved again"
run --db "$DB" project show after-outage
expect_rc 0 "the change is in the database"
stop_server
if [ "$server_rc" -eq 0 ]; then pass "clean shutdown after the outage"
else fail "clean shutdown after the outage" "exit $server_rc"; fi

done_testing
