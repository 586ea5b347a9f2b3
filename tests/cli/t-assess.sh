# t-assess.sh: projects, stakeholders, survey import and export, scoring
# and the demo, through the real binary and a real SQLite file.
. tests/cli/lib.sh

export WAYMARK_DB="$(db w)"
OTHER=$(db other)

# state: what the database holds, as waymark reports it
state() {
	{
		"$WAYMARK" project list --json
		"$WAYMARK" stakeholder list p1 --json
		"$WAYMARK" assess show p1 --json
	} 2>/dev/null | cksum
}
# unchanged NAME: the database is as it was when 'before' was taken
unchanged() {
	if [ "$(state)" = "$before" ]; then pass "$1: database unchanged"
	else fail "$1: database unchanged"; fi
}

# --- projects ---
run project new p1 --title "Ward app" --technology clinical-mobile-app \
	--devices byod --partners industry --adoption opt-in --settings 40
expect_rc 0 "project new"
run project new p1
expect_rc 3 "a taken name is refused"
expect_err "a project named 'p1' exists already" "and says so"
run project new "Bad Name"
expect_rc 3 "a bad short name is refused"
run project new p2 --technology blockchain
expect_rc 3 "a bad technology is refused"
expect_err "technology: 'blockchain' is not allowed; use clinical-mobile-app" "with the allowed values"
run project list --json
expect_no_out '"p2"' "a refused project is not created"
run project show p1 --json
expect_out '"devices": "byod"' "show --json"
expect_out '"phase": "analyse"' "the phase follows the step"
run project edit p1 --step procurement --anonymity 2
expect_rc 3 "anonymity below 3 is refused"
run project show 1 --json
expect_out '"step": "vision"' "a refused edit changes nothing (step kept)"
run project edit p1 --step procurement
run project show p1 --json
expect_out '"phase": "decide"' "edit moves the step"
run project show nosuch
expect_rc 4 "unknown project is not found"
run --db "$OTHER" project list
expect_rc 0 "--db before the command"
run project list --db "$OTHER" --json
expect_out '[]' "--db after the command selects another store"

run project new 123
expect_rc 3 "a short name of digits only is refused"
run project new p9 --title "$(printf 'a\033]0;owned\007b')"
expect_rc 3 "control characters are refused"
expect_err "control character" "and named"
run project new p9 --title "$(printf 'caf\351')"
expect_rc 3 "invalid UTF-8 is refused"
run project new p9
run project show p9 --json
expect_out '"title": "p9"' "the title defaults to the short name"
run project rm p9 --y
expect_rc 2 "an abbreviated --yes does not delete"
run project rm p9 --yes
expect_rc 0 "--yes deletes"

# --- stakeholders ---
run stakeholder add p1 --name "CCIO" --group clinical --power 5 --attitude champion
expect_rc 0 "stakeholder add"
run stakeholder add p1 --name "X" --group nope
expect_rc 3 "unknown group refused"
expect_err "group: 'nope' is not a group of project 'p1'" "unknown group explained"
run stakeholder add p1 --name "X" --group it --power 9
expect_rc 3 "power out of range refused"
printf '\357\273\277name,group,power,attitude\r\n"Dr A, consultant",clinical,5,champion\r\n"Nurse\nB",nursing,2,\r\nC,nope,9,x\r\n' >"$TMP/s.csv"
before=$(state)
run stakeholder import p1 "$TMP/s.csv"
expect_rc 3 "stakeholder import with a bad row"
expect_err "s.csv:5:8: power: expected a whole number from 1 to 5, got '9'" "bad value at file:line:column (BOM, CRLF, quoted newline counted)"
expect_err "s.csv:5:0: group: 'nope' is not a group" "bad group reported"
unchanged "stakeholder import refused"
run stakeholder import p1 "$TMP/s.csv" --skip-bad
expect_rc 0 "--skip-bad imports the good rows"
expect_out "imported 2 stakeholders" "two good rows"
run stakeholder list p1 --json
expect_out '"name": "Dr A, consultant"' "quoted comma kept"
expect_out '"name": "Nurse\nB"' "quoted newline kept"

printf 'name,group\nEve\000hidden,nursing\n' >"$TMP/nul.csv"
before=$(state)
run stakeholder import p1 "$TMP/nul.csv"
expect_rc 3 "a NUL byte in a field is refused"
expect_err "nul.csv:2:1: name: a NUL byte" "and located"
unchanged "NUL byte"
run stakeholder import p1 "$TMP/no-such.csv"
expect_rc 4 "a missing file is not found"
run stakeholder import p1 "$TMP"
expect_rc 3 "a folder is bad input"
run project edit p1 --remove-group clinical
expect_rc 3 "a group in use cannot be removed"
run project edit p1 --add-group pharmacy:Pharmacy
run project edit p1 --remove-group pharmacy
expect_rc 0 "an unused group can be removed"

# --- survey export ---
run survey export p1
expect_out '"resourceType": "Questionnaire"' "FHIR Questionnaire export"
expect_out '"linkId": "leadership.sponsor"' "items carry statement ids"
run survey export p1 --format csv
expect_out "item,determinant,determinant_title,text,reversed,values" "data dictionary"
run survey export p1 --format template
expect_out "response_id,group," "responses template"
run survey configure p1 --determinants leadership,resourcing
expect_rc 0 "survey configure"
run survey show p1 --json
expect_no_out '"determinant": "safety-equity"' "only the chosen determinants"
run survey configure p1 --determinants nosuch
expect_rc 3 "unknown determinant refused"
run survey configure p1 --exclude patient-public:resourcing
run survey show p1
expect_out "not asked of: patient-public" "tailoring per group"

# --- survey import: good CSV ---
items=$("$WAYMARK" survey export p1 --format template | tr -d '\r')
{
	echo "$items"
	for i in 1 2 3 4 5 6; do
		echo "$items" | awk -F, -v i=$i -v g=clinical 'BEGIN{OFS=","} {
			$1 = "c" i; $2 = g
			for (k = 3; k <= NF; k++) $k = ($k ~ /comment/) ? "" : (k == 3 ? "dk" : (i % 5) + 1)
			print }'
	done
} >"$TMP/r.csv"
run survey import p1 "$TMP/r.csv"
expect_rc 0 "survey import CSV"
expect_out "imported 6 responses into round 1" "six responses"
before=$(state)
run survey import p1 "$TMP/r.csv"
expect_out "imported 0 responses" "importing the same responses again imports none"
expect_out "6 already there" "and says they were there"
unchanged "second import"

# --- survey import: bad input, each with a clear message and nothing changed ---
bad_import() { # NAME FILE MESSAGE
	before=$(state)
	run survey import p1 "$2"
	expect_rc 3 "$1: exit 3"
	expect_err "$3" "$1: message"
	unchanged "$1"
}
printf '{"resourceType": "QuestionnaireResponse", "identifier": {"value": "x1"}, "item": [' >"$TMP/trunc.json"
bad_import "truncated JSON" "$TMP/trunc.json" "trunc.json:1:"
printf '{"resourceType": "QuestionnaireResponse", "identifier": {"value": 7}, "item": []}' >"$TMP/type.json"
bad_import "wrong type" "$TMP/type.json" "type.json"
printf '{"resourceType":"QuestionnaireResponse","identifier":{"value":"x2"},"item":[{"linkId":"group","answer":[{"valueCoding":{"code":"clinical"}}]},{"linkId":"leadership.nosuch","answer":[{"valueCoding":{"code":"3"}}]}]}' >"$TMP/unknown.json"
bad_import "unknown item id" "$TMP/unknown.json" "leadership.nosuch"
printf '{"resourceType":"QuestionnaireResponse","identifier":{"value":"x3"},"item":[{"linkId":"group","answer":[{"valueCoding":{"code":"clinical"}}]},{"linkId":"leadership.sponsor","answer":[{"valueCoding":{"code":"7"}}]}]}' >"$TMP/range.json"
bad_import "out-of-range value" "$TMP/range.json" "/item/1/answer/0/valueCoding/code"
{ echo "$items"; echo "$items" | awk -F, 'BEGIN{OFS=","} {$1="d1";$2="nursing"; for(k=3;k<=NF;k++) $k=""; print}'
  echo "$items" | awk -F, 'BEGIN{OFS=","} {$1="d1";$2="nursing"; for(k=3;k<=NF;k++) $k=""; print}'; } >"$TMP/dup.csv"
bad_import "duplicate response ids" "$TMP/dup.csv" "dup.csv:3:"
printf 'response_id,group,leadership.sponsor\nz1,clinical,\377\n' >"$TMP/utf8.csv"
bad_import "invalid UTF-8" "$TMP/utf8.csv" "utf8.csv"
: >"$TMP/empty.csv"
bad_import "empty file" "$TMP/empty.csv" "empty.csv"
printf 'response_id,group,leadership.sponsor\r\n"q\n1",clinical,4\r\nq2,clinical,9\r\n' >"$TMP/crlf.csv"
bad_import "CRLF and quoted newline, then a bad value" "$TMP/crlf.csv" "crlf.csv:4:"
run survey import p1 "$TMP/crlf.csv" --skip-bad
expect_rc 0 "--skip-bad imports the good responses"
expect_out "imported 1 response" "only the good one"

# the same response id in two files of one import
{ echo "$items"; echo "$items" | awk -F, 'BEGIN{OFS=","} {$1="x9";$2="nursing"; for(k=3;k<=NF;k++) $k=""; print}'; } >"$TMP/a9.csv"
{ echo "$items"; echo "$items" | awk -F, 'BEGIN{OFS=","} {$1="x9";$2="admin"; for(k=3;k<=NF;k++) $k=""; print}'; } >"$TMP/b9.csv"
before=$(state)
run survey import p1 "$TMP/a9.csv" "$TMP/b9.csv"
expect_rc 3 "the same id in two files: exit 3"
expect_err "b9.csv: duplicate response id 'x9'" "the same id in two files: message"
unchanged "the same id in two files"

run assess show p1 --json
expect_out '"respondents": 7' "assess counts respondents"
expect_out '"groups_hidden": 0' "clinical (7) is shown"
run assess show p1 --json --round 9
expect_rc 4 "a round without responses is not found"

# --- the demo ---
export WAYMARK_DB="$(db demo)"
run demo
expect_rc 0 "demo"
expect_out "created the demo project 'demo-clinical-app'" "demo says what it made"
run demo
expect_out "already in" "demo again changes nothing"
run assess show demo-clinical-app
expect_out "Top barriers" "assess show: barriers"
expect_out "Ambivalent: groups disagree (1)" "the demo's ambivalent determinant"
expect_out "Information governance and privacy" "IG is the ambivalent one"
expect_out "since round 1" "change between rounds"
expect_out "1 group had fewer than 5 respondents" "suppression is reported without naming"
expect_no_word supplier "the group of 4 never appears (text)"
run assess show demo-clinical-app --json
expect_no_out '"supplier"' "the group of 4 never appears (JSON)"
expect_no_word supplier "nor its name anywhere in the JSON"
run assess show demo-clinical-app --round 1 --json
expect_no_word supplier "the group of 4 never appears (round 1)"

done_testing
