#!/bin/sh
# t-web-survey.sh: the survey a stakeholder answers through a link:
# the page and plain form (/s/TOKEN), the JSON API (/api/survey/TOKEN),
# links given out with 'waymark survey link', counting each response once,
# personal links used once, withdrawn and unknown links, tailoring, and
# that nobody sees anyone else's answers.
. tests/cli/lib.sh
. tests/cli/web.sh

P=demo-clinical-app
MARK="MARK-$$-x9"
XSS="<script>alert('$MARK')</script>"

# responses kept in round 2 of the demo, as 'assess show' counts them
count() {
	"$WAYMARK" --db "$DB" assess show "$P" --round 2 --json 2>/dev/null | tr -d ' \n' |
		sed -n 's/.*"round":2,"responses":\([0-9]*\).*/\1/p'
}
expect_count() {
	got=$(count)
	if [ "$got" = "$1" ]; then pass "$2"; else fail "$2" "round 2 has $got responses, expected $1"; fi
}
# newlink ARGS...: a link made on the command line; sets LINK (/s/TOKEN), TOK
newlink() {
	"$WAYMARK" --db "$DB" survey link "$P" "$@" >"$OUT" 2>"$ERR"
	LINK=$(tail -1 "$OUT")
	TOK=${LINK#/s/}
}
# form PATH ARGS...: post the survey form without a session or cookies
form() {
	p=$1
	shift
	status=$(curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' "$@" "$BASE$p")
}
# api METHOD TOKEN [JSON]
api() {
	if [ $# -gt 2 ]; then
		status=$(curl -s -X "$1" -o "$OUT" -D "$HDR" -w '%{http_code}' \
			-H 'Content-Type: application/json' --data "$3" "$BASE/api/survey/$2")
	else
		status=$(curl -s -X "$1" -o "$OUT" -D "$HDR" -w '%{http_code}' "$BASE/api/survey/$2")
	fi
}

start_server

# --- links on the command line ---
run --db "$DB" survey link "$P" --group martians
expect_rc 3 "survey link: an unknown group is refused"
expect_err "'martians' is not a group" "and named"
run --db "$DB" survey link "$P" --stakeholder 999999
expect_rc 4 "survey link: an unknown stakeholder is not found"
run --db "$DB" survey link "$P" --round 0
expect_rc 2 "survey link: round 0 is a usage error"
run --db "$DB" survey link "$P" --revoke 999999
expect_rc 4 "survey link --revoke: an unknown link is not found"
run --db "$DB" survey link "$P" --round 2 --label "open" --json
expect_rc 0 "survey link --json makes a link"
expect_out '"path": "/s/' "and prints its path"
OPEN=$(sed -n 's/.*"path": "\(\/s\/[^"]*\)".*/\1/p' "$OUT")
OTOK=${OPEN#/s/}
[ ${#OTOK} -ge 43 ] && pass "the token has 256 bits (43 characters)" ||
	fail "the token has 256 bits (43 characters)" "token '$OTOK'"
SID=$("$WAYMARK" --db "$DB" stakeholder list "$P" --json | sed -n 's/^    "id": \([0-9]*\),*$/\1/p' | head -1)
newlink --stakeholder "$SID" --group nursing --round 2
expect_out "one stakeholder's" "survey link --stakeholder makes a personal link"
PERS=$LINK PTOK=$TOK

n0=$(count)
[ -n "$n0" ] && pass "the demo has responses in round 2 ($n0)" ||
	fail "the demo has responses in round 2" "assess show gave no count"

# --- the page ---
form "$OPEN"
expect_status 200 "page: an open link shows the survey"
expect_out 'A named senior leader is visibly accountable' "page: the statements"
expect_out 'Hospital-wide clinical app' "page: the project's title"
expect_out 'name="viewport" content="width=device-width' "page: the viewport for phones"
expect_header 'Cache-Control: no-store' "page: never cached"
expect_out 'groups of at least 5 people' "page: says answers are anonymous, with the threshold"
expect_out 'id="survey-form"' "page: the form has a stable id"
expect_out 'method="post" action="/s/' "page: the plain form posts back to the link"
expect_out "data-api=\"/api/survey/$OTOK\"" "page: survey.js is told where the API is"
expect_out 'name="client_id" id="survey-client-id" value="' "page: a client id to count the form once"
expect_no_out 'name="csrf"' "page: no session token (the link is the capability)"
expect_out '<label><input type="radio" name="leadership.sponsor" value="1" id="f-leadership.sponsor"> Strongly disagree</label>' \
	"page: each answer's label wraps its radio"
expect_out 'value="dk"> Don&#39;t know</label>' "page: don't know is an answer"
expect_out '<legend><span class="num">1.</span> A named senior leader' "page: each statement is a fieldset's legend"
expect_out '<select id="f-group" name="group"' "page: an open link without a group asks it"
expect_out '<textarea id="f-comment" name="comment"' "page: one optional comment"
expect_out 'button type="submit" id="survey-submit"' "page: the send button"
expect_out 'id="survey-status" class="survey-status" role="status"' "page: a status region for survey.js"
expect_out '<script src="/static/survey.js" defer></script>' "page: survey.js from this site"
expect_no_out ' checked' "page: nothing is answered in a fresh form"
if grep -Eq '(src|href|action)="(https?:)?//' "$OUT"; then
	fail "page: no third-party resource"
else
	pass "page: no third-party resource"
fi
CID1=$(sed -n 's/.*name="client_id" id="survey-client-id" value="\([^"]*\)".*/\1/p' "$OUT")
form "$OPEN"
CID2=$(sed -n 's/.*name="client_id" id="survey-client-id" value="\([^"]*\)".*/\1/p' "$OUT")
[ -n "$CID1" ] && [ "$CID1" != "$CID2" ] && pass "page: a fresh random client id each time" ||
	fail "page: a fresh random client id each time" "'$CID1' then '$CID2'"

form /static/survey.js
expect_status 200 "survey.js is served"
expect_header 'Content-Type: text/javascript' "as JavaScript"
expect_out 'getRandomValues' "and makes its own client ids"

# --- the plain form ---
form "$OPEN" --data-urlencode "client_id=$CID1" --data-urlencode group=nursing \
	--data-urlencode leadership.sponsor=4 --data-urlencode communication.report=dk \
	--data-urlencode "comment=$XSS"
expect_status 303 "form: a good response is accepted"
expect_header "Location: $OPEN?thanks=1&at=" "form: and goes on to the confirmation"
expect_count $((n0 + 1)) "form: one more response in round 2"
loc=$(sed -n 's/^Location: *\([^\r]*\).*/\1/ip' "$HDR" | tr -d '\r')
form "$loc"
expect_status 200 "confirmation: shown"
expect_out 'Your answers were received on ' "confirmation: says so, with the time"
expect_header 'Cache-Control: no-store' "confirmation: never cached"
expect_no_out "$MARK" "confirmation: shows nothing of the answers"

form "$OPEN" --data-urlencode "client_id=$CID1" --data-urlencode group=nursing \
	--data-urlencode leadership.sponsor=4 --data-urlencode communication.report=dk \
	--data-urlencode "comment=$XSS"
expect_status 303 "form: the same form sent again is confirmed"
expect_count $((n0 + 1)) "form: but counted once"

form "$OPEN"
expect_no_out "$MARK" "page: another visitor never sees an earlier comment"
expect_no_out ' checked' "page: nor earlier answers"
api GET "$OTOK"
expect_no_out "$MARK" "api: the survey never carries an earlier comment"

# --- bad forms: each refused with 422, the form shown again, nothing kept ---
form "$OPEN" --data-urlencode client_id=bad7 --data-urlencode group=nursing \
	--data-urlencode leadership.sponsor=7 --data-urlencode communication.report=dk \
	--data-urlencode "comment=$XSS"
expect_status 422 "form: an answer of 7 is refused"
expect_out '<a href="#f-leadership.sponsor">Statement 1: choose one of the answers shown</a>' \
	"form: the problem names the statement and links to it"
expect_out 'aria-describedby="e-leadership.sponsor"' "form: the statement's error is tied to it"
expect_out 'id="survey-form"' "form: shown again"
expect_out 'name="communication.report" value="dk" checked>' "form: with the other answers kept"
expect_out '<option value="nursing" selected>' "form: and the group kept"
expect_out "&lt;script&gt;alert(&#39;$MARK&#39;)&lt;/script&gt;</textarea>" "form: the comment kept, escaped"
expect_no_out "$XSS" "form: the comment never comes back as markup"
expect_out 'name="client_id" id="survey-client-id" value="bad7"' "form: the same client id kept"
expect_count $((n0 + 1)) "form: nothing kept after a bad answer"

form "$OPEN" --data-urlencode client_id=empty1 --data-urlencode group=nursing
expect_status 422 "form: an empty response is refused"
expect_out 'Answer at least one statement' "form: asking for one answer at least"
expect_count $((n0 + 1)) "form: nothing kept after an empty response"

form "$OPEN" --data-urlencode client_id=nogroup1 --data-urlencode leadership.sponsor=3
expect_status 422 "form: a response without a group is refused"
expect_out '<a href="#f-group">Your group: choose the group you belong to</a>' "form: asking for the group"
form "$OPEN" --data-urlencode client_id=nogroup2 --data-urlencode group=martians \
	--data-urlencode leadership.sponsor=3
expect_status 422 "form: an unknown group is refused"
expect_out "unknown group &#39;martians&#39;" "form: and named"
form "$OPEN" --data-urlencode 'client_id=bad id!' --data-urlencode group=it \
	--data-urlencode leadership.sponsor=3
expect_status 422 "form: a bad client id is refused"
expect_no_out 'value="bad id!"' "form: and replaced by a fresh one"
long=$(head -c 2100 /dev/zero | tr '\0' 'a')
form "$OPEN" --data-urlencode client_id=long1 --data-urlencode group=it \
	--data-urlencode leadership.sponsor=3 --data-urlencode "comment=$long"
expect_status 422 "form: a comment over 2000 bytes is refused"
expect_out 'Your comment: too long' "form: saying why"
form "$OPEN" --data-urlencode client_id=ctl1 --data-urlencode group=it \
	--data-urlencode leadership.sponsor=3 --data-urlencode "comment=$(printf 'a\033b')"
expect_status 422 "form: a control character in the comment is refused"
expect_count $((n0 + 1)) "form: nothing kept after any bad form"

# --- the JSON API ---
api GET "$OTOK"
expect_status 200 "api: the survey as JSON"
expect_header 'Content-Type: application/json' "api: JSON"
expect_header 'Cache-Control: no-store' "api: never cached"
expect_out '"project":{"title":"Hospital-wide clinical app' "api: the project's title"
expect_out '"round":2' "api: the link's round"
expect_out '"group":null' "api: no group fixed by an open link"
expect_out '{"id":"nursing","title":"Nursing"}' "api: the groups to choose from"
expect_out '{"id":"leadership.sponsor","text":"A named senior leader' "api: the items"
expect_out '"scale":[{"value":1,"label":"Strongly disagree"}' "api: the scale"
expect_out '{"value":"dk","label":"Don'"'"'t know"}' "api: with don't know"

J='{"client_id":"json-1","group":"it","answers":{"leadership.sponsor":5,"communication.report":"dk"},"comment":"fine"}'
api POST "$OTOK" "$J"
expect_status 201 "api: a response is received"
expect_out '"status":"received","client_id":"json-1"' "api: says so, with the client id"
expect_count $((n0 + 2)) "api: one more response"
api POST "$OTOK" "$J"
expect_status 200 "api: the same client id again is fine"
expect_out '"status":"already_received"' "api: and says it was already received"
expect_count $((n0 + 2)) "api: counted once"

api POST "$OTOK" '{"client_id":"json-2","group":"it","answers":{"leadership.sponsor":7}}'
expect_status 422 "api: an answer of 7 is refused"
expect_out '{"error":{"code":"bad_answer","message":"answers.leadership.sponsor: expected one of 1..5 or dk"}}' \
	"api: naming the field"
api POST "$OTOK" '{"client_id":"json-2","group":"it","answers":{"leadership.sponsor":true}}'
expect_status 422 "api: an answer of the wrong type is refused"
api POST "$OTOK" '{"client_id":"json-2","group":"it","answers":{"no.such":3}}'
expect_status 422 "api: an unknown statement is refused"
expect_out 'answers.no.such: no such statement' "api: and named"
api POST "$OTOK" '{"client_id":"json-2","group":"it","answers":{}}'
expect_status 422 "api: no answers is refused"
expect_out '"code":"no_answers"' "api: with its own code"
api POST "$OTOK" '{"client_id":"json-2","answers":{"leadership.sponsor":3}}'
expect_out '"code":"bad_group"' "api: a missing group is refused"
api POST "$OTOK" '{"client_id":"json 2","group":"it","answers":{"leadership.sponsor":3}}'
expect_out '"code":"bad_client_id"' "api: a bad client id is refused"
api POST "$OTOK" '{"group":"it","answers":{"leadership.sponsor":3}}'
expect_out '"code":"bad_client_id"' "api: a missing client id is refused"
api POST "$OTOK" '{"client_id":"json-2","group":"it","answers":[3]}'
expect_status 422 "api: answers that are not an object are refused"
api POST "$OTOK" '{"client_id":"json-2","group":"it","answers":{"leadership.sponsor":3},"comment":7}'
expect_out '"code":"bad_comment"' "api: a comment that is no string is refused"
api POST "$OTOK" '[1,2]'
expect_status 400 "api: a body that is not an object is refused"
expect_count $((n0 + 2)) "api: nothing kept after any bad request"

# --- unknown and withdrawn links ---
form /s/NoSuchTokenAtAllxxxxxxxxxxxxxxxxxxxxxxxxxxxx
expect_status 404 "unknown link: 404"
expect_out 'this survey link is not valid' "unknown link: says it is not valid"
expect_out 'ask the person who sent it' "unknown link: and whom to ask"
form /s/NoSuchTokenAtAllxxxxxxxxxxxxxxxxxxxxxxxxxxxx --data-urlencode client_id=z \
	--data-urlencode group=it --data-urlencode leadership.sponsor=3
expect_status 404 "unknown link: a form sent to it is 404"
api GET NoSuchTokenAtAll
expect_status 404 "unknown link: the API says 404"
expect_out '"code":"not_found"' "unknown link: as JSON"
form '/s/bad%20token'
expect_status 404 "a token that cannot be one: 404"

newlink --round 2 --label doomed
DOOM=$LINK DTOK=$TOK
did=$(sed -n 's/^made survey link \([0-9]*\) .*/\1/p' "$OUT")
run --db "$DB" survey link "$P" --revoke "$did"
expect_rc 0 "survey link --revoke withdraws a link"
form "$DOOM"
expect_status 404 "withdrawn link: 404"
expect_out 'has been withdrawn' "withdrawn link: says so"
form "$DOOM" --data-urlencode client_id=late1 --data-urlencode group=it \
	--data-urlencode leadership.sponsor=3
expect_status 404 "withdrawn link: a form sent to it is refused"
api POST "$DTOK" '{"client_id":"late-2","group":"it","answers":{"leadership.sponsor":3}}'
expect_status 404 "withdrawn link: the API refuses it too"
expect_count $((n0 + 2)) "withdrawn link: nothing kept"

# --- a stakeholder's own link: one set of answers ---
form "$PERS"
expect_status 200 "personal link: shows the survey"
expect_out 'part of the group <strong>Nursing</strong>' "personal link: the group is fixed"
expect_no_out 'name="group"' "personal link: and not asked"
expect_out 'takes one set of answers' "personal link: says it answers once"
api GET "$PTOK"
expect_out '"single_use":true,"used":false,"group":{"id":"nursing","title":"Nursing"},"groups":[]' \
	"api: a personal link's group and use"
form "$PERS" --data-urlencode client_id=pers-1 --data-urlencode leadership.sponsor=2
expect_status 303 "personal link: the first response is accepted"
expect_count $((n0 + 3)) "personal link: and kept"
form "$PERS" --data-urlencode client_id=pers-1 --data-urlencode leadership.sponsor=2
expect_status 303 "personal link: the same response again is confirmed"
form "$PERS" --data-urlencode client_id=pers-2 --data-urlencode leadership.sponsor=5
expect_status 409 "personal link: a second response is refused"
expect_out 'This link has already been used' "personal link: saying it was used"
api POST "$PTOK" '{"client_id":"pers-3","answers":{"leadership.sponsor":5}}'
expect_status 409 "personal link: the API refuses a second response"
expect_out '"code":"link_used"' "personal link: with its code"
api POST "$PTOK" '{"client_id":"pers-1","answers":{"leadership.sponsor":2}}'
expect_status 200 "personal link: the first client's retry is fine"
expect_count $((n0 + 3)) "personal link: counted once in all"
form "$PERS" --data-urlencode client_id=pers-4 --data-urlencode group=it \
	--data-urlencode leadership.sponsor=5
expect_status 409 "personal link: used, whatever is sent"
form "$PERS"
expect_status 200 "personal link: once used, the page says so"
expect_out 'This link has already been used' "personal link: instead of the form"
expect_no_out 'id="survey-form"' "personal link: no form"
run --db "$DB" survey link "$P" --stakeholder "$SID" --group martians
expect_rc 3 "personal link: a bad group is refused on the command line"

api POST "$PTOK" '{"client_id":"pers-1","group":"it","answers":{"leadership.sponsor":2}}'
expect_status 200 "personal link: a retry is matched on its client id first"

# --- tailoring: items not asked of a group ---
run --db "$DB" survey configure "$P" --exclude ig:leadership
expect_rc 0 "leadership is not asked of information governance"
n1=$(count)
newlink --group ig --round 2
IG=$LINK IGTOK=$TOK
form "$IG"
expect_status 200 "tailored link: shows the survey"
expect_no_out 'name="leadership.sponsor"' "tailored link: leaves out what the group is not asked"
expect_out 'name="communication.report"' "tailored link: shows the rest"
api GET "$IGTOK"
expect_no_out '"leadership.sponsor"' "tailored link: the API leaves it out too"
form "$OPEN"
expect_out 'name="leadership.sponsor"' "open link: every statement while the group is unknown"
form "$IG" --data-urlencode client_id=ig-1 --data-urlencode leadership.sponsor=1
expect_status 422 "tailored link: only answers not asked of the group is no answer"
form "$IG" --data-urlencode client_id=ig-2 --data-urlencode leadership.sponsor=1 \
	--data-urlencode communication.report=4
expect_status 303 "tailored link: answers not asked are ignored, the rest kept"
form "$OPEN" --data-urlencode client_id=ig-3 --data-urlencode group=ig \
	--data-urlencode leadership.sponsor=1 --data-urlencode communication.report=4
expect_status 303 "open link: a group's not-asked answers are ignored on sending"
expect_count $((n1 + 2)) "tailoring: both kept"

stop_server
[ "$server_rc" -eq 0 ] && pass "the server stops cleanly" || fail "the server stops cleanly" "exit $server_rc"
done_testing
