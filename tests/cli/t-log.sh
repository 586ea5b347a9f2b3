# t-log.sh: the barrier and enabler log through the real binary: add,
# list, show, edit, rm, suggest and import; every kind of bad input
# refused with the field named and nothing changed; the road map taking
# open barriers into account.
. tests/cli/lib.sh

export WAYMARK_DB="$(db w)"

state() {
	"$WAYMARK" log list p1 --json 2>/dev/null | cksum
}
unchanged() {
	if [ "$(state)" = "$before" ]; then pass "$1: nothing changed"
	else fail "$1: nothing changed"; fi
}
# bad NAME EXPECTED-RC MESSAGE ARGS...: refused, explained, nothing changed
bad() {
	name=$1 want=$2 msg=$3
	shift 3
	before=$(state)
	run log "$@"
	expect_rc "$want" "$name: exit $want"
	expect_err "$msg" "$name: explained"
	unchanged "$name"
}
# bad_import FILE WHERE FIELD NAME: exit 3, position and field named
bad_import() {
	before=$(state)
	run log import p1 "$1"
	expect_rc 3 "$4: exit 3"
	expect_err "$1:$2: $3:" "$4: reported at $2 with the field"
	expect_err "nothing was imported" "$4: says nothing was imported"
	unchanged "$4"
}

run project new p1
expect_rc 0 "project for the log"
run setting add p1 --name "Ward 3" --type team
expect_rc 0 "a setting"

run log list p1
expect_rc 0 "an empty log lists"
run log list p1 --json
expect_out "[]" "an empty log as JSON"

run log add p1 "Nurses cannot be released for training: staff shortages" \
	--reporter "Ann Lee" --date 2025-03-04 --severity 4 \
	--determinants "skills-training, resourcing" --actions act.skills-plan \
	--setting "Ward 3"
expect_rc 0 "log add"
expect_out "logged entry 1 (barrier) in 'p1'" "log add says what it did"
run log add p1 --text "Champions run huddles" --reporter Bo --kind enabler \
	--date 2025-05-20 --status closed --json
expect_rc 0 "log add with --text and --json"
expect_out '"kind": "enabler"' "the entry as JSON"
expect_out '"setting": null' "no setting is null"
run log add p1 "Consultants disagree about alerts" --reporter Cy \
	--kind ambivalent --date 2025-04-01 --determinants clinical-engagement
expect_rc 0 "log add ambivalent"

run log list p1
expect_rc 0 "log list"
expect_out "resourcing skills-training" "determinants listed, sorted"
expect_out "Ward 3" "setting listed"
head -2 "$OUT" | tail -1 | grep -q "^2 " && pass "newest day first" || fail "newest day first"
run log list p1 --status open --json
expect_rc 0 "log list --status"
if [ "$(grep -c '"id":' "$OUT")" = 2 ]; then pass "two open entries"
else fail "two open entries"; fi
run log list p1 --kind enabler --json
expect_out '"reporter": "Bo"' "filter by kind"
expect_no_out '"reporter": "Ann Lee"' "filter by kind leaves others out"

run log show p1 1
expect_rc 0 "log show"
expect_out "entry 1: barrier, severity 4 major" "severity in words"
expect_out "skills-training (Skills and training)" "determinants with titles"
expect_out "act.skills-plan" "actions shown"
run log show p1 1 --json
expect_out '"actions": [' "show as JSON"
expect_out '"act.skills-plan"' "show JSON has the action"

# the road map takes the open barrier into account, names the entry
run roadmap p1 --json
expect_out '"state": "logged"' "road map has a logged trigger"
expect_out '"observation": 1' "the trigger names the entry"
expect_out "logged barrier: Skills and training (log entry 1 of 2025-03-04, severity 4 of 5" "the reason in words"
expect_out "logged ambivalent: Clinical engagement and champions (log entry 3" "ambivalent entries count"
run log edit p1 1 --status closed
expect_rc 0 "log edit"
expect_out "changed log entry 1 of 'p1'" "edit says what it did"
run roadmap p1 --json
expect_no_out "log entry 1 " "a closed entry counts for nothing"
run log edit p1 1 --status in-hand --setting "" --determinants resourcing --json
expect_rc 0 "log edit replaces lists"
expect_out '"setting": null' "setting cleared"
expect_no_out "skills-training" "determinants replaced"
run roadmap p1
expect_out "logged barrier: Resourcing and dedicated roles (log entry 1" "in-hand entries count"

run log suggest p1 "Ward nurses could not get time away for training because of staff shortages"
expect_rc 0 "log suggest"
head -2 "$OUT" | tail -1 | grep -q "^skills-training" && pass "skills first" || fail "skills first"
expect_out "training, staff, shortages" "the matched words shown"
run log suggest p1 "Ward nurses could not get time away for training because of staff shortages" --json
expect_out '"determinant": "resourcing"' "suggest JSON"
expect_out '"matched": [' "suggest JSON has the words"
run log suggest p1 "of the and"
expect_out "no determinant shares enough words" "nothing to suggest"

# bad input: refused, explained, nothing changed
bad "add without text" 2 "needs the text" add p1 --reporter A
bad "add without reporter" 2 "needs --reporter" add p1 "T"
bad "add with text twice" 2 "takes a project and the text" add p1 "T" --text U --reporter A
bad "add: empty text" 3 "text: must not be empty" add p1 " " --reporter A
bad "add: empty reporter" 3 "reporter: must not be empty" add p1 T --reporter ""
bad "add: bad kind" 3 "kind: 'risk' is not one of barrier, enabler or ambivalent" add p1 T --reporter A --kind risk
bad "add: severity 0" 3 "severity: '0' is not a whole number from 1 to 5" add p1 T --reporter A --severity 0
bad "add: severity 6" 3 "severity: '6'" add p1 T --reporter A --severity 6
bad "add: severity words" 3 "severity: 'high'" add p1 T --reporter A --severity high
bad "add: bad status" 3 "status: 'done' is not one of open, in-hand or closed" add p1 T --reporter A --status done
bad "add: bad date" 3 "date: " add p1 T --reporter A --date 2025-02-30
bad "add: date format" 3 "YYYY-MM-DD" add p1 T --reporter A --date 04/03/2025
bad "add: future date" 3 "date: '2999-01-01' is after today" add p1 T --reporter A --date 2999-01-01
bad "add: unknown determinant" 3 "determinants: 'staffing' is not a determinant of the evidence base" add p1 T --reporter A --determinants staffing
bad "add: determinant twice" 3 "determinants: 'resourcing' is given twice" add p1 T --reporter A --determinants resourcing,resourcing
bad "add: unknown action" 3 "actions: 'act.nope' is not an action of the evidence base" add p1 T --reporter A --actions act.nope
bad "add: unknown setting" 3 "setting: the project has no setting 'Ward 9'" add p1 T --reporter A --setting "Ward 9"
bad "add: control character" 3 "text: control character" add p1 "$(printf 'a\001b')" --reporter A
bad "add: unknown project" 4 "no project 'nope'" add nope T --reporter A
bad "edit: nothing to change" 2 "needs a field to change" edit p1 1
bad "edit: not a number" 2 "'x' is not a log entry number" edit p1 x --status open
bad "edit: no such entry" 4 "project 'p1' has no log entry 99" edit p1 99 --status open
bad "edit: bad status" 3 "status: 'gone'" edit p1 1 --status gone
bad "edit: empty text" 3 "text: must not be empty" edit p1 1 --text ""
bad "show: no such entry" 4 "no log entry 42" show p1 42
bad "rm: no such entry" 4 "no log entry 42" rm p1 42
bad "rm: zero" 2 "'0' is not a log entry number" rm p1 0
bad "list: bad status" 3 "--status: 'shut'" list p1 --status shut
bad "list: bad kind" 3 "--kind: 'risk'" list p1 --kind risk
bad "list: other field" 2 "filters by --status and --kind only" list p1 --reporter A
bad "unknown action" 2 "" frob p1

# an entry of another project is not found through this one
run project new p2
run log show p2 1
expect_rc 4 "entries belong to their project"

# imports
printf 'date,reporter,text,kind,severity,status,setting,determinants,actions\n2025-01-02,Ann,Short of staff,barrier,4,open,Ward 3,"resourcing,skills-training",act.skills-plan\n2025-01-03,Bo,"Champions help, a lot",enabler,,,,,\n' >"$TMP/good.csv"
before=$(state)
run log import p1 "$TMP/good.csv"
expect_rc 0 "log import"
expect_out "imported 2 log entries into 'p1'" "import counted"
run log list p1 --json
expect_out '"text": "Champions help, a lot"' "quoted field imported"

printf 'date,reporter,text,kind\n2025-02-30,A,T,barrier\n' >"$TMP/b1.csv"
bad_import "$TMP/b1.csv" 2:1 date "import: bad date"
printf 'date,reporter,text,kind\n2025-01-02,,T,barrier\n' >"$TMP/b2.csv"
bad_import "$TMP/b2.csv" 2:12 reporter "import: empty reporter"
printf 'date,reporter,text,kind\n2025-01-02,A,T,risk\n' >"$TMP/b3.csv"
bad_import "$TMP/b3.csv" 2:16 kind "import: bad kind"
printf 'date,reporter,text,kind,severity\n2025-01-02,A,T,barrier,9\n' >"$TMP/b4.csv"
bad_import "$TMP/b4.csv" 2:24 severity "import: bad severity"
printf 'date,reporter,text,kind,status\n2025-01-02,A,T,barrier,shut\n' >"$TMP/b5.csv"
bad_import "$TMP/b5.csv" 2:24 status "import: bad status"
printf 'date,reporter,text,kind,setting\n2025-01-02,A,T,barrier,Ward 9\n' >"$TMP/b6.csv"
bad_import "$TMP/b6.csv" 2:24 setting "import: unknown setting"
printf 'date,reporter,text,kind,determinants\n2025-01-02,A,T,barrier,nope\n' >"$TMP/b7.csv"
bad_import "$TMP/b7.csv" 2:24 determinants "import: unknown determinant"
printf 'date,reporter,text,kind,actions\n2025-01-02,A,T,barrier,act.nope\n' >"$TMP/b8.csv"
bad_import "$TMP/b8.csv" 2:24 actions "import: unknown action"
printf 'date,reporter,text,kind\n2999-01-02,A,T,barrier\n' >"$TMP/b9.csv"
bad_import "$TMP/b9.csv" 2:1 date "import: future date"
# one good record and one bad: nothing at all is imported
printf 'date,reporter,text,kind\n2025-01-02,A,Good,barrier\n2025-01-02,A,,barrier\n' >"$TMP/b10.csv"
bad_import "$TMP/b10.csv" 3:14 text "import: a bad record among good ones"

before=$(state)
printf 'date,reporter,text\n2025-01-02,A,T\n' >"$TMP/h1.csv"
run log import p1 "$TMP/h1.csv"
expect_rc 3 "import: a required column missing"
expect_err "kind" "the missing column named"
unchanged "import: missing column"
printf 'date,reporter,text,kind,colour\n2025-01-02,A,T,barrier,red\n' >"$TMP/h2.csv"
run log import p1 "$TMP/h2.csv"
expect_rc 3 "import: an unknown column"
expect_err "colour" "the unknown column named"
unchanged "import: unknown column"
printf 'date,reporter,text,kind\n2025-01-02,A,T\n' >"$TMP/h3.csv"
run log import p1 "$TMP/h3.csv"
expect_rc 3 "import: a short record"
expect_err "h3.csv:2:1: expected 4 fields" "short record located"
unchanged "import: short record"
printf 'date,reporter,text,kind\n2025-01-02,A,"T,barrier\n' >"$TMP/h4.csv"
run log import p1 "$TMP/h4.csv"
expect_rc 3 "import: an unclosed quote"
unchanged "import: unclosed quote"
printf 'date,reporter,text,kind\n2025-01-02,A,\377,barrier\n' >"$TMP/h5.csv"
run log import p1 "$TMP/h5.csv"
expect_rc 3 "import: not UTF-8"
expect_err "UTF-8" "bad encoding explained"
unchanged "import: not UTF-8"
: >"$TMP/h6.csv"
run log import p1 "$TMP/h6.csv"
expect_rc 3 "import: an empty file"
unchanged "import: empty file"
run log import p1 "$TMP/missing.csv"
expect_rc 4 "import: no such file"
run log import p1
expect_rc 2 "import without a file"

run log rm p1 2
expect_rc 0 "log rm"
expect_out "removed log entry 2 of 'p1'" "rm says what it did"
run log show p1 2
expect_rc 4 "a removed entry is gone"

# the demo project carries six entries of 2025
export WAYMARK_DB="$(db demo)"
run demo
run log list demo-clinical-app --json
if [ "$(grep -c '"date": "2025-' "$OUT")" = 6 ]; then pass "demo: six entries of 2025"
else fail "demo: six entries of 2025"; fi

done_testing
