#!/bin/sh
# t-web-log.sh: the barrier and enabler log in 'waymark serve': the list
# and its filters, adding with suggestions, editing, closing, deleting,
# roles, the anti-forgery token, the audit, and the road map.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

P=/p/demo-clinical-app
start_server
login admin "$ADMIN_PW"
expect_status 303 "the administrator logs in"

as() {
	keep=$JAR
	JAR=$1
	shift
	"$@"
	JAR=$keep
}
count() {
	n_entries=$("$WAYMARK" --db "$DB" log list demo-clinical-app --json |
		grep -c '"reporter"')
}

# --- the list ---
http GET "$P/log"
expect_status 200 "log: the page"
expect_out '<a href="/p/demo-clinical-app/log" aria-current="page">Log</a>' "log: the tab, current"
expect_out '6 entries' "log: the demo's six entries"
expect_out 'The data protection impact assessment' "log: an entry's text"
expect_out 'Information governance and privacy' "log: determinants by title"
expect_out 'Suggest determinants' "log: the suggest button"
http GET "$P/log?status=closed"
expect_out '1 entry' "log: filtered by status"
expect_out 'Wi-Fi drops' "log: the closed entry"
http GET "$P/log?kind=enabler&status=open"
expect_out '1 entry' "log: filtered by kind and status"
expect_out 'huddles' "log: the enabler"
http GET "$P/log?kind=nonsense"
expect_out '6 entries' "log: an unknown filter shows all"

# --- suggestions: the form comes back with them, nothing saved ---
count; before=$n_entries
csrf_from "$P/log"
http POST "$P/log" --data-urlencode "csrf=$CSRF" --data-urlencode "suggest=1" \
	--data-urlencode "date=2025-10-01" --data-urlencode "reporter=Ann" \
	--data-urlencode "text=Ward nurses could not get time away for training because of staff shortages" \
	--data-urlencode "kind=barrier" --data-urlencode "severity=4" \
	--data-urlencode "status=open" --data-urlencode "determinants-sent=1"
expect_status 200 "suggest: answers with the form"
expect_out 'Suggested determinants' "suggest: the suggestions"
expect_out '<strong>Skills and training</strong>' "suggest: skills and training"
expect_out '<mark>training</mark>' "suggest: the matched words shown"
expect_out 'value="skills-training" checked' "suggest: suggested boxes ticked"
expect_out 'because of staff shortages</textarea>' "suggest: the text kept"
count
[ "$n_entries" = "$before" ] && pass "suggest: nothing saved" || fail "suggest: nothing saved"

# --- add ---
http POST "$P/log" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "date=2025-10-01" --data-urlencode "reporter=Ann" \
	--data-urlencode "text=Nurses cannot get training time" \
	--data-urlencode "kind=barrier" --data-urlencode "severity=4" \
	--data-urlencode "status=open" --data-urlencode "setting=" \
	--data-urlencode "determinants-sent=1" \
	--data-urlencode "determinants=skills-training" \
	--data-urlencode "determinants=resourcing" \
	--data-urlencode "actions=act.skills-plan"
expect_status 303 "add: saved"
expect_header "Location: /p/demo-clinical-app/log?done=added" "add: back to the list"
count
[ "$n_entries" = $((before + 1)) ] && pass "add: one more entry" || fail "add: one more entry"
run --db "$DB" log show demo-clinical-app 7 --json
expect_out '"resourcing"' "add: determinants kept"
expect_out '"act.skills-plan"' "add: actions kept"

# bad input: 422, the field named, the form kept, nothing saved
bad_post() {
	name=$1 msg=$2
	shift 2
	count; before=$n_entries
	http POST "$P/log" --data-urlencode "csrf=$CSRF" \
		--data-urlencode "determinants-sent=1" "$@"
	expect_status 422 "$name: refused"
	expect_out "$msg" "$name: explained"
	count
	[ "$n_entries" = "$before" ] && pass "$name: nothing saved" || fail "$name: nothing saved"
}
bad_post "add: no text" "text: must be given" --data-urlencode "date=2025-10-01" \
	--data-urlencode "reporter=Ann" --data-urlencode "text="
bad_post "add: future day" "is after today" --data-urlencode "date=2999-01-01" \
	--data-urlencode "reporter=Ann" --data-urlencode "text=T"
bad_post "add: bad kind" "kind: &#39;risk&#39; is not one of" --data-urlencode "date=2025-10-01" \
	--data-urlencode "reporter=Ann" --data-urlencode "text=T" --data-urlencode "kind=risk"
bad_post "add: bad severity" "severity: &#39;7&#39;" --data-urlencode "date=2025-10-01" \
	--data-urlencode "reporter=Ann" --data-urlencode "text=T" --data-urlencode "severity=7"
bad_post "add: unknown determinant" "determinants: &#39;nope&#39;" --data-urlencode "date=2025-10-01" \
	--data-urlencode "reporter=Ann" --data-urlencode "text=T" --data-urlencode "determinants=nope"
bad_post "add: unknown setting" "setting: the project has no setting" --data-urlencode "date=2025-10-01" \
	--data-urlencode "reporter=Ann" --data-urlencode "text=T" --data-urlencode "setting=Ward 99"
bad_post "add: script in the text is escaped" "text: must"  \
	--data-urlencode "date=2025-10-01" --data-urlencode "reporter=<script>x</script>" \
	--data-urlencode "text= "
expect_no_out '<script>x</script>' "add: the reporter is escaped"

# --- edit, close, delete ---
http GET "$P/log/7"
expect_status 200 "edit: the form"
expect_out 'Log entry 7' "edit: the entry"
expect_out 'value="resourcing" checked' "edit: determinants ticked"
http POST "$P/log/7" --data-urlencode "csrf=$CSRF" --data-urlencode "suggest=1" \
	--data-urlencode "text=Wi-Fi drops in the side rooms" --data-urlencode "determinants-sent=1"
expect_status 200 "edit: suggest"
expect_out '<strong>Infrastructure and connectivity</strong>' "edit: suggestions for the new text"
run --db "$DB" log show demo-clinical-app 7 --json
expect_out '"text": "Nurses cannot get training time"' "edit: suggest saves nothing"
http POST "$P/log/7" --data-urlencode "csrf=$CSRF" --data-urlencode "severity=2" \
	--data-urlencode "text=Nurses still cannot get training time" \
	--data-urlencode "determinants-sent=1" --data-urlencode "determinants=resourcing"
expect_status 303 "edit: saved"
run --db "$DB" log show demo-clinical-app 7 --json
expect_out '"severity": 2' "edit: the severity kept"
expect_no_out 'skills-training' "edit: unticked determinants gone"
http POST "$P/log/7" --data-urlencode "csrf=$CSRF" --data-urlencode "status=shut"
expect_status 422 "edit: a bad status refused"
http GET "$P/log"
expect_out 'aria-label="Close entry 7"' "close: a button for open entries"
http POST "$P/log/7" --data-urlencode "csrf=$CSRF" --data-urlencode "status=closed"
expect_status 303 "close: closed"
run --db "$DB" log show demo-clinical-app 7 --json
expect_out '"status": "closed"' "close: the status kept"
expect_out '"resourcing"' "close: the determinants untouched"
http POST "$P/log/7" --data-urlencode "status=open"
expect_status 403 "edit: no anti-forgery token, refused"
http POST "$P/log/7/delete" --data-urlencode "csrf=forged"
expect_status 403 "delete: a forged token, refused"
http GET "$P/log/999"
expect_status 404 "edit: an unknown entry"
http POST "$P/log/7/delete" --data-urlencode "csrf=$CSRF"
expect_status 303 "delete: deleted"
run --db "$DB" log show demo-clinical-app 7
expect_rc 4 "delete: gone"

# --- the audit ---
http GET "$P/audit"
expect_out '<strong>add</strong> <code>observation:7</code>' "audit: the entry added"
expect_out '<strong>edit</strong> <code>observation:7</code>' "audit: the entry changed"
expect_out '<strong>delete</strong> <code>observation:7</code>' "audit: the entry deleted"

# --- the road map takes the demo's open barriers into account ---
http GET "$P/roadmap"
expect_out 'logged barrier: Information governance and privacy (log entry 5 of 2025-06-24, severity 5 of 5' \
	"road map: the open barrier of the log"
expect_no_out 'log entry 3 ' "road map: the closed entry counts for nothing"

# --- roles ---
add_user vic "viewer-password-1"
"$WAYMARK" --db "$DB" user grant vic demo-clinical-app viewer >/dev/null
VJAR="$TMP/vjar"
as "$VJAR" login vic "viewer-password-1"
as "$VJAR" csrf_from "$P/log"
expect_status 200 "viewer: sees the log"
expect_no_out 'Log an entry' "viewer: no add form"
expect_no_out 'Close entry' "viewer: no close buttons"
count; before=$n_entries
as "$VJAR" http POST "$P/log" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "date=2025-10-01" --data-urlencode "reporter=Vic" \
	--data-urlencode "text=T"
expect_status 403 "viewer: cannot add"
as "$VJAR" http GET "$P/log/1"
expect_status 403 "viewer: cannot open the edit form"
as "$VJAR" http POST "$P/log/1/delete" --data-urlencode "csrf=$CSRF"
expect_status 403 "viewer: cannot delete"
count
[ "$n_entries" = "$before" ] && pass "viewer: nothing changed" || fail "viewer: nothing changed"
add_user stan "stranger-password-1"
SJAR="$TMP/sjar"
as "$SJAR" login stan "stranger-password-1"
as "$SJAR" http GET "$P/log"
expect_status 404 "stranger: the project's log is not found"

# --- the API: roles and bad input ---
TOKEN=$("$WAYMARK" --db "$DB" user token admin)
VTOKEN=$("$WAYMARK" --db "$DB" user token vic)
api() {
	m=$1 p=$2 t=$3
	shift 3
	status=$(curl -s -X "$m" -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
		"$@" "$BASE/api/projects/demo-clinical-app$p")
}
api GET /log "$VTOKEN"
expect_status 200 "api: a viewer reads the log"
api POST /log "$VTOKEN" --data-binary '{"reporter": "V", "text": "T"}'
expect_status 403 "api: a viewer cannot add"
api PUT /log/1 "$VTOKEN" --data-binary '{"status": "closed"}'
expect_status 403 "api: a viewer cannot change"
api DELETE /log/1 "$VTOKEN"
expect_status 403 "api: a viewer cannot delete"
api GET '/log?status=shut' "$TOKEN"
expect_status 400 "api: a bad filter"
api POST /log "$TOKEN" --data-binary '{"reporter": "A", "text": "T", "colour": "red"}'
expect_status 422 "api: an unknown key"
expect_out "colour: not a field of a log entry" "api: the unknown key named"
api POST /log "$TOKEN" --data-binary '{"reporter": "A", "text": "T", "determinants": [1]}'
expect_status 422 "api: ids must be strings"
expect_out "determinants: expected a list of ids" "api: the bad list named"
api POST /log "$TOKEN" --data-binary '{"reporter": "A"}'
expect_status 422 "api: text required"
expect_out "text: must be given" "api: the missing text named"
api POST /log "$TOKEN" --data-binary '[1]'
expect_status 400 "api: not an object"
api PUT /log/999 "$TOKEN" --data-binary '{"status": "closed"}'
expect_status 404 "api: an unknown entry"
api PUT /log/1 "$TOKEN" --data-binary '{"status": "in-hand", "setting": null}'
expect_status 200 "api: a change"
expect_out '"status":"in-hand"' "api: the change answered"
run --db "$DB" log show demo-clinical-app 1 --json
expect_out '"status": "in-hand"' "api: the change kept"

stop_server
done_testing
