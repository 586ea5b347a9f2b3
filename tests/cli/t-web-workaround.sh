#!/bin/sh
# t-web-workaround.sh: the Workarounds tab of 'waymark serve': the
# fix-first list above every entry, filters, adding, changing the status,
# editing and deleting through forms, each change in the audit log; roles
# (a viewer reads but cannot add), the anti-forgery token, and the API's
# filters and bad input beyond the examples of docs/api.md.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

P=/p/demo-clinical-app
start_server
login admin "$ADMIN_PW"
expect_status 303 "the administrator logs in"

# count: entries of the demo's log, as the CLI sees them, into $count
count() {
	count=$("$WAYMARK" --db "$DB" workaround list demo-clinical-app --json |
		grep -c '"risk":')
}
# audit_has TEXT NAME: the audit log (as the API gives it) holds TEXT
audit_has() {
	TOKEN=${TOKEN:-$("$WAYMARK" --db "$DB" user token admin)}
	curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/projects/demo-clinical-app/audit" >"$TMP/audit"
	if grep -qF -- "$1" "$TMP/audit"; then pass "$2"; else fail "$2" "audit lacks '$1'"; fi
}
as() {
	keep=$JAR
	JAR=$1
	shift
	"$@"
	JAR=$keep
}

# --- the page ---
csrf_from "$P/workarounds"
expect_status 200 "workarounds: answers"
expect_out '<a href="/p/demo-clinical-app/workarounds" aria-current="page">Workarounds</a>' "workarounds: the project's tab"
expect_out '<h2 id="fix-first">Fix first</h2>' "workarounds: the fix-first list"
expect_out 'epaccs-2024' "workarounds: why first, with its source"
# the demo: the triage lag (catastrophic x frequent = 5) is first, then
# the three rated 4 by harm: 5 (2), 4 (3), 3 (4); the fix-first section
# comes before every entry
first=$(grep -n 'id="fix-first"' "$OUT" | cut -d: -f1)
all=$(grep -n 'id="all"' "$OUT" | cut -d: -f1)
if [ -n "$first" ] && [ -n "$all" ] && [ "$first" -lt "$all" ]; then
	pass "workarounds: fix first at the top"
else fail "workarounds: fix first at the top"; fi
expect_out '<td class="num">1</td><td class="num">1</td><td><span class="tag tag-barrier">5 very high</span>' \
	"workarounds: the first to fix, rated 5"
# the ids in the fix-first table, in order (its rows start with the rank)
order=$(sed -n 's/^<tr><td class="num">[0-9]*<\/td><td class="num">\([0-9]*\)<\/td>.*/\1/p' "$OUT" | tr '\n' ' ')
if [ "$order" = "1 2 3 4 5 " ]; then pass "workarounds: the demo's fix-first order"
else fail "workarounds: the demo's fix-first order" "got $order"; fi
expect_out '<td class="num">2</td><td><span class="tag tag-barrier">4 high</span></td><td class="num">5 catastrophic</td><td class="num">2 occasional</td>' \
	"workarounds: second, rated 4 (catastrophic x occasional) with the greatest harm"
expect_out 'The scales and the risk matrix' "workarounds: the scales"
expect_out 'name="description"' "workarounds: the add form"
count
expect_out "Every entry" "workarounds: every entry listed"

# filters
http GET "$P/workarounds?status=fixed"
expect_status 200 "filter: answers"
expect_out 'Results of patients with two hospital numbers' "filter: the fixed entry"
expect_out 'The entries that match' "filter: said"
http GET "$P/workarounds?min_risk=5&kind=mismatch"
expect_out 'class="num">1</td><td><span class="tag tag-barrier">5 very high' "filter: risk 5 and mismatch"
http GET "$P/workarounds?min_risk=9"
expect_status 400 "filter: a rating out of range"
http GET "$P/workarounds?status=shut"
expect_status 400 "filter: an unknown status"

# --- add ---
count
n0=$count
http POST "$P/workarounds" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "kind=mismatch" --data-urlencode "description=Allergy banner hidden on small phones" \
	--data-urlencode "setting=" --data-urlencode "harm=4" --data-urlencode "frequency=3" \
	--data-urlencode "status=open" --data-urlencode "observed=2025-08-01" \
	--data-urlencode "reporter=Pharmacist"
expect_status 303 "add: saved"
expect_header "Location: /p/demo-clinical-app/workarounds?done=added" "add: back to the list"
count
if [ "$count" -eq $((n0 + 1)) ]; then pass "add: one more entry"; else fail "add: one more entry" "$count"; fi
audit_has '"action":"add","entity":"workaround:' "add: in the audit log"
ID=$("$WAYMARK" --db "$DB" workaround list demo-clinical-app --json |
	sed -n 's/^    "id": \([0-9]*\),$/\1/p' | tail -1)
run --db "$DB" workaround show demo-clinical-app "$ID" --json
expect_out '"risk": 4' "add: major x regular = 4"

http POST "$P/workarounds" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "description=" --data-urlencode "harm=7" --data-urlencode "frequency=3" \
	--data-urlencode "observed=2025-02-30" --data-urlencode "reporter=X" \
	--data-urlencode "setting=Nowhere"
expect_status 422 "add: bad values refused"
expect_out 'description: must not be empty' "add: the description's problem"
expect_out "harm: &#39;7&#39; is not a level of harm" "add: the harm's problem"
expect_out 'id="e-observed"' "add: the day's problem beside it"
expect_out "setting: the project has no setting" "add: the setting's problem"
count
if [ "$count" -eq $((n0 + 1)) ]; then pass "add: nothing saved"; else fail "add: nothing saved" "$count"; fi

http POST "$P/workarounds" --data-urlencode "description=No token" \
	--data-urlencode "harm=1" --data-urlencode "frequency=1" \
	--data-urlencode "observed=2025-01-01" --data-urlencode "reporter=X"
expect_status 403 "add: no anti-forgery token, refused"
http POST "$P/workarounds" --data-urlencode "csrf=forged" --data-urlencode "description=Forged" \
	--data-urlencode "harm=1" --data-urlencode "frequency=1" \
	--data-urlencode "observed=2025-01-01" --data-urlencode "reporter=X"
expect_status 403 "add: a forged token, refused"
count
if [ "$count" -eq $((n0 + 1)) ]; then pass "add: nothing saved without the token"; else fail "add: nothing saved without the token" "$count"; fi

# --- status change, edit, delete ---
http POST "$P/workarounds/$ID" --data-urlencode "csrf=$CSRF" --data-urlencode "status=fixing"
expect_status 303 "status: changed"
run --db "$DB" workaround show demo-clinical-app "$ID" --json
expect_out '"status": "fixing"' "status: kept"
expect_out '"description": "Allergy banner hidden on small phones"' "status: the rest as it was"
audit_has '"action":"edit","entity":"workaround:'"$ID" "status: in the audit log"

http GET "$P/workarounds/$ID"
expect_status 200 "edit: the form"
expect_out 'Risk <span class="tag tag-barrier">4 high</span>' "edit: the rating and what it asks"
http POST "$P/workarounds/$ID" --data-urlencode "csrf=$CSRF" --data-urlencode "frequency=constant" \
	--data-urlencode "status=closed"
expect_status 422 "edit: a bad status refused"
run --db "$DB" workaround show demo-clinical-app "$ID" --json
expect_out '"frequency": 3' "edit: nothing saved"
http POST "$P/workarounds/$ID" --data-urlencode "csrf=$CSRF" --data-urlencode "frequency=constant"
expect_status 303 "edit: a level's name accepted"
run --db "$DB" workaround show demo-clinical-app "$ID" --json
expect_out '"risk": 5' "edit: major x constant = 5"
http GET "$P/workarounds/99999"
expect_status 404 "edit: no such entry"

http POST "$P/workarounds/$ID/delete"
expect_status 403 "delete: no anti-forgery token, refused"
http POST "$P/workarounds/$ID/delete" --data-urlencode "csrf=$CSRF"
expect_status 303 "delete: done"
count
if [ "$count" -eq "$n0" ]; then pass "delete: gone"; else fail "delete: gone" "$count"; fi
audit_has '"action":"delete","entity":"workaround:'"$ID" "delete: in the audit log"

# --- roles ---
add_user vic "viewer-password-1" --display "Vic Viewer"
"$WAYMARK" --db "$DB" user grant vic demo-clinical-app viewer >/dev/null
VJAR="$TMP/vjar"
as "$VJAR" login vic "viewer-password-1"
as "$VJAR" csrf_from "$P/workarounds"
expect_status 200 "viewer: reads the log"
expect_out 'Fix first' "viewer: sees the fix-first list"
expect_no_out 'name="description"' "viewer: no add form"
expect_no_out 'id="st-' "viewer: no status forms"
as "$VJAR" http POST "$P/workarounds" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "description=By a viewer" --data-urlencode "harm=1" \
	--data-urlencode "frequency=1" --data-urlencode "observed=2025-01-01" \
	--data-urlencode "reporter=Vic"
expect_status 403 "viewer: cannot add"
as "$VJAR" http POST "$P/workarounds/1" --data-urlencode "csrf=$CSRF" --data-urlencode "status=fixed"
expect_status 403 "viewer: cannot change a status"
as "$VJAR" http GET "$P/workarounds/1"
expect_status 403 "viewer: no edit form"
count
if [ "$count" -eq "$n0" ]; then pass "viewer: nothing changed"; else fail "viewer: nothing changed" "$count"; fi

# --- the API beyond docs/api.md ---
TOKEN=$("$WAYMARK" --db "$DB" user token admin)
VTOKEN=$("$WAYMARK" --db "$DB" user token vic)
A=/api/projects/demo-clinical-app/workarounds
api() {
	m=$1 p=$2
	shift 2
	status=$(curl -s -X "$m" -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer ${AS:-$TOKEN}" "$@" "$BASE$p")
}
api GET "$A?status=fixed"
expect_status 200 "api: a filtered list"
expect_out '"status":"fixed"' "api: the fixed entry"
expect_no_out '"status":"open"' "api: only fixed ones"
api GET "$A?min_risk=0"
expect_status 400 "api: min_risk out of range"
api GET "$A?kind=bug"
expect_status 400 "api: an unknown kind"
api GET "$A/fix-first"
expect_status 200 "api: fix-first"
expect_out '"rank":1' "api: ranks"
AS=$VTOKEN api POST "$A" -H 'Content-Type: application/json' \
	--data-binary '{"description": "x", "harm": 1, "frequency": 1}'
expect_status 403 "api: a viewer cannot add"
AS=$VTOKEN api GET "$A/fix-first"
expect_status 200 "api: a viewer reads the fix-first list"
api POST "$A" -H 'Content-Type: application/json' --data-binary '{"description": "x"}'
expect_status 422 "api: harm and frequency required"
expect_out 'harm: required' "api: the missing harm named"
api POST "$A" -H 'Content-Type: application/json' \
	--data-binary '{"description": "x", "harm": 1, "frequency": 1, "colour": "red"}'
expect_status 422 "api: an unknown key"
expect_out 'colour: not a field of a workaround' "api: the unknown key named"
api POST "$A" -H 'Content-Type: application/json' --data-binary '[1]'
expect_status 400 "api: not an object"
api PUT "$A/99999" -H 'Content-Type: application/json' --data-binary '{"status": "fixed"}'
expect_status 404 "api: no such entry to change"
api DELETE "$A/fix-first"
expect_status 404 "api: fix-first is not an entry"
count
if [ "$count" -eq "$n0" ]; then pass "api: nothing changed by bad requests"; else fail "api: nothing changed by bad requests" "$count"; fi

stop_server
done_testing
