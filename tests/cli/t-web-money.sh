#!/bin/sh
# t-web-money.sh: the Benefits and Costs pages of 'waymark serve': the
# demo's benefits and break-even, charts with their table views, adding,
# editing, measuring and deleting, bad values refused with nothing kept,
# roles (viewers read, contributors change), the anti-forgery token, and
# the audit log of every change.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

P=/p/demo-clinical-app
start_server
login admin "$ADMIN_PW"
expect_status 303 "the administrator logs in"
TOKEN=$("$WAYMARK" --db "$DB" user token admin)

# last_audit: the newest audit entry, as the API gives it, into $OUT
last_audit() {
	curl -s -o "$OUT" -H "Authorization: Bearer $TOKEN" \
		"$BASE/api/projects/demo-clinical-app/audit?limit=1"
}
# state: the demo's benefits and costs as the CLI sees them
state() {
	{
		"$WAYMARK" --db "$DB" benefit list demo-clinical-app --json
		"$WAYMARK" --db "$DB" cost list demo-clinical-app --json
		"$WAYMARK" --db "$DB" benefit show demo-clinical-app 1 --json
	} 2>/dev/null | cksum
}
unchanged() {
	if [ "$(state)" = "$before" ]; then pass "$1: nothing changed"
	else fail "$1: nothing changed"; fi
}

# --- benefits ---
http GET "$P/benefits"
expect_status 200 "benefits: answers"
expect_out 'aria-current="page">Benefits</a>' "benefits: the tab is current"
expect_out '>Pagers retired</a>' "benefits: the demo's benefits"
# Pagers: 900 to 0; 380 on 2025-06-30 is 520/900 = 58% of the way
expect_out '<td class="num">58%</td>' "benefits: progress of the pagers"
expect_out '<td>behind</td>' "benefits: a status"
expect_out 'Add a benefit' "benefits: the add form for a lead"

csrf_from "$P/benefits"
http POST "$P/benefits" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Discharge letters" --data-urlencode "metric=Letters sent within 24 hours" \
	--data-urlencode "unit=%" --data-urlencode "baseline=60" \
	--data-urlencode "baseline_date=2024-01-01" --data-urlencode "target=95" \
	--data-urlencode "target_date=2025-01-01" --data-urlencode "schedule=monthly" \
	--data-urlencode "cash_releasing=no"
expect_status 303 "benefits: added"
ID=$(sed -n 's/^Location: .*\/benefits\/\([0-9]*\)?done=added.*/\1/p' "$HDR" | tr -d '\r')
[ -n "$ID" ] && pass "benefits: to the new benefit's page" || fail "benefits: to the new benefit's page"
last_audit
expect_out '"action":"add","entity":"benefit:'"$ID"'"' "benefits: the addition audited"

before=$(state)
http POST "$P/benefits" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Bad" --data-urlencode "metric=M" --data-urlencode "unit=u" \
	--data-urlencode "baseline=1" --data-urlencode "baseline_date=2024-05-01" \
	--data-urlencode "target=2" --data-urlencode "target_date=2024-01-01"
expect_status 422 "benefits: a target day before the baseline's, refused"
expect_out 'must come after the baseline' "benefits: the problem said"
unchanged "benefits: a bad benefit"
http POST "$P/benefits" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Discharge letters" --data-urlencode "metric=M" \
	--data-urlencode "unit=u" --data-urlencode "baseline=1" \
	--data-urlencode "baseline_date=2024-01-01" --data-urlencode "target=2" \
	--data-urlencode "target_date=2025-01-01"
expect_status 422 "benefits: a name taken, refused"
expect_out 'of this name already' "benefits: the taken name said"
unchanged "benefits: a name taken"

# 2024-07-01 is 182 of 366 days in: the line expects 50%; 80 is
# (80-60)/(95-60) = 20/35 = 57% of the way: on track
http POST "$P/benefits/$ID/measurements" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "date=2024-07-01" --data-urlencode "value=80" \
	--data-urlencode "note=after go-live"
expect_status 303 "benefit: a measurement recorded"
last_audit
expect_out '"action":"measure","entity":"benefit:'"$ID"'"' "benefit: the measurement audited"
http GET "$P/benefits/$ID?done=measured"
expect_status 200 "benefit: its page"
expect_out 'The measurement is recorded.' "benefit: the notice"
expect_out '57% of the way at the latest measurement; the straight line expects 50%: <strong>on-track</strong>' \
	"benefit: progress by hand"
expect_out '<svg' "benefit: the chart"
expect_out 'id="benefit-chart-desc"' "benefit: the chart's text alternative"
expect_out 'Table view' "benefit: the table view"
expect_out 'Target line' "benefit: the target line"
expect_out 'after go-live' "benefit: the measurement listed"
before=$(state)
http POST "$P/benefits/$ID/measurements" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "date=2999-01-01" --data-urlencode "value=lots"
expect_status 422 "benefit: a future day and a bad value, refused"
expect_out 'after today' "benefit: the day's problem"
expect_out 'value: expected a number' "benefit: the value's problem"
unchanged "benefit: a bad measurement"

http POST "$P/benefits/$ID" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "owner=Head of patient flow" --data-urlencode "cash_releasing=yes"
expect_status 303 "benefit: edited"
last_audit
expect_out '"action":"edit","entity":"benefit:'"$ID"'"' "benefit: the edit audited"
expect_out '"cash_releasing":false' "benefit: the audit has the value before"
run --db "$DB" benefit show demo-clinical-app "$ID" --json
expect_out '"owner": "Head of patient flow"' "benefit: the owner kept"
http GET "$P/benefits/99999"
expect_status 404 "benefit: an unknown one, 404"

# --- costs ---
http GET "$P/costs"
expect_status 200 "costs: answers"
expect_out 'aria-current="page">Costs</a>' "costs: the tab is current"
# the demo's cases worked out in tests/cli/t-money.sh: expected 2028,
# low (costs high, benefits low) never within 2024 to 2030, high (costs
# low, benefits high) 2026
expect_out '<td>2028 (year 5)</td>' "costs: the expected break-even"
expect_out '<td>pessimistic: every cost at its high amount, every benefit at its low</td><td>not within the horizon</td>' "costs: the low case's"
expect_out '<td>optimistic: every cost at its low amount, every benefit at its high</td><td>2026 (year 3)</td>' "costs: the high case's"
expect_out 'The three cases are scenarios' "costs: the cases explained"
expect_out 'break-even, 2028' "costs: the break-even marked on the chart"
expect_out 'id="breakeven-chart-desc"' "costs: the chart's text alternative"
# the demo's expected 2027: cost 305000, benefit 550000, cumulative -5000
expect_out '<tr><th scope="row">2027</th><td class="num">305000</td><td class="num">550000</td><td class="num">245000</td><td class="num">-5000</td></tr>' \
	"costs: a year of the table"
expect_out 'Shared ward devices' "costs: the items"
http GET "$P/costs?case=high"
expect_out 'Cumulative cost and benefit, high case' "costs: the high case"
expect_out 'break-even, 2026' "costs: its break-even"
# high case 2026: cost 140000, benefit 703333, cumulative 287500 (t-money.sh)
expect_out '<tr><th scope="row">2026</th><td class="num">140000</td><td class="num">703333</td><td class="num">563333</td><td class="num">287500</td></tr>' \
	"costs: a year of the high case"
http GET "$P/costs?case=low"
expect_out 'Benefit does not catch up with cost within the horizon' "costs: the low case never breaks even"
expect_no_out 'break-even, 20' "costs: no break-even marked in the low case"
http GET "$P/costs?case=worst"
expect_status 400 "costs: an unknown case, 400"

csrf_from "$P/costs"
http POST "$P/costs" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Tablets for porters" --data-urlencode "flow=cost" \
	--data-urlencode "category=devices" --data-urlencode "kind=one-off" \
	--data-urlencode "start_year=2" --data-urlencode "refresh=4" \
	--data-urlencode "ramp=0" --data-urlencode "expected=20000" \
	--data-urlencode "low=" --data-urlencode "high=25000" --data-urlencode "benefit="
expect_status 303 "costs: an item added"
last_audit
expect_out '"action":"add","entity":"cost:' "costs: the addition audited"
CID=$(sed -n 's/.*"entity":"cost:\([0-9]*\)".*/\1/p' "$OUT")
run --db "$DB" cost list demo-clinical-app --json
expect_out '"low": 20000.0' "costs: an empty low is the expected amount"
expect_out '"refresh": 4' "costs: the refresh kept"
before=$(state)
http POST "$P/costs" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Bad" --data-urlencode "category=c" \
	--data-urlencode "kind=recurring" --data-urlencode "refresh=3" \
	--data-urlencode "expected=5"
expect_status 422 "costs: a refresh on a recurring item, refused"
expect_out 'refresh: only a one-off item' "costs: the problem said"
unchanged "costs: a bad item"
http POST "$P/costs" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "name=Bad" --data-urlencode "category=c" \
	--data-urlencode "expected=5" --data-urlencode "benefit=99999"
expect_status 422 "costs: a benefit of no one, refused"
unchanged "costs: an unknown benefit"

http GET "$P/costs/$CID"
expect_status 200 "cost: the edit page"
expect_out 'value="Tablets for porters"' "cost: its name in the form"
http POST "$P/costs/$CID" --data-urlencode "csrf=$CSRF" --data-urlencode "high=30000"
expect_status 303 "cost: edited"
last_audit
expect_out '"action":"edit","entity":"cost:'"$CID"'"' "cost: the edit audited"
http POST "$P/costs/$CID" --data-urlencode "csrf=$CSRF" --data-urlencode "low=90000"
expect_status 422 "cost: low above expected, refused"
expect_out 'low: 90000 is above expected, 20000' "cost: the problem said"

before=$(state)
http POST "$P/costs/model" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "first_year=2024" --data-urlencode "horizon=31"
expect_status 422 "model: a horizon over 30, refused"
unchanged "model: a bad horizon"
http POST "$P/costs/model" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "first_year=2024" --data-urlencode "horizon=9"
expect_status 303 "model: saved"
last_audit
expect_out '"entity":"cost-model"' "model: the change audited"
expect_out '"horizon":7' "model: the audit has the horizon before"
run --db "$DB" cost model demo-clinical-app
expect_out "horizon 9 years" "model: kept"

http POST "$P/costs/$CID/delete" --data-urlencode "csrf=$CSRF"
expect_status 303 "cost: deleted"
last_audit
expect_out '"action":"delete","entity":"cost:'"$CID"'"' "cost: the deletion audited"
http POST "$P/benefits/$ID/delete" --data-urlencode "csrf=$CSRF"
expect_status 303 "benefit: deleted"
last_audit
expect_out '"action":"delete","entity":"benefit:'"$ID"'"' "benefit: the deletion audited"

# --- the anti-forgery token ---
before=$(state)
http POST "$P/benefits" --data-urlencode "name=Forged" --data-urlencode "metric=M"
expect_status 403 "no anti-forgery token, refused"
http POST "$P/costs/model" --data-urlencode "csrf=forged" \
	--data-urlencode "first_year=2000" --data-urlencode "horizon=2"
expect_status 403 "a forged token, refused"
http POST "$P/benefits/1/measurements" --data-urlencode "csrf=forged" \
	--data-urlencode "date=2024-01-01" --data-urlencode "value=1"
expect_status 403 "a forged token cannot measure"
unchanged "forged requests"

# --- roles ---
add_user vic "viewer-password-1" --display "Vic Viewer"
"$WAYMARK" --db "$DB" user grant vic demo-clinical-app viewer >/dev/null
add_user cat "contrib-password-1" --display "Cat Contributor"
"$WAYMARK" --db "$DB" user grant cat demo-clinical-app contributor >/dev/null
keep=$JAR
JAR="$TMP/vjar"
login vic "viewer-password-1"
http GET "$P/benefits"
expect_status 200 "viewer: sees the benefits"
expect_no_out 'Add a benefit' "viewer: no add form"
http GET "$P/benefits/1"
expect_status 200 "viewer: sees a benefit"
expect_no_out 'Record a measurement' "viewer: no measurement form"
http GET "$P/costs"
expect_status 200 "viewer: sees the costs"
expect_no_out 'Add a cost or benefit' "viewer: no add form for costs"
expect_no_out 'aria-label="Edit' "viewer: no edit links"
csrf_from "$P/costs"
before=$(state)
http POST "$P/benefits/1/measurements" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "date=2024-01-01" --data-urlencode "value=1"
expect_status 403 "viewer: cannot measure"
http POST "$P/costs" --data-urlencode "csrf=$CSRF" --data-urlencode "name=X" \
	--data-urlencode "category=c" --data-urlencode "expected=1"
expect_status 403 "viewer: cannot add a cost"
http GET "$P/costs/1"
expect_status 403 "viewer: cannot open a cost's edit page"
unchanged "viewer"
JAR="$TMP/cjar"
login cat "contrib-password-1"
csrf_from "$P/benefits/1"
expect_out 'Record a measurement' "contributor: the measurement form"
http POST "$P/benefits/1/measurements" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "date=2025-08-01" --data-urlencode "value=30"
expect_status 303 "contributor: measures"
last_audit
expect_out '"who":"cat"' "contributor: the audit names who"
JAR=$keep

# --- the API: roles, the anti-forgery header, bad input ---
A=/api/projects/demo-clinical-app
J='Content-Type: application/json'
VTOKEN=$("$WAYMARK" --db "$DB" user token vic)
# api TOKEN METHOD PATH [CURL ARGS...]
api() {
	t=$1 m=$2 p=$3
	shift 3
	status=$(curl -s -X "$m" -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer $t" "$@" "$BASE$p")
}
api "$VTOKEN" GET "$A/benefits"
expect_status 200 "API: a viewer reads the benefits"
api "$VTOKEN" GET "$A/breakeven?case=low"
expect_status 200 "API: a viewer reads the break-even"
expect_out '"breakeven_year":null' "API: the low case never breaks even"
# the horizon is 9 years now: the low case's 7 years (2655000 of cost,
# cumulative net -820000 in 2030, t-money.sh) and two more at cost
# 205000 and benefit 315000: 2655000 + 2 * 205000 = 3065000, and
# -820000 + 2 * 110000 = -600000, still short
expect_out '"total_cost":3065000.0' "API: the low case's costs at their high amounts"
expect_out '"year":2032,"programme_year":9,"cost":205000.0,"benefit":315000.0,"net":110000.0,"cumulative_cost":3065000.0,"cumulative_benefit":2465000.0,"cumulative_net":-600000.0' "API: the low case's last year"
expect_no_out '"expected":{' "API: only the case asked"
before=$(state)
api "$VTOKEN" POST "$A/benefits/1/measurements" -H "$J" \
	--data-binary '{"date": "2024-01-01", "value": 1}'
expect_status 403 "API: a viewer cannot measure"
api "$VTOKEN" POST "$A/costs" -H "$J" \
	--data-binary '{"name": "X", "category": "c", "expected": 1}'
expect_status 403 "API: a viewer cannot add a cost"
http POST "$A/costs" -H "$J" --data-binary '{"name": "X", "category": "c", "expected": 1}'
expect_status 403 "API: a session without X-CSRF-Token, refused"
expect_out '"code":"csrf"' "API: the csrf code"
api "$TOKEN" POST "$A/costs" -H "$J" --data-binary '{"name": "X", "category": "c"}'
expect_status 422 "API: a cost without expected"
expect_out 'expected: required' "API: the missing key named"
api "$TOKEN" POST "$A/costs" -H "$J" \
	--data-binary '{"name": "X", "category": "c", "expected": 1, "colour": "red"}'
expect_status 422 "API: an unknown key"
expect_out 'colour: not a field of a cost item' "API: the unknown key named"
api "$TOKEN" POST "$A/costs" -H "$J" \
	--data-binary '{"name": "X", "category": "c", "expected": 1, "benefit": "Nope"}'
expect_status 422 "API: an unknown benefit"
api "$TOKEN" POST "$A/costs" -H "$J" \
	--data-binary '{"name": "App licences", "category": "c", "expected": 1}'
expect_status 409 "API: a cost item's name taken"
api "$TOKEN" POST "$A/benefits" -H "$J" --data-binary '{"name": "Y", "metric": "m"}'
expect_status 422 "API: a benefit without its baseline and target"
expect_out 'baseline_date: required' "API: the missing keys named"
api "$TOKEN" POST "$A/benefits" -H "$J" --data-binary '[1, 2]'
expect_status 400 "API: not an object"
api "$TOKEN" POST "$A/benefits/99999/measurements" -H "$J" \
	--data-binary '{"date": "2024-01-01", "value": 1}'
expect_status 404 "API: measuring no benefit, 404"
api "$TOKEN" POST "$A/benefits/1/measurements" -H "$J" \
	--data-binary '{"date": "2024-01-01", "value": {"a": 1}, "when": 3}'
expect_status 422 "API: a value that is an object, an unknown key"
expect_out 'value: expected a string or a number' "API: the value's problem"
expect_out 'when: not a field of a measurement' "API: the key's problem"
unchanged "API: refused requests"
api "$TOKEN" GET "$A/breakeven?case=worst"
expect_status 400 "API: an unknown case, 400"
"$WAYMARK" --db "$DB" project new no-model >/dev/null 2>&1
api "$TOKEN" GET /api/projects/no-model/breakeven
expect_status 404 "API: no cost model, 404"
api "$TOKEN" GET /api/projects/no-model/costs
expect_out '"model":null' "API: costs without a model"

stop_server
if [ "$server_rc" = 0 ]; then pass "the server stops cleanly"
else fail "the server stops cleanly" "exit $server_rc: $(grep -v '^waymark serve: GET' "$TMP/serve.err" | head -30)"; fi
done_testing
