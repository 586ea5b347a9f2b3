#!/bin/sh
# t-web-portfolio.sh: the portfolio, every project one can see side by side:
# the page /portfolio, GET /api/portfolio and 'waymark portfolio'.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

start_server
W() { "$WAYMARK" --db "$DB" "$@" >/dev/null 2>"$ERR"; }

# Three projects beside the demo (demo-clinical-app: step implement, 149
# responses in round 2, 14 of 64 settings live, 3 barriers of the log not
# closed, 6 checkpoints open).
#   alpha: step vision, title "Zeta title", no settings, one open barrier
#          logged and one closed (logged: 1)
#   beta:  step procurement, title "Alpha title", two settings, milestone
#          'live' removed so the last one (routine-use) counts; T1 reached
#          it: coverage 1 / max(0, 2) = 0.5
#   gamma: step optimise, title "Middle title"; nobody but the
#          administrator is given it
W project new alpha --title "Zeta title" --step vision
W project new beta --title "Alpha title" --step procurement
W project new gamma --title "Middle title" --step optimise
W setting add beta --name T1 --type team
W setting add beta --name T2 --type team
W milestone rm beta live
W milestone set beta T1 routine-use 2024-01-15
W log add alpha "No wifi on the ward" --reporter Sam --severity 4
W log add alpha "Old printers" --reporter Sam --status closed
add_user ann ann-password-1
add_user bob bob-password-1
add_user cat cat-password-1
W user grant ann alpha viewer
W user grant ann demo-clinical-app lead
W user grant bob beta contributor
TOKEN=$("$WAYMARK" --db "$DB" user token admin)
ANN=$("$WAYMARK" --db "$DB" user token ann)
BOB=$("$WAYMARK" --db "$DB" user token bob)
CAT=$("$WAYMARK" --db "$DB" user token cat)

# api TOKEN PATH: GET with a bearer token
api() {
	status=$(curl -s -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer $1" "$BASE$2")
}
# names: the projects' names in $OUT, in order, on one line
names() { grep -o '"name": *"[^"]*"' "$OUT" | sed 's/.*"\([^"]*\)"$/\1/' | tr '\n' ' '; }
expect_names() {
	got=$(names)
	if [ "$got" = "$1" ]; then pass "$2"; else fail "$2" "got '$got', expected '$1'"; fi
}

# --- who sees what ---
api "$TOKEN" /api/portfolio
expect_status 200 "api: answers the administrator"
expect_names "alpha beta demo-clinical-app gamma " "api: the administrator sees every project, by name"
api "$ANN" /api/portfolio
expect_names "alpha demo-clinical-app " "api: ann sees only the two projects she was given"
api "$BOB" /api/portfolio
expect_names "beta " "api: bob sees only beta"
api "$CAT" /api/portfolio
expect_status 200 "api: a user without projects is answered"
expect_out '"projects":[]' "api: ... with no project at all"
status=$(curl -s -o "$OUT" -w '%{http_code}' "$BASE/api/portfolio")
expect_status 401 "api: nobody without a token"

# --- the JSON shape (docs/json.md) ---
api "$TOKEN" /api/portfolio
expect_out '"sort":"name","dir":"asc"' "json: the order asked"
# demo: coverage 14 / 64 = 0.21875
expect_out '"coverage":{"milestone":"live","share":0.21875,"reached":14,"population":64}' \
	"json: the demo's coverage of live"
# beta: 1 of 2 at routine-use, the last milestone once live is gone
expect_out '"coverage":{"milestone":"routine-use","share":0.5,"reached":1,"population":2}' \
	"json: without 'live', the last milestone counts"
expect_out '"name":"alpha","title":"Zeta title","phase":"analyse","step":"vision"' \
	"json: name, title, phase and step"
expect_out '"logged_barriers":1,"round":0,"responses":0' \
	"json: alpha's one barrier not closed, no round"
expect_out '"coverage":null' "json: no registry is null"
expect_out '"gate":{"ready":false,"checkpoints":6,"open":6}' "json: the demo's gate"
expect_out '"top_barriers":[{"determinant":"resourcing","title":"Resourcing and dedicated roles","mean":2.35' \
	"json: the demo's worst barrier first"
expect_out '"logged_barriers":3,"round":2,"responses":149' "json: the demo's log and latest round"

# --- sorting (expected orders worked out from the set-up above) ---
# step: vision(alpha) < procurement(beta) < implement(demo) < optimise(gamma)
api "$TOKEN" "/api/portfolio?sort=step"
expect_names "alpha beta demo-clinical-app gamma " "sort: by step"
api "$TOKEN" "/api/portfolio?sort=step&dir=desc"
expect_names "gamma demo-clinical-app beta alpha " "sort: by step, descending"
# title: "Alpha title"(beta) < "Hospital-wide..."(demo) < "Middle"(gamma) < "Zeta"(alpha)
api "$TOKEN" "/api/portfolio?sort=title"
expect_names "beta demo-clinical-app gamma alpha " "sort: by title"
# coverage desc: beta 0.5, demo 0.21875, then alpha and gamma (none) by name
api "$TOKEN" "/api/portfolio?sort=coverage&dir=desc"
expect_names "beta demo-clinical-app alpha gamma " "sort: by coverage, descending, none last"
# responses desc: demo 149, then three with 0 by name
api "$TOKEN" "/api/portfolio?sort=responses&dir=desc"
expect_names "demo-clinical-app alpha beta gamma " "sort: by responses, ties by name"
# logged desc: demo 3, alpha 1, beta 0, gamma 0
api "$TOKEN" "/api/portfolio?sort=logged&dir=desc"
expect_names "demo-clinical-app alpha beta gamma " "sort: by logged barriers"
# barriers asc: the demo's lowest mean 2.35 first; the rest have none
api "$TOKEN" "/api/portfolio?sort=barriers"
expect_names "demo-clinical-app alpha beta gamma " "sort: by the worst barrier's mean"
api "$TOKEN" "/api/portfolio?sort=name&dir=desc"
expect_names "gamma demo-clinical-app beta alpha " "sort: by name, descending"
api "$ANN" "/api/portfolio?sort=step&dir=desc"
expect_names "demo-clinical-app alpha " "sort: only one's own projects, sorted"
api "$TOKEN" "/api/portfolio?sort=colour"
expect_status 400 "sort: an unknown key is refused"
expect_out "cannot sort by 'colour'" "sort: ... saying which key"
api "$TOKEN" "/api/portfolio?dir=up"
expect_status 400 "sort: an unknown direction is refused"
expect_out "dir: must be asc or desc" "sort: ... naming the field"

# --- the page ---
http GET /portfolio
expect_status 303 "page: needs a login"
login ann ann-password-1
http GET /portfolio
expect_status 200 "page: answers ann"
expect_out '<a href="/portfolio">Portfolio</a>' "page: in the site menu"
expect_out '<a href="/p/alpha">alpha</a>' "page: ann's project alpha"
expect_out '<a href="/p/demo-clinical-app">demo-clinical-app</a>' "page: ann's demo"
expect_no_out 'beta' "page: never a project ann was not given"
expect_no_out 'gamma' "page: ... nor gamma"
expect_out 'aria-sort="ascending"><a href="/portfolio?sort=name&amp;dir=desc">Project' \
	"page: the sorted column says so and links to the other order"
expect_out '<a href="/portfolio?sort=coverage&amp;dir=asc">Coverage' "page: every heading sorts"
expect_out '<td>21.9% live (14 of 64)</td>' "page: the demo's coverage (14/64 = 21.9%)"
expect_out '<td>no registry</td>' "page: alpha has no registry"
expect_out '<td>6 of 6 checkpoints open</td>' "page: the demo's gate"
expect_out '<li>Resourcing and dedicated roles (mean 2.35)</li>' "page: top barriers"
http GET "/portfolio?sort=step&dir=desc"
expect_out 'aria-sort="descending"><a href="/portfolio?sort=step&amp;dir=asc">Phase' \
	"page: sorted by step, descending"
# the demo (implement) comes before alpha (vision)
demo_at=$(grep -n 'href="/p/demo-clinical-app"' "$OUT" | head -1 | cut -d: -f1)
alpha_at=$(grep -n 'href="/p/alpha"' "$OUT" | head -1 | cut -d: -f1)
if [ -n "$demo_at" ] && [ -n "$alpha_at" ] && [ "$demo_at" -lt "$alpha_at" ]; then
	pass "page: rows in the order asked"
else
	fail "page: rows in the order asked" "demo at $demo_at, alpha at $alpha_at"
fi
http GET "/portfolio?sort=nope"
expect_status 400 "page: a bad key answers 400"
expect_out "cannot sort by" "page: ... with the reason"

# --- the command: every project in the store ---
run --db "$DB" portfolio --sort step --dir desc --json
expect_rc 0 "cli: portfolio --json"
names_cli=$(grep -o '"name": *"[^"]*"' "$OUT" | sed 's/.*"\([^"]*\)"$/\1/' | tr '\n' ' ')
if [ "$names_cli" = "gamma demo-clinical-app beta alpha " ]; then
	pass "cli: every project, by step descending"
else
	fail "cli: every project, by step descending" "got '$names_cli'"
fi
run --db "$DB" portfolio
expect_rc 0 "cli: the table"
expect_out "no registry" "cli: a project without registry"
expect_out "50.0% routine-use" "cli: beta's coverage of its last milestone"
expect_out "6 of 6 open" "cli: the demo's gate"
run --db "$DB" portfolio --sort size
expect_rc 2 "cli: an unknown key is a usage error"
expect_err "cannot sort by 'size'" "cli: ... saying which"
run --db "$DB" portfolio --dir sideways
expect_rc 2 "cli: an unknown direction is a usage error"
run --db "$DB" portfolio extra
expect_rc 2 "cli: no operands"

stop_server
expect_rc_server() { [ "$server_rc" = 0 ] && pass "$1" || fail "$1" "exit $server_rc"; }
expect_rc_server "the server stops cleanly"
done_testing
