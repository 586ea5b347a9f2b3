#!/bin/sh
# t-web-analysis.sh: the analysis pages of 'waymark serve': the dashboard
# (charts, suppression of small groups, rounds), the road map and ticking
# the gate's checkpoints, and the evidence pages (search, elements,
# crosswalk, determinants).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

P=/p/demo-clinical-app
CP=nhsd-mobile-toolkit.checkpoint.implement-staff-trained
start_server
login admin "$ADMIN_PW"
expect_status 303 "the administrator logs in"

# as JAR_FILE CMD...: run CMD with another session's cookie jar
as() {
	keep=$JAR
	JAR=$1
	shift
	"$@"
	JAR=$keep
}
# gate_json: the demo's gate as the CLI sees it, into $OUT
gate_json() { run --db "$DB" gate demo-clinical-app --json; }
# section START END: the part of $OUT from the line with START to the
# line with END, into $OUT (the whole page is kept in $TMP/page)
section() {
	cp "$OUT" "$TMP/page"
	awk -v s="$1" -v e="$2" 'index($0, s) { on = 1 } on { print }
		on && index($0, e) { exit }' "$TMP/page" >"$OUT"
}

# --- dashboard ---
http GET "$P/dashboard"
expect_status 200 "dashboard: answers"
cp "$OUT" "$TMP/latest"
expect_out 'Round 2: 149 respondents' "dashboard: the latest round by default"
expect_out '<svg' "dashboard: a chart"
expect_out 'role="img"' "dashboard: charts are images to assistive technology"
expect_out '<desc id="scores-desc">Mean score of each of' "dashboard: the scores chart says what it shows"
expect_out 'Barriers: Resourcing and dedicated roles 2.35' "dashboard: the text alternative names the barriers"
expect_out 'Resourcing and dedicated roles' "dashboard: determinant titles"
expect_out 'Leadership and governance' "dashboard: an enabler's title"
expect_out '<details class="table-view"><summary>Table view</summary>' "dashboard: a table view"
expect_out 'id="scores-table"' "dashboard: the scores as a table"
expect_out 'href="/evidence/resourcing"' "dashboard: a determinant links to its evidence"
expect_out 'mean 2.35 (95% interval 2.26 to 2.45), 149 respondents' \
	"dashboard: a barrier in words with its interval"
expect_out 'up 0.30 since round 1' "dashboard: the change of a barrier in words"
expect_out 'Information governance 4.60 (<span class="tag tag-enabler">enabler</span>)' \
	"dashboard: an ambivalence names the groups that disagree"
expect_out 'hold the change back' "dashboard: what a barrier means"
expect_out '<select id="f-round" name="round"' "dashboard: a round selector"
expect_out '<option value="1">Round 1 (126 responses)</option>' "dashboard: rounds listed with counts"
expect_out '1 group had fewer than 5 respondents' "dashboard: the hidden group is counted"
expect_out 'id="groups"' "dashboard: a heat map of the groups"
expect_out 'id="change"' "dashboard: a change chart with two rounds"
expect_out '<desc id="change-desc">Mean score of 19 determinants in round 1 and round 2.' \
	"dashboard: the change chart's text alternative"
expect_out 'id="change-table"' "dashboard: the change as a table"

# the supplier group (4 respondents, threshold 5) never appears: as in the CLI
run --db "$DB" assess show demo-clinical-app --json
expect_out '"groups_hidden": 1' "CLI: one group is hidden"
expect_no_out '"supplier"' "CLI: the supplier group never appears"
cp "$TMP/latest" "$OUT"
expect_no_word 'Supplier' "dashboard: the supplier group is never named"
expect_no_word 'supplier' "dashboard: nor its id"
section 'id="groups"' 'id="groups-table"'
expect_out '<title id="groups-title">' "heat map: found"
expect_out 'Nursing' "heat map: a shown group"
expect_out 'Information governance' "heat map: a small but shown group"
expect_no_word 'Supplier' "heat map: no supplier row"
cp "$TMP/page" "$OUT"
section '<table class="chart-table chart-heatmap"' '</table>'
expect_out '<th scope="row">Nursing</th>' "heat map table: a shown group's row"
expect_out 'suppressed' "heat map table: suppressed cells say so"
expect_no_word 'Supplier' "heat map table: no supplier row"
rows=$(grep -o '<th scope="row">' "$OUT" | wc -l)
if [ "$rows" -eq 8 ]; then pass "heat map table: the 8 groups the CLI shows"
else fail "heat map table: the 8 groups the CLI shows" "$rows rows"; fi

http GET "$P/dashboard?round=1"
expect_status 200 "dashboard round 1: answers"
expect_out 'Round 1: 126 respondents' "dashboard round 1: its count"
expect_out '<option value="1" selected>' "dashboard round 1: selected in the form"
expect_no_out 'id="change"' "dashboard round 1: no change chart without an earlier round"
if cmp -s "$OUT" "$TMP/latest"; then fail "dashboard: round 1 differs from the latest"
else pass "dashboard: round 1 differs from the latest"; fi
http GET "$P/dashboard?round=2"
expect_status 200 "dashboard round 2: answers"
if cmp -s "$OUT" "$TMP/latest"; then pass "dashboard: round 2 is the latest"
else fail "dashboard: round 2 is the latest"; fi

http GET "$P/dashboard?round=abc"
expect_status 400 "dashboard: a round that is not a number is refused"
expect_out "round: expected a round number such as 1 or 2, got &#39;abc&#39;" \
	"dashboard: says what was wrong"
http GET "$P/dashboard?round=0"
expect_status 400 "dashboard: round 0 is refused"
http GET "$P/dashboard?round=-1"
expect_status 400 "dashboard: a negative round is refused"
http GET "$P/dashboard?round=99"
expect_status 404 "dashboard: a round without responses"
expect_out 'round 99 of this project has no responses' "dashboard: says which round"
http GET "$P/dashboard?round=%3Cscript%3E"
expect_status 400 "dashboard: a round with markup is refused"
expect_out '&lt;script&gt;' "dashboard: the bad round comes back escaped"
expect_no_out '<script>' "dashboard: no markup from the query"

run --db "$DB" project new empty-one --title "<script>alert(1)</script> Empty" \
	--settings 3 --step vision
expect_rc 0 "a project without responses"
http GET /p/empty-one/dashboard
expect_status 200 "dashboard without responses: answers"
expect_out 'No survey responses yet' "dashboard without responses: says so"
expect_out 'href="/p/empty-one/links">Survey links</a>' "dashboard without responses: links to survey links"
expect_no_out '<svg' "dashboard without responses: no empty charts"
expect_out '&lt;script&gt;alert(1)&lt;/script&gt; Empty' "dashboard: the project's title escaped"
expect_no_out '<script>alert' "dashboard: no markup from the title"

# --- road map ---
http GET "$P/roadmap"
expect_status 200 "road map: answers"
expect_out 'matched to the assessment of round 2' "road map: from the latest round"
expect_out 'Map every setting that must join and the tools each already uses' "road map: an action"
expect_out 'Owner: project manager; score 3.25' "road map: its owner and score"
expect_out 'Why: condition: 20 or more settings must take part' "road map: why it is there"
expect_out 'Source: <a href="/evidence/epaccs-2024.' "road map: its sources link to the evidence"
expect_out 'Why: barrier: Resourcing and dedicated roles (mean 2.35 of 5)' "road map: a barrier as a reason"
expect_out '<h3 class="phase">Analyse phase</h3>' "road map: phases"
expect_out '<h4 class="step">Step: ' "road map: steps"
expect_out 'Rollout: phased' "road map: rollout advice"
expect_out 'href="/evidence/kingsfund-2018.rollout-factor.risk"' "road map: rollout factors link to the evidence"
expect_out "Gate out of step" "road map: the gate of the current step"
expect_out "name=\"checkpoint\" value=\"$CP\"" "road map: a checkpoint form for a lead"
expect_out 'type="checkbox" id="cp-1-done" name="done" value="1">' "road map: the checkpoint as an unticked box"
expect_out 'Not ready' "road map: the gate is not ready"
n_actions=$(grep -c '^<li><h5>' "$OUT")
run --db "$DB" roadmap demo-clinical-app --json
n_cli=$(grep -c '"owner":' "$OUT")
if [ "$n_actions" -eq "$n_cli" ] && [ "$n_cli" -gt 10 ]; then
	pass "road map: the CLI's $n_cli actions"
else
	fail "road map: the CLI's actions" "page $n_actions, CLI $n_cli"
fi

http GET /p/empty-one/roadmap
expect_status 200 "road map without responses: answers"
expect_out 'No survey responses yet' "road map without responses: says so"
expect_out '<li><h5>' "road map without responses: still lists actions"
expect_out 'Why: unknown: ' "road map without responses: determinants are unknown"

# tick a checkpoint
gate_json
cp "$OUT" "$TMP/gate0"
expect_out "\"id\": \"$CP\"" "gate: the checkpoint is in the current step"
csrf_from "$P/roadmap"
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" --data-urlencode "checkpoint=$CP" \
	--data-urlencode "done=1" --data-urlencode "note=<script>alert(2)</script> all wards"
expect_status 303 "tick: accepted"
expect_header "Location: /p/demo-clinical-app/roadmap?done=ticked#gate" "tick: back to the road map"
run --db "$DB" gate demo-clinical-app
expect_out "[x] Staff trained" "tick: kept (the CLI sees it)"
gate_json
expect_out '"by": "admin"' "tick: kept with who ticked it"
expect_out '"note": "<script>alert(2)</script> all wards"' "tick: kept with its note"
http GET "$P/roadmap?done=ticked"
expect_out 'The checkpoint is marked done.' "tick: a notice"
expect_out 'type="checkbox" id="cp-1-done" name="done" value="1" checked>' "tick: the box is ticked"
expect_out 'Done by admin' "tick: who did it"
expect_out '&lt;script&gt;alert(2)&lt;/script&gt; all wards' "tick: the note comes back escaped"
expect_no_out '<script>alert' "tick: no markup from the note"
http GET "/api/projects/demo-clinical-app/audit"
if [ "$status" = 200 ]; then
	expect_out "\"entity\":\"checkpoint:$CP\"" "tick: in the audit log"
	expect_out '"action":"done"' "tick: audited as done"
else
	skip "tick: in the audit log (the audit API answered $status)"
	skip "tick: audited as done"
fi

# untick it
csrf_from "$P/roadmap"
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" --data-urlencode "checkpoint=$CP" \
	--data-urlencode "done=0"
expect_status 303 "untick: accepted"
expect_header "Location: /p/demo-clinical-app/roadmap?done=unticked#gate" "untick: back to the road map"
gate_json
if cmp -s "$OUT" "$TMP/gate0"; then pass "untick: the gate is as before"
else fail "untick: the gate is as before"; fi
http GET "/api/projects/demo-clinical-app/audit"
if [ "$status" = 200 ]; then
	expect_out '"action":"undone"' "untick: audited as undone"
else
	skip "untick: audited as undone (the audit API answered $status)"
fi
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" --data-urlencode "checkpoint=$CP" \
	--data-urlencode "done=0"
expect_status 303 "untick again: nothing to do"
expect_header "done=unchanged" "untick again: says nothing changed"

# bad input: each refused, nothing changed
http GET "/api/projects/demo-clinical-app/audit"
cp "$OUT" "$TMP/audit0"
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" --data-urlencode "checkpoint=nope" \
	--data-urlencode "done=1"
expect_status 422 "bad: an unknown checkpoint"
expect_out "there is no checkpoint &#39;nope&#39;" "bad: says which"
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "checkpoint=streams-2022.barrier.byod-mdm" --data-urlencode "done=1"
expect_status 422 "bad: an element that is not a checkpoint"
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" --data-urlencode "done=1"
expect_status 422 "bad: no checkpoint at all"
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "checkpoint=<script>x</script>" --data-urlencode "done=1"
expect_status 422 "bad: markup as a checkpoint"
expect_no_out '<script>x' "bad: the id comes back escaped"
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" --data-urlencode "checkpoint=$CP" \
	--data-urlencode "done=yes"
expect_status 422 "bad: done neither 1 nor 0"
expect_out 'done: expected 1 (done) or 0 (not done)' "bad: says what done takes"
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" --data-urlencode "checkpoint=$CP" \
	--data-urlencode "done=1" --data-urlencode "note=$(printf 'a\001b <b>typed</b>')"
expect_status 422 "bad: a note with a control character"
expect_out 'class="error" id="cp-1-err">note: ' "bad: the note's problem beside it"
expect_out 'value="a' "bad: the note typed is shown again"
expect_out '&lt;b&gt;typed&lt;/b&gt;' "bad: ... escaped"
long=$(awk 'BEGIN { while (i++ < 2001) printf "x" }')
http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" --data-urlencode "checkpoint=$CP" \
	--data-urlencode "done=1" --data-urlencode "note=$long"
expect_status 422 "bad: a note too long"
http POST "$P/checkpoints" --data-urlencode "checkpoint=$CP" --data-urlencode "done=1"
expect_status 403 "bad: a form without its token"
gate_json
if cmp -s "$OUT" "$TMP/gate0"; then pass "bad: nothing changed in the gate"
else fail "bad: nothing changed in the gate"; fi
http GET "/api/projects/demo-clinical-app/audit"
if cmp -s "$OUT" "$TMP/audit0"; then pass "bad: nothing added to the audit log"
else fail "bad: nothing added to the audit log"; fi

# viewers look, strangers see nothing
add_user vera "viewer-password-1"
"$WAYMARK" --db "$DB" user grant vera demo-clinical-app viewer >/dev/null
add_user sam "stranger-password-1"
as "$TMP/jar-vera" login vera "viewer-password-1"
expect_status 303 "a viewer logs in"
as "$TMP/jar-vera" http GET "$P/roadmap"
expect_status 200 "viewer: sees the road map"
expect_no_out 'name="checkpoint"' "viewer: no checkpoint forms"
expect_out '(not done)' "viewer: the checklist read-only"
as "$TMP/jar-vera" http GET "$P/dashboard"
expect_status 200 "viewer: sees the dashboard"
expect_no_out 'href="/p/demo-clinical-app/links"' "viewer: no link to survey links"
as "$TMP/jar-vera" csrf_from /projects
as "$TMP/jar-vera" http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "checkpoint=$CP" --data-urlencode "done=1"
expect_status 403 "viewer: may not tick"
as "$TMP/jar-sam" login sam "stranger-password-1"
expect_status 303 "a stranger logs in"
as "$TMP/jar-sam" http GET "$P/dashboard"
expect_status 404 "stranger: no dashboard"
as "$TMP/jar-sam" http GET "$P/roadmap"
expect_status 404 "stranger: no road map"
as "$TMP/jar-sam" csrf_from /projects
as "$TMP/jar-sam" http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "checkpoint=$CP" --data-urlencode "done=1"
expect_status 404 "stranger: may not tick"
gate_json
if cmp -s "$OUT" "$TMP/gate0"; then pass "viewer and stranger: nothing changed"
else fail "viewer and stranger: nothing changed"; fi
add_user cora "contrib-password-1"
"$WAYMARK" --db "$DB" user grant cora demo-clinical-app contributor >/dev/null
as "$TMP/jar-cora" login cora "contrib-password-1"
as "$TMP/jar-cora" csrf_from "$P/roadmap"
expect_out 'name="checkpoint"' "contributor: sees the checkpoint forms"
as "$TMP/jar-cora" http POST "$P/checkpoints" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "checkpoint=nhsd-mobile-toolkit.checkpoint.implement-configured-tested" \
	--data-urlencode "done=1"
expect_status 303 "contributor: may tick"
run --db "$DB" gate demo-clinical-app
expect_out "[x] Solution configured and tested" "contributor: the tick is kept"
gate_json
expect_out '"by": "cora"' "contributor: with who ticked it"
as "$TMP/jar-sam" http GET "/evidence?q=BYOD"
expect_status 200 "stranger: the evidence is for everyone logged in"
as "$TMP/jar-nobody" http GET /evidence
expect_status 303 "evidence: needs a login"

# --- evidence ---
http GET /evidence
expect_status 200 "evidence: answers"
expect_out 'href="/evidence?framework=streams-2022"' "evidence: lists the frameworks"
expect_out 'href="/evidence/leadership">Leadership and governance</a>' "evidence: lists the determinants"
expect_out '<th scope="col" class="num">kingsfund-2018</th>' "evidence: the crosswalk by framework"
expect_out 'type="search"' "evidence: a search box"

http GET "/evidence?q=BYOD"
expect_status 200 "search: answers"
expect_out 'href="/evidence/streams-2022.barrier.byod-mdm">BYOD policy and MDM</a>' \
	"search: BYOD finds the Streams barrier"
expect_out 'Matched: byod' "search: says what matched"
expect_out '<span class="tag">Barrier</span>' "search: the kind"

http GET "/evidence?q=%3Cscript%3Ealert(3)%3C/script%3E"
expect_status 200 "search for markup: answers"
expect_out '&lt;script&gt;alert(3)&lt;/script&gt;' "search for markup: comes back escaped"
expect_no_out '<script>alert' "search for markup: no markup"
http GET "/evidence?q=zzzqqq"
expect_out 'Nothing in the evidence matches' "search: nothing found says so"
http GET "/evidence?q=%01"
expect_status 400 "search: a control character is refused"
expect_out 'class="error"' "search: says why"

http GET /evidence/streams-2022.barrier.byod-mdm
expect_status 200 "element: answers"
expect_out '<h1>BYOD policy and MDM</h1>' "element: its title"
expect_out 'JMIR mHealth uHealth' "element: its citation"
expect_out 'href="/evidence/devices-security"' "element: its determinants"
expect_out 'What other frameworks say' "element: the crosswalk"
expect_out 'href="/evidence/nhsd-mobile-toolkit.success-factor.ig-safety-security"' \
	"element: an element of another framework"
expect_out '<details class="more"><summary>' "element: the rest behind details"
http GET /evidence/nope
expect_status 404 "element: an unknown id"
http GET "/evidence/%3Cscript%3E"
expect_status 404 "element: markup as an id"
expect_no_out '<script>' "element: the id comes back escaped"

http GET /evidence/devices-security
expect_status 200 "determinant: answers"
expect_out '<h1>Devices and security policy</h1>' "determinant: its title"
expect_out 'Survey statements' "determinant: its survey statements"
expect_out 'href="/evidence/streams-2022.barrier.byod-mdm"' "determinant: the elements linked to it"
http GET "/evidence?framework=streams-2022"
expect_status 200 "framework: answers"
expect_out 'href="/evidence/streams-2022.barrier.byod-mdm"' "framework: its elements"
http GET "/evidence?framework=nope"
expect_status 404 "framework: an unknown one"

stop_server
if [ "$server_rc" -eq 0 ] && ! grep -q 'Sanitizer' "$TMP/serve.err"; then
	pass "the server stops cleanly, with no memory errors"
else
	fail "the server stops cleanly, with no memory errors" "exit $server_rc"
	grep -A12 'Sanitizer' "$TMP/serve.err" | sed 's/^/#   /' | head -40
fi
done_testing
