#!/bin/sh
# t-money.sh: benefits, the cost model and break-even through the real
# binary: a model worked out by hand (one case never breaks even, a
# device refresh inside the horizon, a ramped benefit), and every kind
# of bad input stopping with its place, the field named, and nothing
# changed.
. tests/cli/lib.sh

export WAYMARK_DB="$(db w)"

# state: what the database holds of the project, as waymark reports it
state() {
	{
		"$WAYMARK" cost list m1 --json
		"$WAYMARK" benefit list m1 --json
		"$WAYMARK" benefit show m1 Waits --json
	} 2>/dev/null | cksum
}
unchanged() {
	if [ "$(state)" = "$before" ]; then pass "$1: nothing changed"
	else fail "$1: nothing changed"; fi
}
# bad CMD NAME ARGS...: exit 3 and nothing changed
bad() {
	what=$1
	shift
	before=$(state)
	run "$@"
	expect_rc 3 "$what: exit 3"
	unchanged "$what"
}
# bad_import KIND FILE WHERE FIELD NAME: exit 3, position and field named
bad_import() {
	before=$(state)
	run "$1" import m1 "$2"
	expect_rc 3 "$5: exit 3"
	expect_err "$2:$3: $4" "$5: reported at $3 with the field"
	expect_err "nothing was imported" "$5: says nothing was imported"
	unchanged "$5"
}
# row TEXT: the breakeven output has a line whose words are TEXT
row() {
	if tr -s ' ' <"$OUT" | grep -qx -- "$1"; then pass "row: $1"
	else fail "row: $1" "no such row"; fi
}

run project new m1
expect_rc 0 "a project for the cost model"

# --- the cost model, by hand ---

run breakeven m1
expect_rc 4 "breakeven without a model: exit 4"
expect_err "has no cost model" "breakeven without a model explained"
run cost model m1 --first-year 2024
expect_rc 2 "a new model needs both options"
run cost model m1 --first-year 2024 --horizon 31
expect_rc 3 "horizon over 30: exit 3"
expect_err "horizon: expected a whole number of years from 1 to 30" "horizon explained"
run cost model m1 --first-year 20x4 --horizon 6
expect_rc 3 "a bad first year: exit 3"
run cost model m1 --first-year 2024 --horizon 6
expect_rc 0 "cost model set"
expect_out "2024 to 2029" "the model's years"
run cost model m1
expect_out "first year 2024, horizon 6 years" "the model shown"

run cost add m1 --name Tablets --category devices --refresh 3 --low 80 --expected 100 --high 120
expect_rc 0 "a device cost on a 3-year refresh"
printf 'name,flow,category,kind,start_year,expected,low,high,ramp\nLicence,cost,licences,recurring,1,30,20,40,0\nSaving,benefit,savings,recurring,2,100,60,200,2\n' >"$TMP/items.csv"
run cost import m1 "$TMP/items.csv"
expect_rc 0 "cost import"
expect_out "imported 2 cost items" "import counted"

# Horizon 6 from 2024: Tablets 100 in years 1 and 4 (refresh 3; 7 is
# past the horizon), Licence 30 a year, Saving 100 a year from year 2
# at half in its first year (ramp 2).
# expected: year cost benefit net  cum cost cum benefit cum net
#           1    130   0     -130  130      0           -130
#           2     30  50      20   160     50           -110
#           3     30 100      70   190    150            -40
#           4    130 100     -30   320    250            -70
#           5     30 100      70   350    350              0  break-even
#           6     30 100      70   380    450             70
# The cases are scenarios: low takes costs high and benefits low, high
# takes costs low and benefits high.
# low (Tablets 120, Licence 40, Saving 60):
#           1    160   0     -160  160      0           -160
#           2     40  30     -10   200     30           -170
#           3     40  60      20   240     90           -150
#           4    160  60    -100   400    150           -250
#           5     40  60      20   440    210           -230
#           6     40  60      20   480    270           -210  never
# high (Tablets 80, Licence 20, Saving 200):
#           1    100   0    -100   100      0           -100
#           2     20 100      80   120    100            -20
#           3     20 200     180   140    300            160  break-even
#           4    100 200     100   240    500            260
#           5     20 200     180   260    700            440
#           6     20 200     180   280    900            620
run breakeven m1
expect_rc 0 "breakeven"
expect_out "expected case: breaks even in 2028 (year 5 of 6)" "expected: year 5"
expect_out "low case: does not break even by 2029" "low: never within the horizon"
expect_out "high case: breaks even in 2026 (year 3 of 6)" "high: year 3"
row "2024 1 130 0 -130 130 0 -130"
row "2025 2 30 50 20 160 50 -110"
row "2027 4 130 100 -30 320 250 -70"
row "2028 5 30 100 70 350 350 0"
row "2029 6 30 100 70 380 450 70"
# totals by category, low / expected / high case: devices 120 * 2 = 240,
# 100 * 2 = 200, 80 * 2 = 160; licences 40 * 6 = 240, 30 * 6 = 180,
# 20 * 6 = 120; savings 60 * (0.5 + 4) = 270, 100 * 4.5 = 450,
# 200 * 4.5 = 900
row "cost devices 240 200 160"
row "cost licences 240 180 120"
row "benefit savings 270 450 900"
run breakeven m1 --case high
expect_no_out "expected case" "--case shows one case"
row "2024 1 100 0 -100 100 0 -100"
row "2026 3 20 200 180 140 300 160"
row "2029 6 20 200 180 280 900 620"
run breakeven m1 --case low
expect_out "low case: does not break even by 2029" "--case low: never"
row "2024 1 160 0 -160 160 0 -160"
row "2025 2 40 30 -10 200 30 -170"
row "2027 4 160 60 -100 400 150 -250"
row "2029 6 40 60 20 480 270 -210"
run breakeven m1 --case worst
expect_rc 2 "--case worst: usage error"
run breakeven m1 --json
expect_out '"breakeven_year": 2028' "JSON: expected break-even year"
expect_out '"breakeven": null' "JSON: low never breaks even"
expect_out '"cumulative_net": -70.0' "JSON: the dip after the refresh"
expect_out '"cumulative_net": -250.0' "JSON: the low case's dip"
expect_out '"breakeven_year": 2026' "JSON: high break-even year"
run breakeven m1 --case low --json
expect_no_out '"expected": {' "JSON --case keeps one case"

run cost list m1
expect_out "Tablets" "cost list"
row "Tablets cost devices one-off 1- 3 0 80.00 100.00 120.00 -"
run cost list m1 --json
expect_out '"refresh": 3' "cost list JSON: refresh"
expect_out '"end_year": null' "cost list JSON: no end year"
expect_out '"first_year": 2024' "cost list JSON: the model"

# an end year stops the second purchase: expected year 4 is 30 alone
run cost edit m1 Tablets --end-year 3
expect_rc 0 "cost edit"
run breakeven m1 --case expected
row "2027 4 30 100 70 220 250 30"
run cost edit m1 Tablets --end-year none
expect_rc 0 "end year cleared"
run breakeven m1 --case expected
row "2027 4 130 100 -30 320 250 -70"

# --- bad cost items ---
bad "flow gain" cost add m1 --name X --category c --expected 1 --flow gain
expect_err "flow: 'gain' is not allowed; use cost or benefit" "flow explained"
bad "refresh on a recurring item" cost add m1 --name X --category c --expected 1 --kind recurring --refresh 3
expect_err "refresh: only a one-off item" "refresh explained"
bad "ramp on a one-off" cost add m1 --name X --category c --expected 1 --ramp 2
expect_err "ramp: only a recurring item" "ramp explained"
bad "low above expected" cost add m1 --name X --category c --expected 1 --low 2
expect_err "low: 2 is above expected, 1" "low explained"
bad "end before start" cost add m1 --name X --category c --expected 1 --start-year 3 --end-year 2
expect_err "end_year: 2 comes before start_year 3" "end year explained"
bad "a number with an exponent" cost add m1 --name X --category c --expected 1e5
expect_err "expected: expected a number" "number explained"
bad "a name taken" cost add m1 --name Tablets --category c --expected 1
expect_err "name: project 'm1' has a cost item 'Tablets' already" "taken name explained"
bad "an unknown benefit" cost add m1 --name X --category c --expected 1 --benefit Nope
expect_err "benefit: project 'm1' has no benefit 'Nope'" "unknown benefit explained"
run cost add m1 --name X --category c
expect_rc 2 "cost add without --expected: usage error"
run cost edit m1 Nope --expected 3
expect_rc 4 "cost edit of an unknown item: exit 4"

H='name,flow,category,kind,start_year,expected,low,high,refresh,ramp,end_year,benefit'
printf '%s\nA,gain,c,one-off,1,5,5,5,,,,\n' "$H" >"$TMP/c1.csv"
bad_import cost "$TMP/c1.csv" 2:3 "flow: 'gain'" "cost import: bad flow"
printf '%s\nA,cost,c,monthly,1,5,5,5,,,,\n' "$H" >"$TMP/c2.csv"
bad_import cost "$TMP/c2.csv" 2:10 "kind: 'monthly'" "cost import: bad kind"
printf '%s\nA,cost,c,one-off,0,5,5,5,,,,\n' "$H" >"$TMP/c3.csv"
bad_import cost "$TMP/c3.csv" 2:18 "start_year: expected a whole number" "cost import: start year 0"
printf '%s\nA,cost,c,one-off,1,5,5,5,,,,,\n' "$H" >"$TMP/c4.csv"
bad_import cost "$TMP/c4.csv" 2:1 "expected 12 fields" "cost import: a field too many"
printf '%s\nA,cost,c,one-off,1,5,6,7,,,,\n' "$H" >"$TMP/c5.csv"
bad_import cost "$TMP/c5.csv" 2:22 "low: 6 is above expected" "cost import: low above expected"
printf '%s\nA,cost,c,recurring,1,5,5,5,2,,,\n' "$H" >"$TMP/c6.csv"
bad_import cost "$TMP/c6.csv" 2:28 "refresh: only a one-off" "cost import: refresh on a recurring item"
printf '%s\nA,cost,c,one-off,3,5,5,5,,,2,\n' "$H" >"$TMP/c7.csv"
bad_import cost "$TMP/c7.csv" 2:28 "end_year: 2 comes before" "cost import: end before start"
printf '%s\nA,cost,c,one-off,1,5,5,5,,,,Nope\n' "$H" >"$TMP/c8.csv"
bad_import cost "$TMP/c8.csv" 2:29 "benefit: the project has no benefit 'Nope'" "cost import: unknown benefit"
printf '%s\nTablets,cost,c,one-off,1,5,5,5,,,,\n' "$H" >"$TMP/c9.csv"
bad_import cost "$TMP/c9.csv" 2:1 "name: the project has a cost item 'Tablets'" "cost import: a name taken"
printf '%s\nA,cost,c,one-off,1,5,5,5,,,,\nA,cost,c,one-off,1,5,5,5,,,,\n' "$H" >"$TMP/c10.csv"
bad_import cost "$TMP/c10.csv" 3:1 "name: 'A' is given already on line 2" "cost import: a name twice"
printf '%s\nA,cost,c,one-off,1,5.,5,5,,,,\n' "$H" >"$TMP/c11.csv"
bad_import cost "$TMP/c11.csv" 2:20 "expected: expected a number" "cost import: a bad amount"
printf 'name,flow,category,kind,start_year\nA,cost,c,one-off,1\n' >"$TMP/c12.csv"
bad_import cost "$TMP/c12.csv" 1:1 "" "cost import: no expected column"
expect_err "expected" "cost import: the missing column named"
printf 'name,flow,category,kind,start_year,expected,colour\nA,cost,c,one-off,1,5,red\n' >"$TMP/c13.csv"
bad_import cost "$TMP/c13.csv" 1:45 "" "cost import: an unknown column"
printf '%s\nA,cost,"c,one-off,1,5,5,5,,,,\n' "$H" >"$TMP/c14.csv"
bad_import cost "$TMP/c14.csv" 2:8 "" "cost import: a quote never closed"
printf '%s\n\377,cost,c,one-off,1,5,5,5,,,,\n' "$H" >"$TMP/c15.csv"
before=$(state)
run cost import m1 "$TMP/c15.csv"
expect_rc 3 "cost import: not UTF-8"
expect_err "not valid UTF-8" "cost import: UTF-8 explained"
unchanged "cost import: not UTF-8"
: >"$TMP/c16.csv"
before=$(state)
run cost import m1 "$TMP/c16.csv"
expect_rc 3 "cost import: an empty file"
unchanged "cost import: an empty file"
run cost import m1 "$TMP/none.csv"
expect_rc 4 "cost import: no such file"

# --- benefits, by hand ---

B="--metric Minutes --unit min --baseline 40 --baseline-date 2024-01-01 --target 20 --target-date 2025-01-01"
# shellcheck disable=SC2086
run benefit add m1 --name Waits $B --owner "Ward manager"
expect_rc 0 "benefit add (target below baseline)"
run benefit list m1
expect_out "no-data" "no measurement yet"
# On 2024-07-01, 30 is (30-40)/(20-40) = 50% of the way; the straight
# line is 182 days into 366 (2024 is a leap year): 182/366 = 49.7%,
# shown as 50%: on track. 31 would be 9/20 = 45%: behind.
run benefit measure m1 Waits 2024-07-01 31
expect_rc 0 "benefit measure"
run benefit list m1
expect_out "45%" "45% of the way"
expect_out "behind" "behind the line"
run benefit measure m1 Waits 2024-07-01 30 --note "after go-live"
expect_rc 0 "the same day again replaces"
run benefit show m1 Waits
expect_out "50% of the way at the latest measurement (30); the straight line expects 50%: on-track" "progress explained"
expect_out "after go-live" "the note is kept"
run benefit show m1 Waits --json
expect_out '"share": 0.5,' "JSON share"
expect_out '"expected_share": 0.4972677596' "JSON expected share, 182/366"
expect_out '"status": "on-track"' "JSON status"
expect_out '"value": 30.0' "the measurement replaced"
expect_no_out '"value": 31.0' "the old value gone"
run benefit measure m1 Waits 2024-03-01 18
run benefit list m1 --json
expect_out '"latest": 30.0' "the latest by day, not the last recorded"

# shellcheck disable=SC2086
bad "a benefit name taken" benefit add m1 --name Waits $B
expect_err "name: project 'm1' has a benefit 'Waits' already" "taken benefit explained"
bad "target day before the baseline's" benefit add m1 --name W2 --metric M --unit u --baseline 1 --baseline-date 2024-05-01 --target 2 --target-date 2024-01-01
expect_err "target_date: 2024-01-01 must come after the baseline's date, 2024-05-01" "target day explained"
bad "target equal to baseline" benefit add m1 --name W2 --metric M --unit u --baseline 1 --baseline-date 2024-01-01 --target 1 --target-date 2025-01-01
expect_err "target: must differ from the baseline" "target explained"
bad "a bad schedule" benefit add m1 --name W2 --metric M --unit u --baseline 1 --baseline-date 2024-01-01 --target 2 --target-date 2025-01-01 --schedule weekly
expect_err "schedule: 'weekly' is not allowed" "schedule explained"
bad "a bad day" benefit add m1 --name W2 --metric M --unit u --baseline 1 --baseline-date 2024-02-30 --target 2 --target-date 2025-01-01
expect_err "baseline_date:" "day explained"
bad "cash-releasing maybe" benefit edit m1 Waits --cash-releasing maybe
expect_err "cash_releasing: expected yes or no" "cash-releasing explained"
run benefit add m1 --name W2 --metric M
expect_rc 2 "benefit add without the rest: usage error"
bad "a measurement in the future" benefit measure m1 Waits 2999-01-01 3
expect_err "after today" "future explained"
bad "a measurement not a number" benefit measure m1 Waits 2024-02-01 lots
expect_err "value: expected a number" "value explained"
run benefit measure m1 Nope 2024-02-01 3
expect_rc 4 "measure an unknown benefit: exit 4"

printf 'benefit,date,value,note\nWaits,2024-10-01,26,\nWaits,2025-01-01,22,end\n' >"$TMP/m.csv"
run benefit import m1 "$TMP/m.csv"
expect_rc 0 "benefit import"
expect_out "recorded 2 measurements" "measurements counted"
printf 'benefit,date,value\nNope,2024-10-01,26\n' >"$TMP/m1.csv"
bad_import benefit "$TMP/m1.csv" 2:1 "benefit: the project has no benefit 'Nope'" "benefit import: unknown benefit"
printf 'benefit,date,value\nWaits,2024-13-01,26\n' >"$TMP/m2.csv"
bad_import benefit "$TMP/m2.csv" 2:7 "date:" "benefit import: a bad day"
printf 'benefit,date,value\nWaits,2999-01-01,26\n' >"$TMP/m3.csv"
bad_import benefit "$TMP/m3.csv" 2:7 "date: '2999-01-01' is after today" "benefit import: a future day"
printf 'benefit,date,value\nWaits,2024-11-01,1,2\n' >"$TMP/m4.csv"
bad_import benefit "$TMP/m4.csv" 2:1 "expected 3 fields" "benefit import: a field too many"
printf 'benefit,date,value\nWaits,2024-11-01,-\n' >"$TMP/m5.csv"
bad_import benefit "$TMP/m5.csv" 2:18 "value: expected a number" "benefit import: a bad value"
printf 'benefit,date,value\nWaits,2024-11-01,1\nWaits,2024-11-01,2\n' >"$TMP/m6.csv"
bad_import benefit "$TMP/m6.csv" 3:7 "date: 2024-11-01 of benefit 'Waits' is given already on line 2" "benefit import: a day twice"
printf 'benefit,value\nWaits,1\n' >"$TMP/m7.csv"
bad_import benefit "$TMP/m7.csv" 1:1 "" "benefit import: no date column"

# a benefit's value linked to its profile, then the profile removed
run cost add m1 --name "Time back" --flow benefit --category "staff time" --kind recurring --expected 5 --benefit Waits
expect_rc 0 "a benefit's value linked to its profile"
run cost list m1 --json
expect_out '"benefit": "Waits"' "the link shown"
run benefit rm m1 Waits
expect_rc 0 "benefit rm"
run cost list m1 --json
expect_no_out '"benefit": "Waits"' "the link gone with the benefit"
run cost rm m1 "Time back"
expect_rc 0 "cost rm"
run benefit list m1 --json
expect_out "[]" "no benefits left"

# --- the demo ---
run demo
# The demo (src/track/money_demo.c), 7 years from 2024, in thousands.
# expected: costs 140 + 90 + 60 + 80 + 180 + 150 = 700 in year 1, then
#   90 + 60 + 15 = 165 a year (+180 project team in year 2, +140
#   devices in years 4 and 7); benefits 330/3 + 20 = 130, then
#   220 + 40 + 40 + 20 = 320, 330 + 80 + 80 + 20 = 510, then 550 a year.
#   cumulative net: -570, -595, -250, -5, +380, +765, +1010: 2028.
# low (costs high, benefits low): year 1 cost 170 + 110 + 75 + 110 +
#   210 + 200 = 875, benefit 200/3 + 15 = 81.667; year 2 cost 110 + 75
#   + 20 + 210 = 415, benefit 133.333 + 30 + 13.333 + 15 = 191.667;
#   year 3 cost 205, benefit 200 + 60 + 26.667 + 15 = 301.667; then
#   benefit 315 a year against 205 (375 with devices in years 4 and 7).
#   cumulative net: -793.333, -1016.667, -920, -980, -870, -760, -820:
#   never within 7 years.
# high (costs low, benefits high): year 1 cost 120 + 80 + 50 + 60 +
#   160 + 120 = 590, benefit 450/3 + 25 = 175; year 2 cost 80 + 50 +
#   10 + 160 = 300, benefit 300 + 47.5 + 66.667 + 25 = 439.167; year 3
#   cost 140, benefit 450 + 95 + 133.333 + 25 = 703.333.
#   cumulative net: -415, -275.833, +287.5 and rising after: 2026.
run breakeven demo-clinical-app
expect_out "expected case: breaks even in 2028 (year 5 of 7)" "the demo breaks even in 2028"
expect_out "low case: does not break even by 2030" "the demo's low case never breaks even"
expect_out "high case: breaks even in 2026 (year 3 of 7)" "the demo's high case breaks even in 2026"
row "2025 2 415000 191667 -223333 1290000 273333 -1016667"
row "2027 4 305000 550000 245000 1515000 1510000 -5000"
row "2026 3 140000 703333 563333 1030000 1317500 287500"
# devices in 2024, 2027 and 2030 (a 3-year refresh in 7 years), low /
# expected / high case: 170000 * 3 = 510000, 140000 * 3 = 420000,
# 120000 * 3 = 360000
row "cost devices 510000 420000 360000"
run benefit list demo-clinical-app
expect_out "Pagers retired" "the demo's benefits"

done_testing
