#!/bin/sh
# t-two-servers.sh: two 'waymark serve' processes on one PostgreSQL
# database, as behind a load balancer: a session made on one is good on
# the other, two people saving the same stakeholder through different
# servers do not lose an update, a survey response sent to both is
# counted once, and a change made through one is seen at once through
# the other (the cached assessment follows the project's revision).
. "$(dirname "$0")/lib.sh"

if [ -z "${WAYMARK_TEST_PG:-}" ]; then
	echo "skip 1 - two servers need PostgreSQL: not run in the SQLite pass"
	exit 0
fi
. "$(dirname "$0")/web.sh"

P=/p/demo-clinical-app
A=/api/projects/demo-clinical-app
J='Content-Type: application/json'
start_server
start_server2
[ "$BASE" != "$BASE2" ] && pass "two servers listen" || fail "two servers listen" "$BASE"
TOKEN=$("$WAYMARK" --db "$DB" user token admin)

# api METHOD PATH [CURL ARGS...]: with the admin's token, on $BASE
api() {
	m=$1 p=$2
	shift 2
	status=$(curl -s -X "$m" -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer $TOKEN" "$@" "$BASE$p")
}
form_version() { sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' "$OUT" | head -1; }
power_of() {
	"$WAYMARK" --db "$DB" stakeholder list demo-clinical-app --json |
		tr -d ' \n' | grep -o "\"id\":$1,[^}]*" | sed -n 's/.*"power":\([0-9]*\).*/\1/p'
}
save() {
	http POST "$P/stakeholders/1" --data-urlencode "csrf=$CSRF" \
		--data-urlencode "name=Chief nursing officer" --data-urlencode "group=clinical" \
		--data-urlencode "organisation=" --data-urlencode "power=$1" \
		--data-urlencode "interest=3" --data-urlencode "attitude=supporter" \
		--data-urlencode "version=$2"
}

# --- sessions ---
login admin "$ADMIN_PW"
expect_status 303 "one: the administrator logs in"
on2 http GET /projects
expect_status 200 "two: the session cookie of one is good here"
expect_out 'demo-clinical-app' "two: and shows the projects"

# --- no lost updates across servers ---
# two people (one session each) open stakeholder 1, one on each server
csrf_from "$P/stakeholders/1"
v1=$(form_version)
JAR2="$TMP/jar2"
keep=$JAR; JAR=$JAR2
login admin "$ADMIN_PW"
on2 csrf_from "$P/stakeholders/1"
CSRF2=$CSRF
v2=$(form_version)
JAR=$keep
csrf_from "$P/stakeholders/1"
[ "$v1" = "$v2" ] && pass "both open version $v1" || fail "both open the same version" "$v1 and $v2"
save 5 "$v1"
expect_status 303 "one: the first save is kept"
keep=$JAR; JAR=$JAR2; keepc=$CSRF; CSRF=$CSRF2
on2 save 1 "$v2"
JAR=$keep; CSRF=$keepc
expect_status 409 "two: the second save, from the same version, is stale"
expect_out '<tr><th scope="row">power</th><td>5</td><td>1</td></tr>' \
	"two: shows the stored power (5) beside the one submitted (1)"
[ "$(power_of 1)" = 5 ] && pass "the first change stays" || fail "the first change stays" "power $(power_of 1)"

# --- survey responses counted once ---
# responses: how many the latest round has
responses() {
	"$WAYMARK" --db "$DB" assess show demo-clinical-app --json 2>/dev/null | tr -d ' \n' |
		sed -n 's/.*"responses":\([0-9]*\).*/\1/p' | head -1
}
"$WAYMARK" --db "$DB" survey link demo-clinical-app >"$OUT" 2>"$ERR"
TOK=$(tail -1 "$OUT" | sed 's|.*/s/||')
[ -n "$TOK" ] && pass "an open survey link" || fail "an open survey link" "$(cat "$ERR")"
status=$(curl -s -o "$OUT" -w '%{http_code}' "$BASE/api/survey/$TOK")
item=$(tr -d ' \n' <"$OUT" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')
before=$(responses)
body="{\"client_id\":\"twice-1\",\"group\":\"nursing\",\"answers\":{\"$item\":4}}"
status=$(curl -s -o "$OUT" -w '%{http_code}' -H "$J" --data "$body" "$BASE/api/survey/$TOK")
[ "$status" = 201 ] && pass "one: the response is received" || fail "one: the response is received" "status $status: $(cat "$OUT")"
status=$(curl -s -o "$OUT" -w '%{http_code}' -H "$J" --data "$body" "$BASE2/api/survey/$TOK")
[ "$status" = 200 ] && pass "two: the same client id is already received" || fail "two: already received" "status $status: $(cat "$OUT")"
expect_out '"already_received"' "two: says so"
after=$(responses)
# one more response than before, not two
[ "$after" = $((before + 1)) ] && pass "counted once ($before + 1)" ||
	fail "counted once" "$before before, $after after"

# both at once, a new client id: still one
body="{\"client_id\":\"race-2\",\"group\":\"nursing\",\"answers\":{\"$item\":2}}"
curl -s -o "$TMP/r1" -H "$J" --data "$body" "$BASE/api/survey/$TOK" &
c1=$!
curl -s -o "$TMP/r2" -H "$J" --data "$body" "$BASE2/api/survey/$TOK" &
c2=$!
wait $c1 $c2
got=$(cat "$TMP/r1" "$TMP/r2" | grep -c '"received"')
[ "$got" = 1 ] && pass "sent to both at once: received once" || fail "received once at once" "$(cat "$TMP/r1" "$TMP/r2")"
[ "$(responses)" = $((before + 2)) ] && pass "counted once ($before + 2)" ||
	fail "counted once at once" "$(responses)"

# --- a change on one is seen at once on the other ---
status=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE2$A/assessment")
expect_out '"anonymity":5,' "two: the assessment (cached) has anonymity 5"
csrf_from "$P/edit"
v=$(form_version)
http POST "$P/edit" --data-urlencode "csrf=$CSRF" --data-urlencode "version=$v" \
	--data-urlencode "title=Hospital-wide clinical app" --data-urlencode "anonymity=10"
expect_status 303 "one: the anonymity threshold is raised to 10"
status=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE2$A/assessment")
expect_out '"anonymity":10,' "two: its cached assessment follows at once"
status=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE2$A/stakeholders/1")
expect_out '"power":5' "two: reads the stakeholder saved through one"

stop_server2
stop_server
done_testing
