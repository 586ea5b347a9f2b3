#!/bin/sh
# t-web-import.sh: CSV imports on the web: the import page (a file
# upload) and POST /api/projects/:project/imports/:kind, for every kind
# of record the CLI imports; bad files answered 422 with each problem at
# FILE:LINE:COL and nothing changed (the CLI's --json the same before and
# after); viewers, a missing anti-forgery token and a body over
# --max-body refused; each import audited.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

PN=demo-clinical-app
P=/p/$PN
A=/api/projects/$PN
start_server --max-body 4096
login admin "$ADMIN_PW"
expect_status 303 "the administrator logs in"
TOKEN=$("$WAYMARK" --db "$DB" user token admin)

# state: everything an import may change, as the CLI's --json shows it
state() {
	for c in "setting list" "milestone list" "usage" "log list" \
		 "workaround list" "cost list"; do
		# shellcheck disable=SC2086
		"$WAYMARK" --db "$DB" $c $PN --json
	done
	"$WAYMARK" --db "$DB" benefit show $PN "Escalation time" --json
}
# upload KIND FILE: send FILE through the import page's form
upload() {
	http POST "$P/import" -F "csrf=$CSRF" -F "kind=$1" \
		-F "file=@$2;type=text/csv"
}
# api_csv KIND FILE: send FILE to the API as the admin
api_csv() {
	status=$(curl -s -X POST -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer ${AS:-$TOKEN}" -H 'Content-Type: text/csv' \
		--data-binary "@$2" "$BASE$A/imports/$1")
}
# unchanged NAME: the state is as it was in $before
unchanged() {
	if [ "$(state)" = "$before" ]; then pass "$1: nothing changed"
	else fail "$1: nothing changed" "the CLI's --json differs"; fi
}
# bad_upload KIND FILE WHERE NAME: refused, listing FILE:WHERE, nothing changed
bad_upload() {
	before=$(state)
	upload "$1" "$TMP/$2"
	expect_status 422 "$4: refused"
	expect_out "$2:$3" "$4: the problem at $2:$3"
	unchanged "$4"
}

# --- the page ---
csrf_from "$P/import"
expect_status 200 "import: the page"
expect_out 'enctype="multipart/form-data"' "import: the form uploads a file"
expect_out '<input type="file" id="f-file" name="file"' "import: a file input"
expect_out '<option value="measurements">' "import: the kinds to choose"
expect_out 'aria-current="page">Import</a>' "import: a tab of the project"

# --- each kind by upload ---
printf 'name,type,parent,it_system\nWard 40,team,Northfield General Hospital,Lorenzo EPR\nWard 41,team,Ward 40,\n' >"$TMP/settings.csv"
upload settings "$TMP/settings.csv"
expect_status 303 "settings: imported"
expect_header "Location: /p/$PN/registry?imported=2&of=settings" "settings: to the registry, 2 rows"
http GET "/p/$PN/registry?imported=2&of=settings"
expect_out 'Imported 2 settings.' "settings: the count notice"
run --db "$DB" setting show $PN "Ward 41" --json
expect_out '"parent": "Ward 40"' "settings: kept as the CLI sees them"

# Ward 40 engaged; Ward 41 engaged and trained: 3 rows
printf 'setting,milestone,date\nWard 40,engaged,2025-03-03\nWard 41,engaged,2025-03-04\nWard 41,trained,2025-03-10\n' >"$TMP/milestones.csv"
upload milestones "$TMP/milestones.csv"
expect_status 303 "milestones: imported"
expect_header "of=milestones" "milestones: redirected with the kind"
expect_header "imported=3" "milestones: 3 rows"
run --db "$DB" setting show $PN "Ward 41" --json
expect_out '"trained": "2025-03-10"' "milestones: kept"

printf 'setting,metric,month,value,eligible\nWard 40,active users,2025-03,12,20\n' >"$TMP/usage.csv"
upload usage "$TMP/usage.csv"
expect_status 303 "usage: imported"
expect_header "/rollout?imported=1&of=usage" "usage: to the rollout page, 1 row"
http GET "/p/$PN/rollout?imported=1&of=usage"
expect_out 'Recorded 1 usage figure.' "usage: the count notice"

printf 'date,reporter,text,kind\n2025-01-02,Ann,Short of staff,barrier\n2025-01-03,Bo,"Champions help, a lot",enabler\n' >"$TMP/log.csv"
upload log "$TMP/log.csv"
expect_status 303 "log: imported"
expect_header "/log?imported=2&of=log" "log: to the log, 2 rows"
http GET "/p/$PN/log?imported=2&of=log"
expect_out 'Imported 2 log entries.' "log: the count notice"

printf 'description,harm,frequency,observed,reporter\nPaper list kept beside the system,3,2,2025-01-01,Ann\n' >"$TMP/workarounds.csv"
upload workarounds "$TMP/workarounds.csv"
expect_status 303 "workarounds: imported"
expect_header "/workarounds?imported=1&of=workarounds" "workarounds: to its page, 1 row"
http GET "/p/$PN/workarounds?imported=1&of=workarounds"
expect_out 'Imported 1 entry.' "workarounds: the count notice"

printf 'benefit,date,value,note\nEscalation time,2025-07-01,29,July audit\nEscalation time,2025-08-01,27,\n' >"$TMP/measurements.csv"
upload measurements "$TMP/measurements.csv"
expect_status 303 "measurements: imported"
expect_header "/benefits?imported=2&of=measurements" "measurements: to benefits, 2 rows"
http GET "/p/$PN/benefits?imported=2&of=measurements"
expect_out 'Recorded 2 measurements.' "measurements: the count notice"

printf 'name,flow,category,kind,start_year,expected\nExtra licences,cost,licences,recurring,1,30\n' >"$TMP/costs.csv"
upload costs "$TMP/costs.csv"
expect_status 303 "costs: imported"
expect_header "/costs?imported=1&of=costs" "costs: to costs, 1 row"
http GET "/p/$PN/costs?imported=1&of=costs"
expect_out 'Imported 1 cost item.' "costs: the count notice"

# the audit log: one row per import, with the rows counted
api_get() {
	status=$(curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer $TOKEN" "$BASE$1")
}
api_get "$A/audit"
tr -d ' \n' <"$OUT" >"$TMP/audit"
for k in settings:2 milestones:3 usage:1 log:2 workarounds:1 measurements:2 costs:1; do
	if grep -qF "\"action\":\"import\",\"entity\":\"${k%:*}\",\"before\":null,\"after\":{\"rows\":${k#*:}}" "$TMP/audit"
	then pass "audit: import of ${k%:*}, ${k#*:} rows"
	else fail "audit: import of ${k%:*}, ${k#*:} rows" "$(head -c 600 "$TMP/audit")"; fi
done

# --- bad files: every problem at FILE:LINE:COL, nothing changed ---
# "Ward 50," is 8 characters: type begins at column 9
printf 'name,type\nWard 50,clinic\n' >"$TMP/b-settings.csv"
bad_upload settings b-settings.csv "2:9: type:" "settings: a bad type"
# "Ward 3,engaged," is 15 characters: the date at column 16
printf 'setting,milestone,date\nWard 3,engaged,2999-01-01\n' >"$TMP/b-milestones.csv"
bad_upload milestones b-milestones.csv "2:16: date:" "milestones: a day after today"
# "Ward 3,active users," is 20 characters: the month at column 21
printf 'setting,metric,month,value\nWard 3,active users,2025-13,5\n' >"$TMP/b-usage.csv"
bad_upload usage b-usage.csv "2:21: month:" "usage: a month that is not one"
# line 2: 2025-02-30 at column 1; line 3: "2025-01-02,A,T," is 15: kind at 16
printf 'date,reporter,text,kind\n2025-02-30,A,T,barrier\n2025-01-02,A,T,risk\n' >"$TMP/b-log.csv"
bad_upload log b-log.csv "2:1: date:" "log: a day not in the calendar"
expect_out "b-log.csv:3:16: kind:" "log: the second problem listed too"
expect_out 'role="alert"' "log: the problems in an alert"
expect_out '<a href="#f-file">b-log.csv:2:1: date:' "log: each links to the file field"
# "Paper,9," : the harm at column 7
printf 'description,harm,frequency,observed,reporter\nPaper,9,2,2025-01-01,A\n' >"$TMP/b-workarounds.csv"
bad_upload workarounds b-workarounds.csv "2:7: harm:" "workarounds: a harm off the scale"
printf 'benefit,date,value\nNo such benefit,2025-01-01,5\n' >"$TMP/b-measurements.csv"
bad_upload measurements b-measurements.csv "2:1: benefit:" "measurements: an unknown benefit"
# "A," : the flow at column 3; a good record before it is not kept either
printf 'name,flow,category,kind,start_year,expected\nGood one,cost,licences,recurring,1,5\nA,gain,c,one-off,1,5\n' >"$TMP/b-costs.csv"
bad_upload costs b-costs.csv "3:3: flow:" "costs: a bad flow after a good record"
printf 'name,type,colour\nWard 51,team,red\n' >"$TMP/b-header.csv"
bad_upload settings b-header.csv "1:" "settings: an unknown column"
expect_out "colour" "settings: the unknown column named"

before=$(state)
http POST "$P/import" -F "csrf=$CSRF" -F "kind=settings"
expect_status 422 "no file: refused"
expect_out "file: choose a CSV file" "no file: says so"
upload sheep "$TMP/settings.csv"
expect_status 422 "an unknown kind: refused"
expect_out "kind: choose what the file holds" "an unknown kind: says so"
unchanged "no file, unknown kind"

# --- refused: no token, too big, a viewer ---
before=$(state)
http POST "$P/import" -F "kind=log" -F "file=@$TMP/log.csv;type=text/csv"
expect_status 403 "without the anti-forgery token: refused"
# 5,000 bytes of records is over the 4,096 allowed
awk 'BEGIN { print "date,reporter,text,kind"; for (i = 0; i < 200; i++) printf "2025-01-02,A,%015d,barrier\n", i }' >"$TMP/big.csv"
upload log "$TMP/big.csv"
expect_status 413 "a file over --max-body: refused"
api_csv log "$TMP/big.csv"
expect_status 413 "api: a body over --max-body: refused"
unchanged "no token, too big"

add_user vic "viewer-password-1" --display "Vic Viewer"
"$WAYMARK" --db "$DB" user grant vic $PN viewer >/dev/null
VTOKEN=$("$WAYMARK" --db "$DB" user token vic)
AS=$VTOKEN api_csv log "$TMP/log.csv"
expect_status 403 "api: a viewer cannot import"
JAR_ADMIN=$JAR
JAR="$TMP/jar.vic"
login vic "viewer-password-1"
http GET "$P/registry"
expect_no_out ">Import</a>" "viewer: no import tab"
expect_no_out "Add a milestone" "viewer: no milestone forms"
http GET "$P/import"
expect_status 403 "viewer: the import page refused"
csrf_from "$P/registry"
http POST "$P/import" -F "csrf=$CSRF" -F "kind=log" -F "file=@$TMP/log.csv;type=text/csv"
expect_status 403 "viewer: an upload refused"
unchanged "a viewer"
JAR=$JAR_ADMIN
csrf_from "$P/import"

# --- the API ---
api_csv log "$TMP/log.csv"
expect_status 201 "api: log imported"
expect_out '{"rows":2}' "api: 2 rows"
before=$(state)
api_csv log "$TMP/b-log.csv"
expect_status 422 "api: a bad file refused"
tr -d ' \n' <"$OUT" >"$TMP/flat"
if grep -qF '{"line":2,"column":1,"field":"date","message":' "$TMP/flat" &&
   grep -qF '{"line":3,"column":16,"field":"kind","message":' "$TMP/flat"
then pass "api: each problem with line, column and field"
else fail "api: each problem with line, column and field" "$(cat "$TMP/flat")"; fi
unchanged "api: a bad file"
for k in settings milestones usage workarounds measurements costs; do
	before=$(state)
	api_csv $k "$TMP/b-$k.csv"
	expect_status 422 "api: a bad $k file refused"
	unchanged "api: a bad $k file"
done
printf 'name,type\nWard 60,team\n' >"$TMP/s2.csv"
api_csv settings "$TMP/s2.csv"
expect_status 201 "api: settings imported"
printf 'setting,milestone,date\nWard 60,live,2025-05-05\n' >"$TMP/m2.csv"
api_csv milestones "$TMP/m2.csv"
expect_status 201 "api: milestones imported"
printf 'setting,metric,month,value\nWard 60,active users,2025-05,4\n' >"$TMP/u2.csv"
api_csv usage "$TMP/u2.csv"
expect_status 201 "api: usage imported"
printf 'description,harm,frequency,observed,reporter\nSticky notes on the screen,2,3,2025-02-01,Bo\n' >"$TMP/w2.csv"
api_csv workarounds "$TMP/w2.csv"
expect_status 201 "api: workarounds imported"
printf 'benefit,date,value\nEscalation time,2025-09-01,25\n' >"$TMP/me2.csv"
api_csv measurements "$TMP/me2.csv"
expect_status 201 "api: measurements imported"
printf 'name,flow,category,kind,start_year,expected\nMore training,cost,training,one-off,2,12\n' >"$TMP/c2.csv"
api_csv costs "$TMP/c2.csv"
expect_status 201 "api: costs imported"
expect_out '{"rows":1}' "api: costs, 1 row"
run --db "$DB" setting show $PN "Ward 60" --json
expect_out '"live": "2025-05-05"' "api: the imported milestone kept"
api_csv sheep "$TMP/log.csv"
expect_status 404 "api: an unknown kind"
status=$(curl -s -X POST -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
	-H 'Content-Type: application/json' --data-binary '{}' "$BASE$A/imports/log")
expect_status 415 "api: a body that is not CSV"
# a session, not a token: the anti-forgery header is needed
status=$(curl -s -X POST -o "$OUT" -w '%{http_code}' -b "$JAR" \
	-H 'Content-Type: text/csv' --data-binary "@$TMP/log.csv" "$BASE$A/imports/log")
expect_status 403 "api: a session without X-CSRF-Token refused"

stop_server
done_testing
