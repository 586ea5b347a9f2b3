#!/bin/sh
# t-web-project.sh: the project pages of 'waymark serve': overview,
# settings, stakeholders, people, audit log, survey links, and the site's
# user administration.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

P=/p/demo-clinical-app
start_server
login admin "$ADMIN_PW"
expect_status 303 "the administrator logs in"

# show_json: the demo project as the CLI sees it, into $OUT
show_json() { run --db "$DB" project show demo-clinical-app --json; }
# stakeholder_count: how many stakeholders the demo has, into $count
stakeholder_count() {
	count=$("$WAYMARK" --db "$DB" stakeholder list demo-clinical-app --json |
		grep -c '"power"')
}
# as JAR_FILE CMD...: run CMD with another session's cookie jar
as() {
	keep=$JAR
	JAR=$1
	shift
	"$@"
	JAR=$keep
}

# --- overview ---
http GET "$P"
expect_status 200 "overview: answers"
expect_out '<p class="big">implement</p>' "overview: the step"
expect_out 'the <strong>deploy</strong> phase' "overview: the phase"
expect_out 'Gate out of this step' "overview: the gate of the step"
expect_out '0 of 6' "overview: checkpoints ticked of the step's"
expect_out 'not ready</strong> to move on' "overview: the gate is not passed"
expect_out 'Top barriers' "overview: top barriers"
expect_out 'Resourcing and dedicated roles</a> <span class="tag tag-barrier">barrier</span> mean 2.35' \
	"overview: the worst barrier with its mean"
expect_out 'Top enablers' "overview: top enablers"
expect_out 'Leadership and governance</a>' "overview: the best enabler"
expect_out 'Response rate' "overview: the response rate card"
expect_out 'responses in round 2, against' "overview: responses against stakeholders"
expect_out 'Round 1: 126 responses' "overview: the count per round"
expect_out '<p class="big">phased</p>' "overview: the rollout advice"

run --db "$DB" project new empty-one --title "No answers yet"
expect_rc 0 "a second project without responses"
http GET /p/empty-one
expect_status 200 "overview without responses: answers"
expect_out 'No responses yet' "overview without responses: says so"
expect_out 'no survey responses yet' "overview without responses: no barriers"

# --- settings ---
csrf_from "$P/edit"
expect_status 200 "settings: the form"
expect_out 'name="anonymity"' "settings: the project's fields"
expect_no_out 'name="name"' "settings: the short name cannot change"
http POST "$P/edit" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "title=Clinical app, phase two" \
	--data-urlencode "anonymity=6" --data-urlencode "step=implement"
expect_status 303 "settings: saved"
expect_header "Location: /p/demo-clinical-app?done=saved" "settings: back to the overview"
http GET "$P?done=saved"
expect_out 'settings are saved' "settings: a notice after saving"
show_json
expect_out '"title": "Clinical app, phase two"' "settings: the title is kept"
expect_out '"anonymity": 6' "settings: the anonymity is kept"

http POST "$P/edit" --data-urlencode "csrf=$CSRF" --data-urlencode "title=" \
	--data-urlencode "anonymity=2" --data-urlencode "sites=12"
expect_status 422 "settings: bad values refused"
expect_out 'anonymity: expected a whole number from 3' "settings: the anonymity's problem"
expect_out 'id="e-title"' "settings: the title's problem beside it"
expect_out 'value="2"' "settings: the value typed is shown again"
show_json
expect_out '"title": "Clinical app, phase two"' "settings: nothing saved (title)"
expect_out '"anonymity": 6' "settings: nothing saved (anonymity)"
expect_out '"sites": 3' "settings: nothing saved (a good field beside bad ones)"

http POST "$P/edit" --data-urlencode "csrf=$CSRF" --data-urlencode "step=sideways"
expect_status 422 "settings: a step that does not exist is refused"

http POST "$P/edit" --data-urlencode "title=No token"
expect_status 403 "settings: no anti-forgery token, refused"
http POST "$P/edit" --data-urlencode "csrf=forged-token" --data-urlencode "title=Forged"
expect_status 403 "settings: a forged token, refused"
show_json
expect_out '"title": "Clinical app, phase two"' "settings: nothing changed by a forged form"

# --- stakeholders ---
csrf_from "$P/stakeholders"
expect_status 200 "stakeholders: the list"
expect_out '<th scope="row">Chief executive</th>' "stakeholders: a row per stakeholder"
expect_out '<svg' "stakeholders: the power and interest grid"
expect_out 'Manage closely' "stakeholders: the grid's quadrants"
expect_out 'Table view' "stakeholders: the grid's table view"
expect_out 'Add a stakeholder' "stakeholders: the add form for a lead"
expect_out '<option value="nursing">Nursing</option>' "stakeholders: groups to choose from"
stakeholder_count
before=$count

http POST "$P/stakeholders" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Theatre coordinator" --data-urlencode "group=nursing" \
	--data-urlencode "organisation=Medicine" --data-urlencode "power=2" \
	--data-urlencode "interest=5" --data-urlencode "attitude=champion"
expect_status 303 "stakeholders: added"
http GET "$P/stakeholders?done=added"
expect_out 'The stakeholder is added' "stakeholders: a notice after adding"
expect_out '<th scope="row">Theatre coordinator</th><td>Nursing</td><td>Medicine</td>' \
	"stakeholders: the new one is listed"
ID=$(sed -n 's/.*stakeholders\/\([0-9]*\)" aria-label="Edit Theatre coordinator.*/\1/p' "$OUT" | head -1)
[ -n "$ID" ] && pass "stakeholders: the new one has an edit link" ||
	fail "stakeholders: the new one has an edit link"
stakeholder_count
[ "$count" -eq $((before + 1)) ] && pass "stakeholders: one more kept" ||
	fail "stakeholders: one more kept" "$count, expected $((before + 1))"

http POST "$P/stakeholders" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Too strong" --data-urlencode "group=nursing" \
	--data-urlencode "power=9"
expect_status 422 "stakeholders: power 9 is refused"
expect_out 'power: expected a whole number from 1 to 5' "stakeholders: says what power may be"
expect_out 'value="Too strong"' "stakeholders: the name typed is kept"
http POST "$P/stakeholders" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Nobody's group" --data-urlencode "group=martians"
expect_status 422 "stakeholders: a group not of the project is refused"
expect_out 'is not a group of project' "stakeholders: says the group is unknown"
http POST "$P/stakeholders" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=" --data-urlencode "group=it" \
	--data-urlencode "attitude=grumpy"
expect_status 422 "stakeholders: no name and a bad attitude are refused"
expect_out 'href="#f-name"' "stakeholders: the name's problem is listed"
expect_out 'href="#f-attitude"' "stakeholders: the attitude's problem is listed"
stakeholder_count
[ "$count" -eq $((before + 1)) ] && pass "stakeholders: nothing kept from bad forms" ||
	fail "stakeholders: nothing kept from bad forms" "$count stakeholders"

http POST "$P/stakeholders" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=<script>alert(1)</script>" --data-urlencode "group=it" \
	--data-urlencode "organisation=<b>IT</b>"
expect_status 303 "stakeholders: a name with markup is just text"
http GET "$P/stakeholders"
expect_out '&lt;script&gt;alert(1)&lt;/script&gt;' "stakeholders: the name comes back escaped"
expect_out '&lt;b&gt;IT&lt;/b&gt;' "stakeholders: the organisation comes back escaped"
expect_no_out '<script>alert(1)' "stakeholders: no script reaches the page"

http GET "$P/stakeholders/$ID"
expect_status 200 "stakeholders: the edit page"
expect_out 'value="Theatre coordinator"' "stakeholders: the edit form holds the values"
expect_out 'data-confirm=' "stakeholders: deleting asks first"
http POST "$P/stakeholders/$ID" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Ward manager" --data-urlencode "power=4"
expect_status 303 "stakeholders: edited"
http POST "$P/stakeholders/$ID" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "interest=0"
expect_status 422 "stakeholders: interest 0 is refused when editing"
expect_out 'interest: expected a whole number from 1 to 5' "stakeholders: says what interest may be"
http GET "$P/stakeholders"
expect_out '<th scope="row">Ward manager</th><td>Nursing</td><td>Medicine</td><td class="num">4</td><td class="num">5</td>' \
	"stakeholders: the edit is kept, the bad one is not"

run --db "$DB" stakeholder add empty-one --name "Elsewhere" --group it --json
OTHER=$(sed -n 's/.*"id": \([0-9]*\).*/\1/p' "$OUT" | head -1)
http GET "$P/stakeholders/$OTHER"
expect_status 404 "stakeholders: another project's stakeholder is not found"
http POST "$P/stakeholders/$OTHER/delete" --data-urlencode "csrf=$CSRF"
expect_status 404 "stakeholders: another project's stakeholder cannot be deleted"
http GET "$P/stakeholders/x1"
expect_status 404 "stakeholders: a bad id is not found"

http POST "$P/stakeholders" --data-urlencode "name=Forged" --data-urlencode "group=it"
expect_status 403 "stakeholders: no anti-forgery token, refused"
http POST "$P/stakeholders/$ID/delete" --data-urlencode "csrf=nope"
expect_status 403 "stakeholders: a forged token cannot delete"
http POST "$P/stakeholders/$ID/delete" --data-urlencode "csrf=$CSRF"
expect_status 303 "stakeholders: deleted"
http GET "$P/stakeholders?done=deleted"
expect_no_out 'Ward manager' "stakeholders: the deleted one is gone"
expect_no_out 'Forged' "stakeholders: the forged one was never added"

# --- people ---
add_user vic "viewer-password-1" --display "Vic Viewer"
"$WAYMARK" --db "$DB" user grant vic demo-clinical-app viewer >/dev/null
add_user stan "stranger-password-1"
add_user carol "carol-password-1" --display "Carol <Lead>"
add_user erin "erin-password-1"
csrf_from "$P/members"
expect_status 200 "people: the page"
expect_out '<th scope="row">Vic Viewer</th><td>vic</td><td>viewer</td>' "people: the viewer is listed"
http POST "$P/members" --data-urlencode "csrf=$CSRF" --data-urlencode "name=carol" \
	--data-urlencode "role=lead"
expect_status 303 "people: a lead added"
http POST "$P/members" --data-urlencode "csrf=$CSRF" --data-urlencode "name=nobody" \
	--data-urlencode "role=viewer"
expect_status 422 "people: an unknown login name is refused"
expect_out 'no account with this login name' "people: says there is no such account"
http POST "$P/members" --data-urlencode "csrf=$CSRF" --data-urlencode "name=erin" \
	--data-urlencode "role=king"
expect_status 422 "people: an unknown role is refused"
http POST "$P/members" --data-urlencode "csrf=$CSRF" --data-urlencode "name=carol" \
	--data-urlencode "role=none"
expect_status 422 "people: the last lead cannot be removed"
expect_out "the project&#39;s only lead" "people: says why"
http POST "$P/members" --data-urlencode "csrf=$CSRF" --data-urlencode "name=carol" \
	--data-urlencode "role=viewer"
expect_status 422 "people: the last lead cannot become a viewer"
http GET "$P/members"
expect_out 'Carol &lt;Lead&gt;</th><td>carol</td><td>lead</td>' "people: carol is still lead"
http POST "$P/members" --data-urlencode "csrf=$CSRF" --data-urlencode "name=erin" \
	--data-urlencode "role=lead"
expect_status 303 "people: a second lead"
http POST "$P/members" --data-urlencode "csrf=$CSRF" --data-urlencode "name=carol" \
	--data-urlencode "role=none"
expect_status 303 "people: with two leads, one may go"
http POST "$P/members" --data-urlencode "csrf=$CSRF" --data-urlencode "name=vic" \
	--data-urlencode "role=contributor"
expect_status 303 "people: a role changed"
http GET "$P/members?done=saved"
expect_out '<td>vic</td><td>contributor</td>' "people: the new role is shown"
http POST "$P/members" --data-urlencode "csrf=$CSRF" --data-urlencode "name=vic" \
	--data-urlencode "role=viewer"
expect_status 303 "people: and changed back"
http POST "$P/members" --data-urlencode "name=vic" --data-urlencode "role=lead"
expect_status 403 "people: no anti-forgery token, refused"
http GET "$P/members?done=removed"
expect_out 'taken off the project' "people: a notice after removing"
expect_no_out '<td>carol</td>' "people: carol is gone"
expect_out '<td>erin</td><td>lead</td>' "people: erin is lead"
expect_out '<td>vic</td><td>viewer</td>' "people: vic is still a viewer"

# --- a viewer ---
VJAR="$TMP/vjar"
as "$VJAR" login vic "viewer-password-1"
as "$VJAR" csrf_from "$P/stakeholders"
expect_status 200 "viewer: sees the stakeholders"
expect_out 'Chief executive' "viewer: the list"
expect_no_out 'Add a stakeholder' "viewer: no add form"
expect_no_out 'aria-label="Edit' "viewer: no edit links"
as "$VJAR" http POST "$P/stakeholders" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=By a viewer" --data-urlencode "group=it"
expect_status 403 "viewer: cannot add a stakeholder"
as "$VJAR" http GET "$P/stakeholders/1"
expect_status 403 "viewer: cannot open the edit page"
as "$VJAR" http GET "$P/members"
expect_status 200 "viewer: sees the people"
expect_no_out 'Add a person' "viewer: cannot add people"
as "$VJAR" http POST "$P/members" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=vic" --data-urlencode "role=lead"
expect_status 403 "viewer: cannot make themselves lead"
for page in audit links edit; do
	as "$VJAR" http GET "$P/$page"
	expect_status 403 "viewer: /$page is for leads"
done
as "$VJAR" http GET /admin/users
expect_status 404 "viewer: the users page does not exist for them"
stakeholder_count
[ "$count" -eq $((before + 1)) ] && pass "viewer: changed nothing" ||
	fail "viewer: changed nothing" "$count stakeholders"

# --- a stranger ---
SJAR="$TMP/sjar"
as "$SJAR" login stan "stranger-password-1"
expect_status 303 "stranger: logs in"
for page in "" /edit /stakeholders /stakeholders/1 /members /audit /links \
	/dashboard /roadmap; do
	as "$SJAR" http GET "$P$page"
	expect_status 404 "stranger: $P$page is not found"
done
as "$SJAR" csrf_from /projects
as "$SJAR" http POST "$P/stakeholders" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Stranger" --data-urlencode "group=it"
expect_status 404 "stranger: cannot add a stakeholder"

# --- survey links ---
csrf_from "$P/links"
expect_status 200 "links: the page"
expect_out 'No survey links yet' "links: none yet"
expect_out 'never which response is theirs' "links: says answers stay anonymous"
expect_out 'name="round" value="2"' "links: the latest round by default"
http POST "$P/links" --data-urlencode "csrf=$CSRF" --data-urlencode "kind=open" \
	--data-urlencode "group=nursing" --data-urlencode "round=2" \
	--data-urlencode "label=Ward <newsletter>"
expect_status 303 "links: an open link made"
http GET "$P/links?done=added"
expect_out 'The link is made' "links: a notice"
expect_out '<li><h3>Ward &lt;newsletter&gt;</h3><p><span class="kind">open link</span>, group nursing, round 2, 0 responses: <strong class="state">live</strong>' \
	"links: the open link is listed, escaped"
TOKEN=$(sed -n 's/.*<code class="link-url">\/s\/\([^<]*\)<.*/\1/p' "$OUT" | head -1)
[ ${#TOKEN} -ge 20 ] && pass "links: the /s/TOKEN path to give out" ||
	fail "links: the /s/TOKEN path to give out" "token '$TOKEN'"
http POST "$P/links" --data-urlencode "csrf=$CSRF" --data-urlencode "kind=open" \
	--data-urlencode "round=4"
expect_status 422 "links: a round beyond the next is refused"
expect_out 'from 1 to 3' "links: says which rounds"
http POST "$P/links" --data-urlencode "csrf=$CSRF" --data-urlencode "kind=open" \
	--data-urlencode "round=2" --data-urlencode "group=martians"
expect_status 422 "links: a group not of the project is refused"
http POST "$P/links" --data-urlencode "csrf=$CSRF" --data-urlencode "kind=every" \
	--data-urlencode "round=2"
expect_status 422 "links: an unknown kind is refused"
http POST "$P/links" --data-urlencode "csrf=$CSRF" --data-urlencode "kind=stakeholders" \
	--data-urlencode "round=3"
expect_status 303 "links: one link per stakeholder for a new round"
expect_header "done=many" "links: says links were made"
http GET "$P/links"
made=$(grep -o '<span class="kind">for [^<]*</span>' "$OUT" | wc -l)
[ "$made" -eq "$count" ] && pass "links: one per stakeholder" ||
	fail "links: one per stakeholder" "$made links for $count stakeholders"
expect_out '<span class="kind">for &lt;script&gt;alert(1)&lt;/script&gt;</span>, group it, round 3, not used yet' \
	"links: a stakeholder's link, its name escaped"
http POST "$P/links" --data-urlencode "csrf=$CSRF" --data-urlencode "kind=stakeholders" \
	--data-urlencode "round=3"
expect_status 303 "links: asking again"
expect_header "done=none" "links: nobody gets a second live link"
http GET "$P/links"
made=$(grep -o '<span class="kind">for [^<]*</span>' "$OUT" | wc -l)
[ "$made" -eq "$count" ] && pass "links: still one per stakeholder" ||
	fail "links: still one per stakeholder" "$made links"
LINK=$(sed -n 's/.*action="\/p\/demo-clinical-app\/links\/\([0-9]*\)\/revoke".*/\1/p' "$OUT" | head -1)
http POST "$P/links/$LINK/revoke"
expect_status 403 "links: revoking needs the anti-forgery token"
http POST "$P/links/$LINK/revoke" --data-urlencode "csrf=$CSRF"
expect_status 303 "links: revoked"
http GET "$P/links?done=revoked"
expect_out '<strong class="state">revoked</strong>' "links: shown as revoked"
expect_no_out "/s/$TOKEN" "links: a revoked link's address is no longer shown"
http POST "$P/links/999999/revoke" --data-urlencode "csrf=$CSRF"
expect_status 404 "links: an unknown link is not found"

# --- the audit log ---
http POST "$P/links" --data-urlencode "csrf=$CSRF" --data-urlencode "kind=stakeholders" \
	--data-urlencode "round=2"
expect_status 303 "links: a second round of links (more than a page of the log)"
http GET "$P/links"
NEWEST=$(grep -o 'links/[0-9]*/revoke' "$OUT" | tr -dc '0-9\n' | sort -n | tail -1)
http GET "$P/audit"
expect_status 200 "audit: the page"
expect_out "<strong>revoke</strong> <code>link:$LINK</code>" "audit: the revoked link"
expect_out '<strong>add</strong> <code>link:' "audit: links made, by id"
expect_out '<code>label</code>: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;' \
	"audit: what a link was made with, escaped"
expect_no_out '<script>alert(1)' "audit: no script reaches the page"
first=$(grep -o '<li><p><strong>[a-z]*</strong> <code>[a-z0-9:]*</code>' "$OUT" | head -1)
[ "$first" = "<li><p><strong>add</strong> <code>link:$NEWEST</code>" ] &&
	pass "audit: newest first" || fail "audit: newest first" "first entry: $first"
entries=$(grep -c '^<li><p><strong>' "$OUT")
[ "$entries" -eq 50 ] && pass "audit: 50 entries a page" ||
	fail "audit: 50 entries a page" "$entries entries"
OLDER=$(sed -n 's/.*href="\/p\/demo-clinical-app\/audit?below=\([0-9]*\)">Older.*/\1/p' "$OUT")
http GET "$P/audit?below=$OLDER"
expect_status 200 "audit: the older page"
expect_out '<strong>update</strong> <code>project</code>' "audit: the settings change"
expect_out '<li><code>title</code>: &quot;Hospital-wide clinical app on staff&#39;s own phones&quot; &rarr; &quot;Clinical app, phase two&quot;</li>' \
	"audit: which field changed, from what to what"
expect_out '<strong>add</strong> <code>stakeholder:' "audit: stakeholders added"
expect_out '<strong>edit</strong> <code>stakeholder:' "audit: stakeholders edited"
expect_out '<strong>delete</strong> <code>stakeholder:' "audit: stakeholders deleted"
expect_out '&lt;script&gt;alert(1)&lt;/script&gt;' "audit: stakeholder names escaped"
expect_no_out '<script>alert(1)' "audit: no script on the older page"
expect_out '<code>member:carol</code>' "audit: people added and removed"
expect_out '<strong>role</strong> <code>member:vic</code>' "audit: roles changed"
expect_out 'href="/p/demo-clinical-app/audit">Newest' "audit: a way back to the newest"
for page in "$P/audit" "$P/audit?below=$OLDER"; do
	http GET "$page"
	expect_no_out "$TOKEN" "audit: never a link's token ($page)"
done
http GET "$P/audit?below=1"
expect_status 200 "audit: an older page"
expect_out 'No older entries' "audit: nothing before the first"
http GET "$P/audit?below=x"
expect_status 400 "audit: a bad page number"
EJAR="$TMP/ejar"
as "$EJAR" login erin "erin-password-1"
as "$EJAR" http GET "$P/audit"
expect_status 200 "audit: a lead who is not an administrator sees it"

# --- users ---
csrf_from /admin/users
expect_status 200 "users: the page"
expect_out '<th scope="row">vic</th><td>Vic Viewer</td>' "users: the accounts"
http POST /admin/users --data-urlencode "csrf=$CSRF" --data-urlencode "name=frank" \
	--data-urlencode "display=Frank <F>" --data-urlencode "new-password=frank-pass-1" \
	--data-urlencode "confirm-password=frank-pass-1"
expect_status 303 "users: an account added"
http GET "/admin/users?done=added"
expect_out '<th scope="row">frank</th><td>Frank &lt;F&gt;</td><td>no</td>' "users: listed, escaped"
FJAR="$TMP/fjar"
as "$FJAR" login frank "frank-pass-1"
expect_status 303 "users: the new account can log in"
http POST /admin/users --data-urlencode "csrf=$CSRF" --data-urlencode "name=gina" \
	--data-urlencode "new-password=short" --data-urlencode "confirm-password=short"
expect_status 422 "users: a short password is refused"
expect_out 'id="e-new-password"' "users: the password's problem beside it"
expect_out 'value="gina"' "users: the name typed is kept"
expect_no_out 'value="short"' "users: the password is never shown again"
http POST /admin/users --data-urlencode "csrf=$CSRF" --data-urlencode "name=gina" \
	--data-urlencode "new-password=gina-pass-12" --data-urlencode "confirm-password=gina-pass-13"
expect_status 422 "users: passwords that differ are refused"
expect_out 'the two passwords differ' "users: says they differ"
http POST /admin/users --data-urlencode "csrf=$CSRF" --data-urlencode "name=Gina Smith" \
	--data-urlencode "new-password=gina-pass-12" --data-urlencode "confirm-password=gina-pass-12"
expect_status 422 "users: a bad login name is refused"
expect_out 'id="e-name"' "users: the name's problem beside it"
http POST /admin/users --data-urlencode "csrf=$CSRF" --data-urlencode "name=frank" \
	--data-urlencode "new-password=frank-pass-2" --data-urlencode "confirm-password=frank-pass-2"
expect_status 422 "users: a taken name is refused"
expect_out 'login name is taken' "users: says it is taken"
http POST /admin/users --data-urlencode "name=mallory" \
	--data-urlencode "new-password=mallory-pass-1" --data-urlencode "confirm-password=mallory-pass-1" \
	--data-urlencode "admin=yes"
expect_status 403 "users: no anti-forgery token, refused"
run --db "$DB" user list
expect_no_out 'gina' "users: no account from bad forms"
expect_no_out 'mallory' "users: no account from a forged form"
as "$VJAR" csrf_from "$P/stakeholders"
as "$VJAR" http POST /admin/users --data-urlencode "csrf=$CSRF" --data-urlencode "name=mallory" \
	--data-urlencode "new-password=mallory-pass-1" --data-urlencode "confirm-password=mallory-pass-1" \
	--data-urlencode "admin=yes"
expect_status 404 "users: a non-administrator cannot add one"
run --db "$DB" user list
expect_no_out 'mallory' "users: nothing added by a non-administrator"

# stopped_cleanly NAME: the server ended with 0 and no sanitizer report
stopped_cleanly() {
	if [ "$server_rc" -eq 0 ] && ! grep -q 'Sanitizer\|runtime error' "$TMP/serve.err"; then
		pass "$1"
	else
		fail "$1" "exit $server_rc; $(grep -m3 'Sanitizer\|runtime error' "$TMP/serve.err")"
	fi
}

# --- addresses with --public-url ---
stop_server
stopped_cleanly "the server stops cleanly"
# start_server must not read the old run's "listening on" line
rm -f "$TMP/serve.out"
start_server --public-url https://waymark.example.org/
http GET "$P/links"
expect_out '<code class="link-url">https://waymark.example.org/s/' "links: absolute addresses with --public-url"

stop_server
stopped_cleanly "the server stops cleanly again"
done_testing
