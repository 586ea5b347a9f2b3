#!/bin/sh
# t-web-api.sh: the JSON API of 'waymark serve' (docs/api.md). First every
# example of docs/api.md is run against the live server, so the page
# cannot drift from the code; then authentication, the anti-forgery
# header, other people's projects, bad input of each kind, agreement with
# the CLI's --json, and the cached assessment and road map following
# changes made through the API and from another process.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

DOC="$(dirname "$0")/../../docs/api.md"
EX="$TMP/examples"
VARS="$TMP/vars"
P=/api/projects/demo-clinical-app
J='Content-Type: application/json'

: >"$ERR"
start_server
TOKEN=$("$WAYMARK" --db "$DB" user token admin)
[ -n "$TOKEN" ] || { echo "not ok 1 - an API token for admin"; exit 1; }

# api METHOD PATH [CURL ARGS...]: as TOKEN (default the admin's), no cookies
api() {
	m=$1 p=$2
	shift 2
	status=$(curl -s -X "$m" -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer ${AS:-$TOKEN}" "$@" "$BASE$p")
}
# as TOKEN CMD...: run CMD (api, api_json) with another user's token
as() {
	AS=$1
	shift
	"$@"
	AS=
}
# api_json METHOD PATH BODY [CURL ARGS...]
api_json() {
	m=$1 p=$2 b=$3
	shift 3
	api "$m" "$p" -H "$J" --data-binary "$b" "$@"
}
# expect_code CODE NAME: the answer is a JSON error with this code
expect_code() {
	if grep -qF "{\"error\":{\"code\":\"$1\"" "$OUT"; then pass "$2"
	else fail "$2" "no error code '$1'"; fi
}
# count_of TEXT: how many times TEXT is in the answer
count_of() { grep -oF -- "$1" "$OUT" | wc -l | tr -d ' '; }
# flat FILE: FILE without spaces, tabs and line ends (to compare JSON)
flat() { tr -d ' \t\r\n' <"$1"; }
# ascii: stdin with each non-ASCII character as a JSON escape, as the API
# writes it (\u00EB; a surrogate pair beyond U+FFFF)
ascii() {
	LC_ALL=C awk '
	BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
	{
		out = ""
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			b = ord[c]
			if (b < 128) { out = out c; continue }
			if (b >= 240) { cp = b % 8; k = 3 }
			else if (b >= 224) { cp = b % 16; k = 2 }
			else { cp = b % 32; k = 1 }
			for (j = 1; j <= k; j++)
				cp = cp * 64 + ord[substr($0, i + j, 1)] % 64
			i += k
			if (cp < 65536) { out = out sprintf("\\u%04X", cp); continue }
			cp -= 65536
			out = out sprintf("\\u%04X\\u%04X", 55296 + int(cp / 1024),
					  56320 + cp % 1024)
		}
		print out
	}'
}

# --- every example of docs/api.md ---

# Split the page into $EX/N.req and $EX/N.res (and N.line: where it is).
mkdir -p "$EX"
awk -v dir="$EX" '
	/^```http[ \t]*$/ && !inside { inside = 1; first = 1; next }
	/^```[ \t]*$/ && inside { inside = 0; close(file); next }
	!inside { next }
	first {
		first = 0
		if ($0 ~ /^HTTP\//) {
			if (!pending) { print "docs/api.md:" NR ": an answer without a request"; bad = 1 }
			pending = 0
			file = dir "/" n ".res"
		} else {
			if (pending) { print "docs/api.md:" NR ": the request before has no answer"; bad = 1 }
			pending = 1
			n++
			file = dir "/" n ".req"
			print NR > (dir "/" n ".line")
			close(dir "/" n ".line")
		}
	}
	{ print > file }
	END {
		if (pending) { print "docs/api.md: the last request has no answer"; bad = 1 }
		exit bad
	}' "$DOC" >"$TMP/split.err"
if [ $? -eq 0 ]; then pass "docs/api.md: the examples can be read"
else fail "docs/api.md: the examples can be read" "$(cat "$TMP/split.err")"; fi
: >"$VARS"

# subst: stdin to stdout with every remembered {name} replaced by its value
subst() {
	awk -v vars="$VARS" '
		BEGIN {
			while ((getline l < vars) > 0) {
				i = index(l, "\t")
				v["{" substr(l, 1, i - 1) "}"] = substr(l, i + 1)
			}
		}
		{
			for (k in v)
				while ((j = index($0, k)) > 0)
					$0 = substr($0, 1, j - 1) v[k] substr($0, j + length(k))
			print
		}'
}

# remember NAME KEY: the first value of "KEY": in the flattened answer
remember() {
	val=$(awk -v key="\"$2\":" '{
		i = index($0, key)
		if (!i) exit 1
		s = substr($0, i + length(key))
		if (substr(s, 1, 1) == "\"") {
			s = substr(s, 2)
			print substr(s, 1, index(s, "\"") - 1)
		} else {
			match(s, /^[^,}\]]*/)
			print substr(s, 1, RLENGTH)
		}
	}' "$TMP/flat") || return 1
	printf '%s\t%s\n' "$1" "$val" >>"$VARS"
}

# check_fragment FILE: each line of the documented fragment is in the answer
check_fragment() {
	missing=
	while IFS= read -r line; do
		line=$(printf '%s\n' "$line" | subst | tr -d ' \t' | sed 's/,$//')
		case $line in
		*...*|'') continue ;;
		esac
		if printf '%s\n' "$line" | grep -q '^[][{},]*$'; then
			continue
		fi
		# "key": {name} or "key": "{name}" takes the answer's value
		name=$(printf '%s\n' "$line" |
			sed -n 's/^"\([a-z_]*\)":"\{0,1\}{\([a-z_]*\)}"\{0,1\}$/\1 \2/p')
		if [ -n "$name" ]; then
			remember "${name#* }" "${name% *}" || missing="$missing $line"
			continue
		fi
		grep -qF -- "$line" "$TMP/flat" || missing="$missing $line"
	done
	[ -z "$missing" ]
}

# run_example N: send example N and check its answer
run_example() {
	ex=$1
	subst <"$EX/$ex.req" >"$TMP/req"
	first=$(head -1 "$TMP/req")
	method=${first%% *}
	path=${first#* }
	awk 'NR > 1 && /^$/ { exit } NR > 1' "$TMP/req" >"$TMP/req.h"
	awk 'body { print } NR > 1 && /^$/ { body = 1 }' "$TMP/req" >"$TMP/req.b"
	set -- -X "$method" -o "$OUT" -D "$HDR" -w '%{http_code}'
	own_auth=
	while IFS= read -r h; do
		case $h in [Aa]uthorization:*) own_auth=1 ;; esac
		set -- "$@" -H "$h"
	done <"$TMP/req.h"
	[ -n "$own_auth" ] || set -- "$@" -H "Authorization: Bearer $TOKEN"
	[ -s "$TMP/req.b" ] && set -- "$@" --data-binary "@$TMP/req.b"
	status=$(curl -s "$@" "$BASE$path")
	flat "$OUT" >"$TMP/flat"
	what="docs/api.md:$(cat "$EX/$ex.line") $method $path"

	want=$(head -1 "$EX/$ex.res" | awk '{ print $2 }')
	expect_status "$want" "$what: status $want"
	# the body first: its values may name what the headers carry
	awk 'body { print } NR > 1 && /^$/ { body = 1 }' "$EX/$ex.res" >"$TMP/res.b"
	if [ -s "$TMP/res.b" ]; then
		if check_fragment <"$TMP/res.b"; then
			pass "$what: the documented fields"
		else
			fail "$what: the documented fields" "not in the answer:$missing"
		fi
	fi
	awk 'NR > 1 && /^$/ { exit } NR > 1' "$EX/$ex.res" | subst >"$TMP/res.h"
	while IFS= read -r h; do
		expect_header "$h" "$what: header $h"
	done <"$TMP/res.h"
}

nex=$(ls "$EX" | grep -c '\.req$')
if [ "$nex" -ge 16 ]; then pass "docs/api.md: $nex examples"
else fail "docs/api.md: $nex examples" "expected one for each endpoint"; fi
i=1
while [ "$i" -le "$nex" ]; do
	run_example "$i"
	i=$((i + 1))
done
# every endpoint of the route table under /api/ (but the survey's) has one
for route in "GET /api/projects\$" "POST /api/projects\$" \
	"GET /api/projects/[^/]*\$" "/assessment" "/roadmap" \
	"GET /api/projects/[^/]*/stakeholders\$" \
	"POST /api/projects/[^/]*/stakeholders\$" "DELETE .*/stakeholders/" \
	"GET /api/projects/[^/]*/links\$" "POST /api/projects/[^/]*/links\$" \
	"PUT .*/checkpoints/" "/audit" "/api/kb/search" "/api/kb/elements/"; do
	if cat "$EX"/*.req | grep -q "^[A-Z]* *.*$route"; then
		pass "docs/api.md: an example of $route"
	else
		fail "docs/api.md: an example of $route"
	fi
done

# --- authentication ---

as "x$TOKEN" api GET /api/projects
expect_status 401 "a bad token: 401"
expect_code bad_token "a bad token: bad_token"
status=$(curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' "$BASE/api/projects")
expect_status 401 "no login: 401"
expect_code login_required "no login: login_required"
expect_header "Content-Type: application/json" "no login: the error is JSON"
api PATCH /api/projects
expect_status 405 "PATCH: 405"
expect_code method_not_allowed "PATCH: method_not_allowed"

# --- other people's projects ---

add_user ann "ann-password-1"
add_user bob "bob-password-1"
ANN=$("$WAYMARK" --db "$DB" user token ann)
BOB=$("$WAYMARK" --db "$DB" user token bob)
as $BOB api_json POST /api/projects '{"name": "bobs-project", "title": "Bob"}'
expect_status 201 "bob starts a project"
as $BOB api_json POST /api/projects/bobs-project/stakeholders \
	'{"name": "Bob'"'"'s CIO", "group": "executive"}'
expect_status 201 "bob adds a stakeholder"
BOBS_ONE=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$OUT")
if [ -n "$BOBS_ONE" ]; then pass "bob's stakeholder has an id"
else fail "bob's stakeholder has an id"; fi
as $BOB api GET /api/projects/bobs-project/assessment
expect_status 200 "bob sees his project's assessment"
expect_out '"round":0' "a project without responses: round 0"

as $ANN api GET /api/projects
expect_status 200 "ann lists her projects"
if [ "$(cat "$OUT")" = "[]" ]; then pass "ann sees no project yet"
else fail "ann sees no project yet"; fi
for path in /api/projects/bobs-project /api/projects/bobs-project/assessment \
	/api/projects/bobs-project/roadmap /api/projects/bobs-project/stakeholders \
	/api/projects/bobs-project/links /api/projects/bobs-project/audit; do
	as $ANN api GET "$path"
	expect_status 404 "a stranger gets 404: GET $path"
done
as $ANN api DELETE "/api/projects/bobs-project/stakeholders/$BOBS_ONE"
expect_status 404 "a stranger gets 404: DELETE of bob's stakeholder"
as $ANN api_json POST /api/projects/bobs-project/stakeholders \
	'{"name": "Mole", "group": "it"}'
expect_status 404 "a stranger gets 404: POST a stakeholder"
as $ANN api_json PUT \
	/api/projects/bobs-project/checkpoints/nhsd-mobile-toolkit.checkpoint.vision-baseline \
	'{"done": true}'
expect_status 404 "a stranger gets 404: PUT a checkpoint"
# bob's stakeholder is not the demo's either
api DELETE "$P/stakeholders/$BOBS_ONE"
expect_status 404 "another project's stakeholder through this one: 404"
as $BOB api GET /api/projects/bobs-project/stakeholders
expect_out "\"id\":$BOBS_ONE," "bob's stakeholder is still there"

"$WAYMARK" --db "$DB" user grant ann demo-clinical-app viewer >/dev/null
as $ANN api GET /api/projects
expect_out '"name":"demo-clinical-app"' "a viewer lists the project"
expect_out '"role":"viewer"' "with her role"
expect_no_out 'bobs-project' "and no other"
as $ANN api GET "$P/assessment"
expect_status 200 "a viewer reads the assessment"
as $ANN api_json POST "$P/stakeholders" '{"name": "Ann", "group": "it"}'
expect_status 403 "a viewer may not add a stakeholder"
expect_code forbidden "a viewer: forbidden"
as $ANN api GET "$P/links"
expect_status 403 "a viewer may not see the survey links"
as $ANN api GET "$P/audit"
expect_status 403 "a viewer may not see the audit log"
"$WAYMARK" --db "$DB" user grant ann demo-clinical-app contributor >/dev/null
as $ANN api_json POST "$P/links" '{"group": "it"}'
expect_status 403 "a contributor may not make survey links"
as $ANN api_json POST "$P/stakeholders" '{"name": "Ann", "group": "it"}'
expect_status 201 "a contributor adds a stakeholder"

# --- a session needs the anti-forgery header ---

login admin "$ADMIN_PW"
expect_status 303 "admin logs in"
http POST "$P/stakeholders" -H "$J" --data-binary '{"name": "Forged", "group": "it"}'
expect_status 403 "a session's POST without X-CSRF-Token: 403"
expect_code csrf "without X-CSRF-Token: csrf"
http POST "$P/stakeholders" -H "$J" -H "X-CSRF-Token: not-the-token" \
	--data-binary '{"name": "Forged", "group": "it"}'
expect_status 403 "a session's POST with a wrong X-CSRF-Token: 403"
http DELETE "$P/stakeholders/1"
expect_status 403 "a session's DELETE without X-CSRF-Token: 403"
csrf_from /projects/new
http POST "$P/stakeholders" -H "$J" -H "X-CSRF-Token: $CSRF" \
	--data-binary '{"name": "Through the session", "group": "it"}'
expect_status 201 "a session's POST with X-CSRF-Token: 201"
http GET "$P/stakeholders"
expect_status 200 "a session reads the API"
expect_no_out '"Forged"' "nothing was added without the header"
expect_out '"Through the session"' "what was added with it is there"

# --- bad input: each kind, and nothing changes ---

stakeholders_now() { api GET "$P/stakeholders"; count=$(count_of '"power"'); }
stakeholders_now
before=$count
api POST "$P/stakeholders" -H "$J" --data-binary '{"name": "x", "group": '
expect_status 400 "bad JSON: 400"
expect_code bad_json "bad JSON: bad_json"
api_json POST "$P/stakeholders" '{"name": "x", "name": "y", "group": "it"}'
expect_status 400 "a repeated key: 400"
expect_code bad_json "a repeated key: bad_json"
api_json POST "$P/stakeholders" '["name", "x"]'
expect_status 400 "an array, not an object: 400"
expect_code bad_request "an array: bad_request"
api POST "$P/stakeholders"
expect_status 400 "no body: 400"
expect_code bad_request "no body: bad_request"
api POST "$P/stakeholders" --data-urlencode "name=x" --data-urlencode "group=it"
expect_status 400 "a form instead of JSON: 400"
api POST "$P/stakeholders" -H 'Content-Type: text/plain' --data-binary 'x'
expect_status 415 "text/plain: 415"
{ printf '{"name": "'; head -c 2097152 /dev/zero | tr '\0' 'a'; printf '", "group": "it"}'; } >"$TMP/big.json"
api POST "$P/stakeholders" -H "$J" --data-binary "@$TMP/big.json"
expect_status 413 "a 2 MB body: 413"
expect_code too_large "a 2 MB body: too_large"
api_json POST "$P/stakeholders" '{"name": "x", "group": "it", "power": 6}'
expect_status 422 "power 6: 422"
expect_code bad_field "power 6: bad_field"
expect_out '"message":"power: expected a whole number from 1 to 5' "power 6: the field is named"
api_json POST "$P/stakeholders" '{"name": "x", "group": "it", "interest": "high"}'
expect_out '"message":"interest: expected a whole number from 1 to 5, got' "interest as words: named"
api_json POST "$P/stakeholders" '{"name": "x", "group": "it", "attitude": "grumpy"}'
expect_out '"message":"attitude: '"'"'grumpy'"'"' is not allowed; use champion' "a bad attitude: named with the choices"
api_json POST "$P/stakeholders" '{"name": "   ", "group": "it"}'
expect_out '"message":"name: must not be empty"' "a blank name: named"
api_json POST "$P/stakeholders" '{"name": "x", "group": "it", "power": [1]}'
expect_out '"message":"power: expected a string or a number"' "an array for a number: named"
api_json POST "$P/stakeholders" '{"name": "x", "group": "it", "mood": "ok"}'
expect_out '"message":"mood: not a field of a stakeholder' "an unknown field: named"
api_json POST "$P/stakeholders" '{"group": "it"}'
expect_out '"message":"name: required' "a missing name: named"
api_json POST "$P/stakeholders" '{"name": "x", "group": "it", "power": 0, "interest": 9}'
expect_out 'power: expected a whole number from 1 to 5, got '"'"'0'"'"'; interest: expected' "two bad fields: both named"
stakeholders_now
if [ "$count" = "$before" ]; then pass "after bad input no stakeholder was added"
else fail "after bad input no stakeholder was added" "$before before, $count now"; fi

api_json POST /api/projects '{"name": "half-made", "anonymity": 2}'
expect_status 422 "a project with anonymity 2: 422"
expect_out '"message":"anonymity: expected a whole number from 3' "anonymity: named"
api_json POST /api/projects '{"title": "No name"}'
expect_out '"message":"name: required' "a project without a name: named"
api_json POST /api/projects '{"name": "half-made", "partners": ["nhs", 3]}'
expect_out '"message":"partners: expected a list of strings"' "partners not strings: named"
api_json POST /api/projects '{"name": "half-made", "partners": "nhs,aliens"}'
expect_out '"message":"partners: '"'"'aliens'"'"' is not a kind of partner' "a bad partner: named"
api GET /api/projects/half-made
expect_status 404 "after bad input no project was made"
api_json POST /api/projects '{"name": "half-made", "care_settings": "community", "dedicated_staff": "2", "partners": "nhs"}'
expect_status 201 "a project with _ names and a number as text"
expect_out '"care_settings":"community"' "care_settings is kept"
expect_out '"dedicated_staff":2' "dedicated_staff is kept"

api_json POST "$P/links" '{"stakeholder": 99999, "round": 0, "colour": "red"}'
expect_status 422 "a bad link: 422"
expect_out 'round: expected a whole number from 1 to 1000' "a bad link: the round named"
expect_out 'colour: not a field of a survey link' "a bad link: the unknown field named"
expect_out "stakeholder: project 'demo-clinical-app' has no stakeholder 99999" "a bad link: the stakeholder named"
api_json POST "$P/links" "{\"stakeholder\": $BOBS_ONE}"
expect_status 422 "a link for another project's stakeholder: 422"
api_json POST "$P/links" '{"stakeholder": 2}'
expect_status 201 "a stakeholder's link"
expect_out '"stakeholder":2,"group":"clinical"' "a stakeholder's link counts for their group"
api GET "$P/links"
expect_status 200 "the links"
links=$(count_of '"token"')
if [ "$links" = 2 ]; then pass "two links, none from the bad requests"
else fail "two links, none from the bad requests" "$links links"; fi

CP=nhsd-mobile-toolkit.checkpoint.implement-staff-trained
api_json PUT "$P/checkpoints/$CP" '{"done": "yes"}'
expect_status 422 "a checkpoint with done \"yes\": 422"
expect_out '"message":"done: required: true or false"' "done: named"
api_json PUT "$P/checkpoints/$CP" '{"done": true, "by": "me"}'
expect_out '"message":"by: not a field of a checkpoint' "by: not a field"
api_json PUT "$P/checkpoints/leadership" '{"done": true}'
expect_status 404 "a determinant is not a checkpoint: 404"
api_json PUT "$P/checkpoints/nhsd-mobile-toolkit.step.vision" '{"done": true}'
expect_status 404 "a step is not a checkpoint: 404"
run --db "$DB" gate demo-clinical-app implement --json
expect_no_out '"done": true' "after bad input no checkpoint of the step is done"

api GET "$P/audit?limit=0"
expect_status 400 "audit limit 0: 400"
expect_out '"message":"limit: expected a whole number from 1 to 500"' "audit: limit named"
api GET "$P/assessment?round=x"
expect_status 400 "round x: 400"
api GET "$P/assessment?round=7"
expect_status 404 "a round without responses: 404"
api GET "/api/kb/search"
expect_status 400 "a search without q: 400"
api GET "/api/kb/search?q=%FF%FE"
expect_status 400 "a search that is not UTF-8: 400"
api GET "/api/kb/elements/no.such.element"
expect_status 404 "an unknown element: 404"
api GET "/api/projects/%FF"
expect_status 404 "a project name that is not UTF-8: 404"
expect_header "Content-Type: application/json" "... and the error is JSON"

# --- text is data ---

api_json POST "$P/stakeholders" '{"name": "<script>alert(1)</script>", "group": "it", "organisation": "\"quoted\" & <b>"}'
expect_status 201 "a stakeholder named <script>"
expect_header "Content-Type: application/json" "the answer is application/json"
expect_header "X-Content-Type-Options: nosniff" "with nosniff"
expect_out '"name":"<script>alert(1)</script>"' "<script> comes back as string data"
expect_out '"organisation":"\"quoted\" & <b>"' "quotes are escaped as JSON"
SCRIPT_ONE=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$OUT")
api GET "$P/stakeholders"
expect_out '"name":"<script>alert(1)</script>"' "<script> in the list as string data"
api_json POST "$P/stakeholders" '{"name": "Zo\u00eb 😀", "group": "it"}'
expect_out '"name":"Zo\u00EB \uD83D\uDE00"' "text beyond ASCII comes back escaped, the same characters"
api DELETE "$P/stakeholders/$SCRIPT_ONE"
expect_status 204 "the stakeholder is deleted"
if [ ! -s "$OUT" ]; then pass "204 has no body"; else fail "204 has no body"; fi
api DELETE "$P/stakeholders/$SCRIPT_ONE"
expect_status 404 "deleted twice: 404"
api DELETE "$P/stakeholders/abc"
expect_status 404 "a stakeholder id that is not a number: 404"
api GET "$P/audit?limit=1"
expect_out '"action":"delete","entity":"stakeholder:'"$SCRIPT_ONE"'"' "the deletion is in the audit log"
expect_out '"before":{"attitude":"neutral","group":"it","id":'"$SCRIPT_ONE"',"interest":3,"name":"<script>alert(1)</script>"' "with what was deleted"
expect_out '"after":null' "and nothing after"
next=$(sed -n 's/.*"next":\([0-9]*\)}$/\1/p' "$OUT")
api GET "$P/audit?limit=1&below=$next"
expect_out '"action":"add"' "the next page of the audit log"
api GET "$P/links"
tok=$(sed -n 's/^\[{"id":[0-9]*,"token":"\([^"]*\)".*/\1/p' "$OUT")
api GET "$P/audit?limit=500"
if [ -n "$tok" ] && ! grep -qF "$tok" "$OUT"; then pass "the audit log keeps no survey token"
else fail "the audit log keeps no survey token"; fi

# --- the same JSON as the CLI ---

# same NAME API-PATH CLI-ARGS...: the CLI's --json and the API's answer agree
same() {
	name=$1 api_path=$2
	shift 2
	"$WAYMARK" --db "$DB" "$@" >"$TMP/cli.json" 2>"$ERR"
	api GET "$api_path"
	flat "$TMP/cli.json" | ascii >"$TMP/cli.flat"
	flat "$OUT" | sed 's/,"role":"[a-z]*"}$/}/' | ascii >"$TMP/api.flat"
	if [ -s "$TMP/cli.flat" ] && cmp -s "$TMP/cli.flat" "$TMP/api.flat"; then
		pass "$name: the API and the CLI agree"
	else
		fail "$name: the API and the CLI agree" "$(cmp "$TMP/cli.flat" "$TMP/api.flat" 2>&1)"
	fi
}
same "assessment" $P/assessment assess show demo-clinical-app --json
same "assessment of round 1" "$P/assessment?round=1" assess show demo-clinical-app --round 1 --json
same "road map" $P/roadmap roadmap demo-clinical-app --json
same "stakeholders" $P/stakeholders stakeholder list demo-clinical-app --json
same "project" $P project show demo-clinical-app --json
same "element" /api/kb/elements/kingsfund-2018.rollout-factor.risk kb show kingsfund-2018.rollout-factor.risk --json
same "search" "/api/kb/search?q=clinical+champions" kb search clinical champions --json
api GET "$P/assessment"
expect_no_out '"supplier"' "the supplier group (too few answers) is never shown"
expect_out '"groups_hidden":1' "but counted as hidden"

# --- the cached answers follow every change ---

# all_say TEXT NAME: eight requests (every handler thread) all answer TEXT
all_say() {
	path=$1 text=$2 name=$3 bad=0
	for k in 1 2 3 4 5 6 7 8; do
		api GET "$path"
		grep -qF -- "$text" "$OUT" || bad=$((bad + 1))
	done
	if [ "$bad" -eq 0 ]; then pass "$name"
	else fail "$name" "$bad of 8 answers lack '$text'"; fi
}
CP2=nhsd-mobile-toolkit.checkpoint.vision-vision-defined
all_say "$P/roadmap" "\"done\":false,\"checkpoint\":\"$CP2\"" \
	"the road map, cached: the checkpoint is not done"
api_json PUT "$P/checkpoints/$CP2" '{"done": true}'
expect_status 200 "the checkpoint is marked done"
all_say "$P/roadmap" "\"done\":true,\"checkpoint\":\"$CP2\"" \
	"the cached road map follows the API's change"
run --db "$DB" checkpoint undo demo-clinical-app "$CP2"
expect_rc 0 "the CLI marks it not done (another process)"
all_say "$P/roadmap" "\"done\":false,\"checkpoint\":\"$CP2\"" \
	"the cached road map follows the CLI's change"
api_json PUT "$P/checkpoints/$CP2" '{"done": false}'
expect_status 200 "not done twice: still 200"
expect_out '"done":false' "not done twice: not done"

all_say "$P/assessment" '"anonymity":5,' "the assessment, cached: anonymity 5"
all_say "$P/assessment" '"groups_hidden":1,' "the assessment, cached: one group hidden"
run --db "$DB" project edit demo-clinical-app --anonymity 10
expect_rc 0 "the CLI raises the anonymity threshold to 10"
all_say "$P/assessment" '"anonymity":10,' "the cached assessment follows: anonymity 10"
all_say "$P/assessment" '"groups_hidden":4,' "the cached assessment follows: four groups hidden"
same "assessment after the change" $P/assessment assess show demo-clinical-app --json

api GET "$P"
n1=$(sed -n 's/.*"stakeholders":\([0-9]*\).*/\1/p' "$OUT")
api_json POST "$P/stakeholders" '{"name": "Matron", "group": "nursing"}'
expect_status 201 "one more stakeholder"
api GET "$P"
n2=$(sed -n 's/.*"stakeholders":\([0-9]*\).*/\1/p' "$OUT")
if [ "$n2" = $((n1 + 1)) ]; then pass "the project counts the new stakeholder"
else fail "the project counts the new stakeholder" "$n1 then $n2"; fi
same "road map after a new stakeholder" $P/roadmap roadmap demo-clinical-app --json

stop_server
if [ "$server_rc" = 0 ]; then pass "the server stops cleanly"
else fail "the server stops cleanly" "exit $server_rc: $(grep -v '^waymark serve: GET' "$TMP/serve.err" | head -30)"; fi
done_testing
