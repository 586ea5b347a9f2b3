# t-workaround.sh: the workaround and mismatch log through the real
# binary: add, list with filters, show, edit, rm, the fix-first order
# worked out by hand from the matrix of docs/tracking.md, and every kind
# of bad input, with the import stopping at file:line:column, the field
# named, and nothing changed.
. tests/cli/lib.sh

export WAYMARK_DB="$(db w)"
DEMO=$(db demo)

# state: what the project's log holds, as waymark reports it
state() { "$WAYMARK" workaround list p1 --json 2>/dev/null | cksum; }
unchanged() {
	if [ "$(state)" = "$before" ]; then pass "$1: nothing changed"
	else fail "$1: nothing changed"; fi
}
# bad_import FILE WHERE FIELD NAME: exit 3, position and field named
bad_import() {
	run workaround import p1 "$1"
	expect_rc 3 "$4: exit 3"
	expect_err "$1:$2: $3:" "$4: reported at $2 with the field"
	expect_err "nothing was imported" "$4: says nothing was imported"
	unchanged "$4"
}
# bad_add NAME TEXT ARGS...: exit 3 with TEXT, nothing changed
bad_add() {
	name=$1 text=$2
	shift 2
	run workaround add p1 "$@"
	expect_rc 3 "$name: exit 3"
	expect_err "$text" "$name: explained"
	unchanged "$name"
}
# ids_in_order: the ids of the JSON array on stdout, in order
ids_in_order() { sed -n 's/^    "id": \([0-9]*\),$/\1/p' "$OUT" | tr '\n' ' '; }

run project new p1
expect_rc 0 "a project"
run setting add p1 --name "Ward 3" --type team
expect_rc 0 "a setting"
run project new p2
run setting add p2 --name "Elsewhere" --type site

# --- add ---
A="--reporter Ann"
run workaround add p1 --description "Paper handover sheet" --harm moderate \
	--frequency constant $A --observed 2025-02-04 --setting "Ward 3" --status fixing
expect_rc 0 "add with names of levels"
expect_out "added workaround 1 to 'p1' (risk 4, high)" "add: the risk from the matrix (moderate x constant = 4)"
run workaround add p1 --description "Triage lags" --harm 5 --frequency 4 $A \
	--observed 2025-07-15 --kind mismatch --json
expect_rc 0 "add with numbers, as JSON"
expect_out '"risk": 5' "add --json: catastrophic x frequent = 5"
expect_out '"risk_name": "very high"' "add --json: the rating's name"
expect_out '"harm_name": "catastrophic"' "add --json: the harm's name"
expect_out '"setting": null' "add --json: no setting is null"
run workaround add p1 --description "Rare but grave" --harm 5 --frequency 1 $A --observed 2025-03-01
expect_rc 0 "add a rare catastrophe (3)"
run workaround add p1 --description "Charger kept" --harm 1 --frequency 5 $A \
	--observed 2025-01-01 --status accepted
expect_rc 0 "add an accepted nuisance (2)"
run workaround add p1 --description "Done already" --harm 4 --frequency 5 $A \
	--observed 2025-01-01 --status fixed
expect_rc 0 "add a fixed entry (5)"
run workaround add p1 --description "Second 3-3" --harm 3 --frequency 3 $A --observed 2025-01-15
run workaround add p1 --description "First 3-3" --harm 3 --frequency 3 $A --observed 2025-01-15
expect_rc 0 "two entries equal but for id (7 after 6)"
run workaround add p1 --description "Today" --harm minor --frequency rare $A
expect_rc 0 "add without --observed takes today"
run workaround show p1 8 --json
expect_out "\"observed\": \"$(date -u +%Y-%m-%d)\"" "observed defaults to today (UTC)"

before=$(state)
bad_add "add: harm not a level" "harm: 'huge' is not a level of harm; use 1 to 5 or negligible" \
	--description X --harm huge --frequency 1 $A
bad_add "add: frequency out of range" "frequency: '6' is not a level of frequency" \
	--description X --harm 1 --frequency 6 $A
bad_add "add: a harm name as frequency" "frequency: 'major' is not a level" \
	--description X --harm 1 --frequency major $A
bad_add "add: kind" "kind: 'bug' is not a kind; use workaround or mismatch" \
	--description X --harm 1 --frequency 1 $A --kind bug
bad_add "add: status" "status: 'closed' is not a status" \
	--description X --harm 1 --frequency 1 $A --status closed
bad_add "add: impossible day" "observed: " \
	--description X --harm 1 --frequency 1 $A --observed 2025-02-29
bad_add "add: future day" "observed: '2999-01-01' is after today" \
	--description X --harm 1 --frequency 1 $A --observed 2999-01-01
bad_add "add: unknown setting" "setting: the project has no setting 'Ward 99'" \
	--description X --harm 1 --frequency 1 $A --setting "Ward 99"
bad_add "add: another project's setting" "no setting 'Elsewhere'" \
	--description X --harm 1 --frequency 1 $A --setting Elsewhere
bad_add "add: empty description" "description: must not be empty" \
	--description " " --harm 1 --frequency 1 $A
bad_add "add: no harm" "harm: required" --description X --frequency 1 $A
bad_add "add: no reporter" "reporter: required" --description X --harm 1 --frequency 1
run workaround add p1 --description X --harm 1 --frequency 1 $A extra
expect_rc 2 "add: an extra operand is a usage error"
run workaround add nope --description X --harm 1 --frequency 1 $A
expect_rc 4 "add: unknown project"

# --- fix first ---
# open or fixing, with the rating from the matrix:
#   1 moderate x constant = 4 (fixing)   2 catastrophic x frequent = 5
#   3 catastrophic x rare = 3            6 moderate x regular = 3 (01-15)
#   7 moderate x regular = 3 (01-15)     8 minor x rare = 1
# left out: 4 (accepted), 5 (fixed).
# Order: 2 (5); 1 (4); then the 3s by harm: 3 (harm 5) before 6 and 7
# (harm 3, same frequency and day: by id); last 8 (1).
run workaround fix-first p1 --json
expect_rc 0 "fix-first --json"
if [ "$(ids_in_order)" = "2 1 3 6 7 8 " ]; then pass "fix-first: the order worked out by hand"
else fail "fix-first: the order worked out by hand" "got $(ids_in_order)"; fi
expect_out '"rank": 6' "fix-first: ranks"
run workaround fix-first p1
expect_rc 0 "fix-first as a table"
expect_out "1  2   5 very high" "fix-first table: the first row"
expect_no_out "Done already" "fix-first: fixed entries left out"
expect_no_out "Charger kept" "fix-first: accepted entries left out"

# --- list and filters ---
run workaround list p1 --json
if [ "$(ids_in_order)" = "1 2 3 4 5 6 7 8 " ]; then pass "list: every entry by id"
else fail "list: every entry by id" "got $(ids_in_order)"; fi
run workaround list p1 --min-risk 4 --json
if [ "$(ids_in_order)" = "1 2 5 " ]; then pass "list --min-risk 4: 1 (4), 2 (5), 5 (5, fixed)"
else fail "list --min-risk 4" "got $(ids_in_order)"; fi
run workaround list p1 --kind mismatch --json
if [ "$(ids_in_order)" = "2 " ]; then pass "list --kind mismatch"
else fail "list --kind mismatch" "got $(ids_in_order)"; fi
run workaround list p1 --setting "Ward 3" --status fixing --json
if [ "$(ids_in_order)" = "1 " ]; then pass "list --setting --status"
else fail "list --setting --status" "got $(ids_in_order)"; fi
run workaround list p1
expect_out "Paper handover sheet" "list as a table"
run workaround list p1 --status shut
expect_rc 3 "list: bad status"
expect_err "status: 'shut' is not a status" "list: bad status explained"
run workaround list p1 --min-risk 9
expect_rc 2 "list: --min-risk out of range"

# --- show, edit, rm ---
run workaround show p1 1
expect_rc 0 "show"
expect_out "risk:       4 (high): Fix it before the rollout reaches more settings" "show: the rating and what it asks"
expect_out "setting:    Ward 3" "show: the setting"
run workaround show p1 99
expect_rc 4 "show: no such entry"
run workaround show p1 abc
expect_rc 2 "show: not an id"
run workaround show p2 1
expect_rc 4 "show: an entry of another project is not found"

before=$(state)
run workaround edit p1 1 --harm 9
expect_rc 3 "edit: bad harm"
unchanged "edit: bad harm"
run workaround edit p1 1 --setting "Ward 99"
expect_rc 3 "edit: unknown setting"
unchanged "edit: unknown setting"
run workaround edit p1 1 --status fixed --setting ""
expect_rc 0 "edit: status and no setting"
expect_out "saved workaround 1 (risk 4, high; fixed)" "edit: said"
run workaround show p1 1 --json
expect_out '"status": "fixed"' "edit: status kept"
expect_out '"setting": null' "edit: setting cleared"
expect_out '"description": "Paper handover sheet"' "edit: other fields as they were"
run workaround fix-first p1 --json
if [ "$(ids_in_order)" = "2 3 6 7 8 " ]; then pass "fix-first: a fixed entry leaves the list"
else fail "fix-first after the edit" "got $(ids_in_order)"; fi
run workaround rm p1 8
expect_rc 0 "rm"
run workaround rm p1 8
expect_rc 4 "rm: gone"

# --- import ---
c() { printf "$2" >"$TMP/$1"; }
H='description,harm,frequency,observed,reporter,kind,setting,status\n'
c good.csv "${H}Alerts dismissed,major,4,2025-03-11,Bob,mismatch,Ward 3,open\n\"Two numbers, one record\",3,3,2025-01-20,Cy,,,\n"
run workaround import p1 "$TMP/good.csv"
expect_rc 0 "import"
expect_out "imported 2 entries into 'p1'" "import counted"
run workaround list p1 --setting "Ward 3" --json
expect_out '"description": "Alerts dismissed"' "import: the setting found"
expect_out '"risk": 4' "import: major x frequent = 4"

before=$(state)
bad_import "$TMP/good.csv" 2:1 description "import: the same file again"
c dup.csv "${H}New one,1,1,2025-01-01,A,,,\nNew one,1,1,2025-01-01,B,,,\n"
bad_import "$TMP/dup.csv" 3:1 description "import: an entry twice in the file"
c harm.csv "${H}ok,1,1,2025-01-01,A,,,\nX,huge,1,2025-01-01,A,,,\n"
bad_import "$TMP/harm.csv" 3:3 harm "import: harm not a level"
c freq.csv "${H}X,1,0,2025-01-01,A,,,\n"
bad_import "$TMP/freq.csv" 2:5 frequency "import: frequency out of range"
c day.csv "${H}X,1,1,2025-13-01,A,,,\n"
bad_import "$TMP/day.csv" 2:7 observed "import: impossible day"
c future.csv "${H}X,1,1,2999-01-01,A,,,\n"
bad_import "$TMP/future.csv" 2:7 observed "import: future day"
c rep.csv "${H}X,1,1,2025-01-01,,,,\n"
bad_import "$TMP/rep.csv" 2:18 reporter "import: empty reporter"
c kind.csv "${H}X,1,1,2025-01-01,A,bug,,\n"
bad_import "$TMP/kind.csv" 2:20 kind "import: bad kind"
c set.csv "${H}X,1,1,2025-01-01,A,,Ward 99,\n"
bad_import "$TMP/set.csv" 2:21 setting "import: unknown setting"
c status.csv "${H}X,1,1,2025-01-01,A,,,shut\n"
bad_import "$TMP/status.csv" 2:22 status "import: bad status"
c desc.csv "${H},1,1,2025-01-01,A,,,\n"
bad_import "$TMP/desc.csv" 2:1 description "import: empty description"
long=$(printf '%02100d' 0)
c long.csv "${H}${long},1,1,2025-01-01,A,,,\n"
bad_import "$TMP/long.csv" 2:1 description "import: description too long"
c ctrl.csv "${H}X,1,1,2025-01-01,A\001,,,\n"
bad_import "$TMP/ctrl.csv" 2:18 reporter "import: control character"
c fields.csv "${H}X,1,1\n"
run workaround import p1 "$TMP/fields.csv"
expect_rc 3 "import: too few fields: exit 3"
expect_err "fields.csv:2:1: expected 8 fields as in the header, found 3" "import: too few fields located"
unchanged "import: too few fields"
c head.csv 'description,harm,frequency,observed\nX,1,1,2025-01-01\n'
run workaround import p1 "$TMP/head.csv"
expect_rc 3 "import: a required column missing"
expect_err "reporter" "import: the missing column named"
unchanged "import: a required column missing"
c unknown.csv 'description,harm,frequency,observed,reporter,owner\nX,1,1,2025-01-01,A,B\n'
run workaround import p1 "$TMP/unknown.csv"
expect_rc 3 "import: an unknown column"
expect_err "unknown.csv:1:" "import: the unknown column located"
unchanged "import: an unknown column"
printf 'description,harm,frequency,observed,reporter\nX\377,1,1,2025-01-01,A\n' >"$TMP/utf8.csv"
run workaround import p1 "$TMP/utf8.csv"
expect_rc 3 "import: not UTF-8"
expect_err "not valid UTF-8" "import: not UTF-8 explained"
unchanged "import: not UTF-8"
c quote.csv "${H}\"X,1,1,2025-01-01,A,,,\n"
run workaround import p1 "$TMP/quote.csv"
expect_rc 3 "import: a quote never closed"
unchanged "import: a quote never closed"
: >"$TMP/empty.csv"
run workaround import p1 "$TMP/empty.csv"
expect_rc 3 "import: an empty file"
unchanged "import: an empty file"
c many.csv "${H}ok,1,1,2025-01-01,A,,,\nY,9,1,2025-01-01,A,,,\n"
bad_import "$TMP/many.csv" 3:3 harm "import: one bad row among good ones"
run workaround import p1 "$TMP/nothere.csv"
expect_rc 4 "import: no such file"
run workaround import p1
expect_rc 2 "import: no file is a usage error"

# --- help and the demo ---
run workaround --help
expect_out "epaccs-2024" "help cites the evidence for fixing first"
run --db "$DEMO" demo
run --db "$DEMO" workaround list demo-clinical-app --json
count=$(grep -c '"risk":' "$OUT")
if [ "$count" -ge 6 ]; then pass "the demo has its log ($count entries)"
else fail "the demo has its log" "$count entries"; fi
expect_out '"observed": "2025-' "the demo's entries are dated in 2025"
run --db "$DEMO" workaround fix-first demo-clinical-app --json
expect_out '"rank": 1' "the demo's fix-first list"

done_testing
