#!/bin/sh
# t-web-milestones.sh: editing the project's milestones on the registry
# page: add after a chosen one, rename, move up and down, remove (with a
# confirmation when settings reached it), bad input, roles, the
# anti-forgery token and the audit log; checked through the CLI.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

PN=demo-clinical-app
P=/p/$PN
start_server
login admin "$ADMIN_PW"
TOKEN=$("$WAYMARK" --db "$DB" user token admin)
# order: the milestones' ids in order, one line
order() {
	"$WAYMARK" --db "$DB" milestone list $PN --json |
		sed -n 's/.*"id": "\([^"]*\)".*/\1/p' | tr '\n' ' '
}

csrf_from "$P/registry"
expect_out '<h2 id="milestones">Milestones</h2>' "the milestones' section"
expect_out '6 milestones, in order' "the demo's six listed"
expect_out 'Add a milestone' "the add form"

http POST "$P/milestones" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "ms-id=handover" --data-urlencode "ms-title=Handed over" \
	--data-urlencode "ms-after=trained"
expect_status 303 "add after trained"
expect_header "done=ms-add" "add: a notice follows"
[ "$(order)" = "engaged isa-signed configured trained handover live routine-use " ] &&
	pass "add: placed just after trained" || fail "add: placed just after trained" "$(order)"
http POST "$P/milestones" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "ms-id=review" --data-urlencode "ms-title=Reviewed" \
	--data-urlencode "ms-after="
expect_status 303 "add at the end"
[ "$(order)" = "engaged isa-signed configured trained handover live routine-use review " ] &&
	pass "add: at the end" || fail "add: at the end" "$(order)"

before=$(order)
http POST "$P/milestones" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "ms-id=Bad Id" --data-urlencode "ms-title=X"
expect_status 422 "add: a bad id refused"
expect_out "id: &#39;Bad Id&#39; must start with a letter a to z" "add: says why"
expect_out 'value="Bad Id"' "add: the id typed kept"
http POST "$P/milestones" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "ms-id=live" --data-urlencode "ms-title=Again"
expect_status 422 "add: an id taken refused"
expect_out "the project has a milestone &#39;live&#39; already" "add: says it is taken"
http POST "$P/milestones" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "ms-id=extra" --data-urlencode "ms-title=Extra" \
	--data-urlencode "ms-after=nowhere"
expect_status 422 "add: after an unknown one refused"
http POST "$P/milestones" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "ms-id=untitled" --data-urlencode "ms-title="
expect_status 422 "add: an empty title refused"
[ "$(order)" = "$before" ] && pass "bad adds: nothing changed" || fail "bad adds: nothing changed" "$(order)"

http POST "$P/milestones/handover/rename" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "title=Handed over to the ward"
expect_status 303 "rename"
run --db "$DB" milestone list $PN --json
expect_out '"title": "Handed over to the ward"' "rename: kept"
http POST "$P/milestones/handover/rename" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "title="
expect_status 422 "rename: an empty title refused"
http POST "$P/milestones/nowhere/rename" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "title=X"
expect_status 404 "rename: an unknown milestone"

http POST "$P/milestones/handover/move" --data-urlencode "csrf=$CSRF" --data-urlencode "to=up"
expect_status 303 "move up"
[ "$(order)" = "engaged isa-signed configured handover trained live routine-use review " ] &&
	pass "move up: one place earlier" || fail "move up: one place earlier" "$(order)"
http POST "$P/milestones/isa-signed/move" --data-urlencode "csrf=$CSRF" --data-urlencode "to=up"
[ "$(order)" = "isa-signed engaged configured handover trained live routine-use review " ] &&
	pass "move up: to first" || fail "move up: to first" "$(order)"
http POST "$P/milestones/isa-signed/move" --data-urlencode "csrf=$CSRF" --data-urlencode "to=down"
expect_status 303 "move down"
[ "$(order)" = "engaged isa-signed configured handover trained live routine-use review " ] &&
	pass "move down: one place later" || fail "move down: one place later" "$(order)"
http POST "$P/milestones/engaged/move" --data-urlencode "csrf=$CSRF" --data-urlencode "to=up"
expect_status 422 "move up the first: refused"
expect_out "&#39;engaged&#39; is first already" "move: says why"
http POST "$P/milestones/review/move" --data-urlencode "csrf=$CSRF" --data-urlencode "to=down"
expect_status 422 "move down the last: refused"
http POST "$P/milestones/review/move" --data-urlencode "csrf=$CSRF" --data-urlencode "to=sideways"
expect_status 400 "move: a bad direction"

# nobody reached 'review': removed at once
http POST "$P/milestones/review/delete" --data-urlencode "csrf=$CSRF"
expect_status 303 "remove one nobody reached"
# the demo: 20 settings, of which Radiology and Eastbrook Outpatients
# have reached nothing (t-web-track.sh); 'engaged' is reached by the 18
before=$(order)
http POST "$P/milestones/engaged/delete" --data-urlencode "csrf=$CSRF"
expect_status 409 "remove one settings reached: asks first"
expect_out "18 settings reached" "remove: says how many reached it"
expect_out 'name="confirm" value="yes"' "remove: a confirmation form"
[ "$(order)" = "$before" ] && pass "remove: nothing changed before confirming" ||
	fail "remove: nothing changed before confirming" "$(order)"
CSRF2=$CSRF
http POST "$P/milestones/engaged/delete" --data-urlencode "csrf=$CSRF2" --data-urlencode "confirm=yes"
expect_status 303 "remove, confirmed"
[ "$(order)" = "isa-signed configured handover trained live routine-use " ] &&
	pass "remove: gone" || fail "remove: gone" "$(order)"
run --db "$DB" setting show $PN "Ward 3" --json
expect_no_out '"engaged"' "remove: its records gone with it"

# roles and the token
http POST "$P/milestones/handover/rename" --data-urlencode "title=No token"
expect_status 403 "without the anti-forgery token: refused"
add_user vic "viewer-password-1"
"$WAYMARK" --db "$DB" user grant vic $PN viewer >/dev/null
JAR="$TMP/jar.vic"
login vic "viewer-password-1"
csrf_from "$P/registry"
expect_out '<h2 id="milestones">Milestones</h2>' "viewer: sees the milestones"
expect_no_out 'aria-label="Remove' "viewer: no remove buttons"
http POST "$P/milestones/handover/delete" --data-urlencode "csrf=$CSRF"
expect_status 403 "viewer: cannot remove"
http POST "$P/milestones" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "ms-id=byviewer" --data-urlencode "ms-title=X"
expect_status 403 "viewer: cannot add"
[ "$(order)" = "isa-signed configured handover trained live routine-use " ] &&
	pass "viewer: nothing changed" || fail "viewer: nothing changed" "$(order)"

# the audit log
status=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
	"$BASE/api/projects/$PN/audit")
tr -d ' \n' <"$OUT" >"$TMP/audit"
for a in 'add","entity":"milestone:handover' 'rename","entity":"milestone:handover' \
	 'move","entity":"milestone:isa-signed' 'delete","entity":"milestone:engaged","before":{"id":"engaged","reached":18,"title":"Engaged"}'; do
	if grep -qF "\"action\":\"$a" "$TMP/audit"; then pass "audit: $a"
	else fail "audit: $a" "$(head -c 400 "$TMP/audit")"; fi
done

stop_server
done_testing
