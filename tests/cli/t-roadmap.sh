# t-roadmap.sh: road maps for a Streams-like and an EPaCCS-like project,
# gates and checkpoints, determinism, and the actions' checker.
. tests/cli/lib.sh

export WAYMARK_DB="$(db r)"

# has_action ID NAME: the road map in $OUT lists the action with a reason
# and at least one source
has_action() {
	if grep -q "\"id\": \"$1\"" "$OUT"; then pass "$2"; else fail "$2" "no $1"; return; fi
	# the item's own why and sources: the lines after its id up to the next item
	awk -v id="\"id\": \"$1\"" '
		index($0, id) { on = 1 }
		on && /"reason":/ { why = 1 }
		on && /"citation":/ { src = 1 }
		on && why && src { ok = 1; exit }
		END { exit !ok }' "$OUT"
	if [ $? -eq 0 ]; then pass "$2: with a reason and a cited source"
	else fail "$2: with a reason and a cited source"; fi
}

# --- a Streams-like project ---
run project new streams --title "Hospital-wide clinical app" \
	--technology clinical-mobile-app --devices byod --platforms single \
	--partners industry,academic --adoption opt-in --dedicated-staff 1 \
	--staff 10000 --sites 5
expect_rc 0 "Streams-like project"
# low scores on resourcing and adoption (engagement, culture), others high
items=$("$WAYMARK" survey export streams --format template | tr -d '\r')
{
	echo "$items"
	for g in clinical nursing; do
		for i in 1 2 3 4 5 6 7 8; do
			echo "$items" | awk -F, -v i=$i -v g=$g 'BEGIN { OFS = "," } {
				$1 = g "-" i; $2 = g
				for (k = 3; k <= NF; k++) {
					if ($k ~ /comment$/) $k = ""
					else if ($k ~ /^(resourcing|clinical-engagement|culture-motivation)\./) $k = 1 + (i % 2)
					else $k = 4 + (i % 2)
				}
				print }'
		done
	done
} >"$TMP/streams.csv"
run survey import streams "$TMP/streams.csv"
expect_rc 0 "responses imported"
run assess show streams --json
expect_out '"class": "barrier"' "the assessment finds barriers"
run roadmap streams --format json
expect_rc 0 "roadmap --format json"
has_action act.steering-committee "steering committee with senior clinical involvement"
has_action act.device-agnostic "make the app device-agnostic"
has_action act.device-policy-early "settle device-management policy early"
has_action act.fast-feedback "involve end users with fast feedback cycles"
has_action act.dedicated-teams "dedicated clinical implementation and technical teams"
expect_out '"reason": "condition: the app runs on a single device platform"' "the condition is given as the reason"
expect_out '"reason": "barrier: Resourcing and dedicated roles' "the barrier is given as the reason"
expect_out '"advice": "phased"' "opt-in app with barriers: phased rollout"

# same input, same road map, byte for byte, in every format
for f in json text markdown; do
	"$WAYMARK" roadmap streams --format $f >"$TMP/a.$f" 2>&1
	"$WAYMARK" roadmap streams --format $f >"$TMP/b.$f" 2>&1
	if cmp -s "$TMP/a.$f" "$TMP/b.$f"; then pass "deterministic ($f)"; else fail "deterministic ($f)"; fi
done
run roadmap streams --format markdown
expect_out "## Analyse" "markdown has the phases"
expect_out "- Why: " "markdown says why"
run roadmap streams
expect_out "why: condition: staff use their own devices" "text says why"
run roadmap streams --format pdf
expect_rc 2 "unknown format is a usage error"

# phases come in order: every Analyse action before any Decide, Deploy
run roadmap streams --format json
awk -F'"' '/"phase":/ { print $4 }' "$OUT" | uniq >"$TMP/phases"
if [ "$(tr '\n' ' ' <"$TMP/phases")" = "analyse decide deploy " ]; then pass "phases in order"
else fail "phases in order" "$(tr '\n' ' ' <"$TMP/phases")"; fi

# --- an EPaCCS-like project: area-wide palliative record sharing ---
run project new epaccs --title "Area-wide palliative care record" \
	--technology shared-care-record --settings 330 --partners nhs \
	--adoption opt-in --dedicated-staff 2
run roadmap epaccs --format json
expect_rc 0 "road map with no responses yet"
has_action act.map-settings "map every setting and alternative tool"
has_action act.coverage-share "report coverage as a share of all settings"
has_action act.resource-as-infrastructure "resource it as infrastructure"
has_action act.boundary-spanners "boundary-spanning roles"
has_action act.public-concern-plan "plan for public concern about sensitive data"
has_action act.sharing-agreements "information sharing agreements before go-live"
expect_no_out '"id": "act.device-agnostic"' "no device-agnostic action without a single platform"

# --- gates and checkpoints ---
run gate streams vision
expect_rc 0 "gate"
expect_out "not ready" "a gate with nothing ticked is not ready"
expect_out "small pilot" "interim options offered"
cps=$("$WAYMARK" gate streams vision --json | awk -F'"' '/"id": "nhsd/ { print $4 }')
for c in $cps; do
	run checkpoint done streams "$c" --by "Programme board" --note "minutes 12"
	expect_rc 0 "tick $c"
done
run gate streams vision --json
expect_out '"ready": true' "all ticked: ready"
expect_out '"by": "Programme board"' "who ticked it is kept"
run checkpoint undo streams "$(echo "$cps" | head -1)"
run gate streams vision --json
expect_out '"ready": false' "untick: not ready again"
run checkpoint done streams nhsd-mobile-toolkit.step.vision --by x
expect_rc 4 "only checkpoints can be ticked"
run checkpoint done streams "$(echo "$cps" | head -1)"
expect_rc 2 "--by is required"
run gate streams nowhere
expect_rc 2 "unknown step"

# --- actions: browse and check ---
run action list --json
expect_out '"id": "act.steering-committee"' "action list"
run action show act.device-policy-early
expect_out "byod" "action show gives its conditions"
expect_out "Aggarwal R" "action show cites"
run action show act.nope
expect_rc 4 "unknown action"
mkdir -p "$TMP/acts"
cat >"$TMP/acts/a.yaml" <<'YAML'
actions:
  - id: act.bad
    title: Do a thing
    summary: A summary.
    determinants: [leadershp]
    step: launch
    owner: someone
    sources: [streams-2022.nope]
    when: [sunny]
    for: [sometimes]
    after: [act.bad]
YAML
run kb check "$TMP/acts"
expect_rc 3 "bad actions are rejected"
for m in "unknown determinant 'leadershp'" "unknown step 'launch'" \
	 "unknown source id 'streams-2022.nope'" "unknown condition 'sunny'" \
	 "unknown state 'sometimes'" "form a cycle"; do
	expect_err "$m" "checker: $m"
done
expect_err "a.yaml:6:11:" "checker gives file:line:column"

done_testing
