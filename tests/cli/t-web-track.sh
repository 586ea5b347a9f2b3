#!/bin/sh
# t-web-track.sh: the rollout pages of 'waymark serve' on the demo: the
# rollout tab (coverage chart, period form, stalled settings, tools,
# depth of use) and the settings registry (list, add, edit, delete,
# milestones, tools) with roles, the anti-forgery token, the audit log
# and bad input.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

P=/p/demo-clinical-app
start_server
login admin "$ADMIN_PW"
expect_status 303 "the administrator logs in"

# --- the rollout tab ---
http GET "$P/rollout?from=2024-01-01&to=2025-12-31"
expect_status 200 "rollout: answers"
expect_out '>Rollout</a>' "rollout: a tab of the project"
expect_out '64 settings must take part (20 registered)' "rollout: population and registry"
expect_out '<svg' "rollout: the coverage chart"
expect_out 'Table view' "rollout: the chart's table view"
expect_out 'All settings' "rollout: the overall series"
expect_out 'Teams' "rollout: a series by type"
expect_out '<option value="live" selected>' "rollout: the milestone chosen (live by default)"
expect_out 'value="2024-01-01"' "rollout: the period in the form"
# the demo's stalled settings on 2025-12-31, 8 weeks: Critical Care Unit,
# Eastbrook Rehabilitation Unit, Maternity Unit, Outpatients, Theatres,
# Ward 12 (6); not started: Radiology and Eastbrook Outpatients (2)
expect_out '6 settings had reached no new milestone in 8 weeks' "rollout: stalled count"
expect_out '2 had not started' "rollout: not started count"
expect_out '<th scope="row">Ward 12</th>' "rollout: a stalled setting listed"
# tools: paper folders in Ward 3, Ward 12, Maternity Unit, Eastbrook
# Ward A and Eastbrook Rehabilitation Unit (5)
expect_out '<th scope="row">paper folders</th><td class="num">5</td>' "rollout: tools with their counts"
# active users 2025-12: 11 live settings, eligible 456, 403 active: 88.4%
expect_out '<th scope="row">2025-12</th><td class="num">403</td><td class="num">11</td><td class="num">456</td><td class="num">88.4%</td>' \
	"rollout: depth of use by month"
http GET "$P/rollout?milestone=engaged&every=week&from=2025-01-01&to=2025-02-01"
expect_status 200 "rollout: another milestone, weekly"
expect_out '<option value="engaged" selected>' "rollout: engaged chosen"
http GET "$P/rollout?from=2024-02-30"
expect_status 400 "rollout: an impossible day"
expect_out "is not a day of the calendar" "rollout: says why"
http GET "$P/rollout?milestone=nope"
expect_status 400 "rollout: an unknown milestone"
http GET "$P/rollout?every=fortnight"
expect_status 400 "rollout: a bad step"
http GET "$P/rollout?from=%ff"
expect_status 400 "rollout: a query that is not UTF-8"

# --- the registry ---
csrf_from "$P/registry"
expect_status 200 "registry: the list"
expect_out '<th scope="row">Ward 3</th>' "registry: a team listed"
expect_out 'In routine use: <time>2024-07-22</time>' "registry: milestones reached with their days"
expect_out 'paper folders' "registry: tools listed"
expect_out 'Add a setting' "registry: the add form for a lead"
http POST "$P/registry" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Ward 20" --data-urlencode "type=team" \
	--data-urlencode "parent=Northfield General Hospital" \
	--data-urlencode "it_system=Lorenzo EPR"
expect_status 303 "registry: a setting added"
http GET "$P/registry?done=added"
expect_out 'The setting is added' "registry: a notice after adding"
ID=$(sed -n 's/.*registry\/\([0-9]*\)" aria-label="Edit Ward 20".*/\1/p' "$OUT" | head -1)
[ -n "$ID" ] && pass "registry: the new one has an edit link" ||
	fail "registry: the new one has an edit link"
run --db "$DB" setting show demo-clinical-app "Ward 20" --json
expect_out '"parent": "Northfield General Hospital"' "registry: kept as the CLI sees it"
http POST "$P/registry" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Ward 3" --data-urlencode "type=team"
expect_status 422 "registry: a name taken is refused"
expect_out "name: the project has a setting &#39;Ward 3&#39; already" "registry: says the name is taken"
http POST "$P/registry" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Odd" --data-urlencode "type=clinic"
expect_status 422 "registry: a bad type is refused"
expect_out 'value="Odd"' "registry: the name typed is kept"
http POST "$P/registry" --data-urlencode "name=No token" --data-urlencode "type=team"
expect_status 403 "registry: adding without the token is refused"

# edit: rename, with children following
http GET "$P/registry/$ID"
expect_status 200 "registry: the edit page"
expect_out 'Record a milestone' "registry: the milestone form"
expect_out 'Add the tool' "registry: the tool form"
http POST "$P/registry/$ID" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Ward 21" --data-urlencode "type=team" \
	--data-urlencode "parent=Northfield General Hospital" \
	--data-urlencode "it_system=Lorenzo EPR"
expect_status 303 "registry: renamed"
GEN=$("$WAYMARK" --db "$DB" setting list demo-clinical-app --json |
	sed -n '/"name": "Northfield General Hospital"/{x;p;};h' | tr -dc 0-9)
http POST "$P/registry/$GEN" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Northfield General" --data-urlencode "type=site" \
	--data-urlencode "parent=Northfield Hospitals NHS Trust" \
	--data-urlencode "it_system=Lorenzo EPR"
expect_status 303 "registry: a parent renamed"
run --db "$DB" setting show demo-clinical-app "Ward 21" --json
expect_out '"parent": "Northfield General"' "registry: its children follow the new name"
http POST "$P/registry/$GEN" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "parent=Ward 21"
expect_status 422 "registry: a circle of parents is refused"
expect_out 'would make a circle' "registry: says why"
http POST "$P/registry/$GEN/delete" --data-urlencode "csrf=$CSRF"
expect_status 422 "registry: a parent of others cannot be deleted"
expect_out 'is the parent of' "registry: says which it is the parent of"

# milestones
http POST "$P/registry/$ID/milestone" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "milestone=engaged" --data-urlencode "date=2025-03-01"
expect_status 303 "registry: a milestone recorded"
run --db "$DB" setting show demo-clinical-app "Ward 21" --json
expect_out '"engaged": "2025-03-01"' "registry: the day kept"
http POST "$P/registry/$ID/milestone" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "milestone=engaged" --data-urlencode "date=2025-02-30"
expect_status 422 "registry: an impossible day is refused"
http POST "$P/registry/$ID/milestone" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "milestone=engaged" --data-urlencode "date=2999-01-01"
expect_status 422 "registry: a day after today is refused"
http POST "$P/registry/$ID/milestone" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "milestone=nope" --data-urlencode "date=2025-01-01"
expect_status 422 "registry: an unknown milestone is refused"

# tools
http POST "$P/registry/$ID/tools" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "tool=fax machine"
expect_status 303 "registry: a tool added"
http POST "$P/registry/$ID/tools" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "tool=fax machine"
expect_status 422 "registry: the same tool twice is refused"
http POST "$P/registry/$ID/tools" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "tool="
expect_status 422 "registry: an empty tool is refused"
run --db "$DB" setting show demo-clinical-app "Ward 21" --json
expect_out '"fax machine"' "registry: the tool kept"
http POST "$P/registry/$ID/tools/delete" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "tool=fax machine"
expect_status 303 "registry: a tool removed"
http POST "$P/registry/$ID/tools/delete" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "tool=fax machine"
expect_status 422 "registry: removing a tool it lacks is refused"

# delete
http POST "$P/registry/$ID/delete" --data-urlencode "csrf=$CSRF"
expect_status 303 "registry: a setting deleted"
run --db "$DB" setting show demo-clinical-app "Ward 21"
expect_rc 4 "registry: it is gone"
http GET "$P/registry/$ID"
expect_status 404 "registry: its page is gone"
http GET "$P/registry/abc"
expect_status 404 "registry: a bad id"

# --- the audit log ---
http GET "$P/audit"
expect_out "<strong>add</strong> <code>setting:$ID</code>" "audit: the setting added"
expect_out "<strong>edit</strong> <code>setting:$ID</code>" "audit: the setting edited"
expect_out "<strong>milestone</strong> <code>setting:$ID</code>" "audit: the milestone recorded"
expect_out "<strong>tool-add</strong> <code>setting:$ID</code>" "audit: the tool added"
expect_out "<strong>tool-remove</strong> <code>setting:$ID</code>" "audit: the tool removed"
expect_out "<strong>delete</strong> <code>setting:$ID</code>" "audit: the setting deleted"

# --- a viewer reads, and changes nothing ---
add_user vic "viewer-password-1" --display "Vic Viewer"
"$WAYMARK" --db "$DB" user grant vic demo-clinical-app viewer >/dev/null
VJAR="$TMP/vjar"
keep=$JAR; JAR=$VJAR
login vic "viewer-password-1"
http GET "$P/rollout"
expect_status 200 "viewer: sees the rollout"
http GET "$P/registry"
expect_status 200 "viewer: sees the registry"
expect_no_out 'Add a setting' "viewer: no add form"
expect_no_out 'aria-label="Edit' "viewer: no edit links"
VCSRF=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT" | head -1)
http POST "$P/registry" --data-urlencode "csrf=$VCSRF" \
	--data-urlencode "name=By a viewer" --data-urlencode "type=team"
expect_status 403 "viewer: cannot add a setting"
http POST "$P/registry/$GEN/tools" --data-urlencode "csrf=$VCSRF" \
	--data-urlencode "tool=paper"
expect_status 403 "viewer: cannot add a tool"
http GET "$P/registry/$GEN"
expect_status 403 "viewer: no edit page"
JAR=$keep
add_user stan "stranger-password-1"
SJAR="$TMP/sjar"
keep=$JAR; JAR=$SJAR
login stan "stranger-password-1"
http GET "$P/rollout"
expect_status 404 "a stranger does not see the rollout"
JAR=$keep

# --- the API: bad input, roles, agreement with the CLI ---
TOKEN=$("$WAYMARK" --db "$DB" user token admin)
VTOKEN=$("$WAYMARK" --db "$DB" user token vic)
A=/api/projects/demo-clinical-app
api() {
	m=$1 p=$2
	shift 2
	status=$(curl -s -X "$m" -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer ${AS:-$TOKEN}" "$@" "$BASE$p")
}
J='Content-Type: application/json'
api GET "$A/coverage?from=2024-01-01&to=2025-12-31"
"$WAYMARK" --db "$DB" coverage demo-clinical-app --from 2024-01-01 \
	--to 2025-12-31 --json | tr -d ' \n' >"$TMP/cli.json"
if [ "$(tr -d ' \n' <"$OUT")" = "$(cat "$TMP/cli.json")" ]; then
	pass "api: coverage as the CLI gives it"
else fail "api: coverage as the CLI gives it"; fi
api GET "$A/coverage?to=2025-13-01"
expect_status 400 "api: coverage with a bad day"
api GET "$A/coverage?every=day"
expect_status 400 "api: coverage with a bad step"
api POST "$A/settings" -H "$J" --data-binary '{"name": "X"}'
expect_status 422 "api: a setting without a type"
expect_out 'type: required' "api: says the type is required"
api POST "$A/settings" -H "$J" --data-binary '{"name": "X", "type": "team", "colour": 3}'
expect_status 422 "api: an unknown key"
expect_out 'colour: not a field of a setting' "api: names the unknown key"
api POST "$A/settings" -H "$J" --data-binary '{"name": 5, "type": "team"}'
expect_status 422 "api: a name that is not a string"
api POST "$A/settings" -H "$J" --data-binary 'not json'
expect_status 400 "api: a body that is not JSON"
api POST "$A/settings" -H "$J" --data-binary '{"name": "Y", "type": "team", "parent": "Nowhere"}'
expect_status 422 "api: an unknown parent"
AS=$VTOKEN api POST "$A/settings" -H "$J" --data-binary '{"name": "V", "type": "team"}'
expect_status 403 "api: a viewer cannot add a setting"
AS=$VTOKEN api GET "$A/settings"
expect_status 200 "api: a viewer reads the registry"
api PUT "$A/settings/999999/milestones/live" -H "$J" --data-binary '{"date": "2025-01-01"}'
expect_status 404 "api: milestone of an unknown setting"
api PUT "$A/settings/$GEN/milestones/nope" -H "$J" --data-binary '{"date": "2025-01-01"}'
expect_status 404 "api: an unknown milestone"
api PUT "$A/settings/$GEN/milestones/live" -H "$J" --data-binary '{"date": "2999-01-01"}'
expect_status 422 "api: a day after today"
api PUT "$A/settings/$GEN/milestones/live" -H "$J" --data-binary '{"day": "2025-01-01"}'
expect_status 422 "api: a body without date"
AS=$VTOKEN api PUT "$A/settings/$GEN/milestones/live" -H "$J" --data-binary '{"date": "2025-01-01"}'
expect_status 403 "api: a viewer cannot record a milestone"
# with a session instead of a token, a change needs the X-CSRF-Token header
http POST "$A/settings" -H "$J" --data-binary '{"name": "Z", "type": "team"}'
expect_status 403 "api: a session without the anti-forgery header is refused"

stop_server
done_testing
