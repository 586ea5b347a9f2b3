# t-kb.sh: the evidence base through the binary: list, show, search,
# crosswalk, check, and bad overlay folders.
. tests/cli/lib.sh

run kb check
expect_rc 0 "the shipped evidence base passes kb check"
expect_out "ok: 5 frameworks" "five frameworks built in"

# works with nothing around it: from an empty folder
(cd "$TMP" && "$WAYMARK" kb list >/dev/null 2>&1)
if [ $? -eq 0 ]; then pass "runs from an empty folder"; else fail "runs from an empty folder"; fi

run kb list
expect_rc 0 "kb list"
expect_out "streams-2022.barrier.byod-mdm" "kb list shows elements"

run kb list --source hf-tech-framework --kind factor --json
expect_out '"count": 7' "seven Health Foundation factors"
run kb list --source nosuch
expect_rc 4 "unknown framework is not found"

run kb search BYOD
expect_rc 0 "search BYOD"
for id in streams-2022.barrier.byod-mdm streams-2022.lesson.byod-mdm-early \
	  nhsd-mobile-toolkit.consideration.business-case-centralised-management; do
	expect_out "$id" "BYOD finds $id"
done
expect_out "Aggarwal R" "search results carry citations"
expect_out "NHS Digital. Mobile investment toolkit" "toolkit citation shown"

run kb search devices --json
expect_out '"matched": "devices"' "search reports the words matched"
run kb search device --limit 0
expect_out "streams-2022.barrier.byod-mdm" "'device' finds 'devices' (stemming)"
run kb search zzzqqq
expect_rc 4 "no match exits 4"

run kb show streams-2022.barrier.byod-mdm
expect_out "Devices and security policy" "show names determinants"
expect_out "What other frameworks say" "show crosses to other frameworks"
expect_out "streams-2022, Table 1" "show gives the source locator"
run kb show streams-2022.barrier.byod-mdm --json
expect_out '"same_determinants"' "show --json has the crosswalk"
expect_out '"citation": "Aggarwal R' "show --json has the citation"

run kb crosswalk
expect_out "Leadership and governance" "crosswalk table"
run kb crosswalk --json
expect_out '"determinants"' "crosswalk --json"

# --- overlays: an organisation's own framework ---
mkdir -p "$TMP/own"
cat >"$TMP/own/nasss.yaml" <<'YAML'
framework:
  id: nasss-demo
  title: A small local framework
  citation: Local working group, 2026.
elements:
  - id: nasss-demo.domain.condition
    kind: theme
    title: The condition
    summary: How complex the illness being managed is.
    determinants: [safety-equity]
    source: Domain 1
YAML
run --kb "$TMP/own" kb show nasss-demo.domain.condition
expect_rc 0 "--kb adds a framework"
WAYMARK_KB="$TMP/own" run kb list --source nasss-demo
expect_out "nasss-demo.domain.condition" "WAYMARK_KB adds a framework"
run kb check "$TMP/own"
expect_rc 0 "kb check DIR accepts a good overlay"

# an overlay with the same framework id replaces the built-in one
mkdir -p "$TMP/repl"
sed 's/nasss-demo/hf-tech-framework/g' "$TMP/own/nasss.yaml" >"$TMP/repl/hf.yaml"
run --kb "$TMP/repl" kb list --source hf-tech-framework --json
expect_out '"count": 1' "overlay replaces a framework whole"

# bad overlays: each gives file:line:col and a clear message, exit 3
bad() { # NAME MESSAGE: writes $TMP/bad/f.yaml from stdin, runs kb check
	rm -rf "$TMP/bad"; mkdir -p "$TMP/bad"; cat >"$TMP/bad/f.yaml"
	run kb check "$TMP/bad"
	expect_rc 3 "$1: exit 3"
	expect_err "$2" "$1: message"
}
bad "duplicate id" "f.yaml:12:9: duplicate id 'x-fw.theme.a', first defined at" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: S
    determinants: [leadership]
    source: p1
  - kind: theme
    title: B
    summary: S
    id: x-fw.theme.a
    determinants: [leadership]
    source: p2
YAML
bad "unknown determinant" "f.yaml:7:20: element 'x-fw.theme.a': unknown determinant 'leadershp'" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: S
    determinants: [leadershp]
    source: p1
YAML
bad "link to unknown id" "unknown parent 'x-fw.theme.zzz'" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: S
    determinants: [leadership]
    source: p1
    parent: x-fw.theme.zzz
YAML
bad "unknown related id" "unknown related id 'streams-2022.nope'" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: S
    determinants: [leadership]
    source: p1
    related: [streams-2022.nope]
YAML
bad "missing citation" "f.yaml:1:12: framework: missing or empty field 'citation'" <<'YAML'
framework: {id: x-fw, title: T}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: S
    determinants: [leadership]
    source: p1
YAML
bad "missing source" "f.yaml:3:5: element 'x-fw.theme.a': missing field 'source'" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: S
    determinants: [leadership]
YAML
bad "no determinant" "element 'x-fw.theme.a': no determinants" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: S
    source: p1
YAML
bad "empty text" "f.yaml:6:14: element 'x-fw.theme.a': field 'summary' is empty" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: "  "
    determinants: [leadership]
    source: p1
YAML
bad "cycle" "its parents form a cycle" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: S
    determinants: [leadership]
    source: p1
    parent: x-fw.theme.b
  - id: x-fw.theme.b
    kind: theme
    title: B
    summary: S
    determinants: [leadership]
    source: p1
    parent: x-fw.theme.a
YAML
bad "unknown kind" "unknown kind 'themee'" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: themee
    title: A
    summary: S
    determinants: [leadership]
    source: p1
YAML
bad "unknown field" "f.yaml:9:5: unknown field 'sumary'" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: A
    summary: S
    determinants: [leadership]
    source: p1
    sumary: S
YAML
bad "invalid YAML" "f.yaml:4:1: invalid YAML: did not find expected" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: [unclosed
YAML
bad "wrong type" "field 'title': expected a string, found a list" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: x-fw.theme.a
    kind: theme
    title: [A, B]
    summary: S
    determinants: [leadership]
    source: p1
YAML
bad "id outside its framework" "id must start with 'x-fw.'" <<'YAML'
framework: {id: x-fw, title: T, citation: C}
elements:
  - id: other.theme.a
    kind: theme
    title: A
    summary: S
    determinants: [leadership]
    source: p1
YAML
printf 'framework: {id: x-fw, title: "\377", citation: C}\nelements: []\n' >"$TMP/bad.yaml"
rm -rf "$TMP/bad"; mkdir -p "$TMP/bad"; mv "$TMP/bad.yaml" "$TMP/bad/f.yaml"
run kb check "$TMP/bad"
expect_rc 3 "invalid UTF-8 rejected"
: >"$TMP/bad/f.yaml"
run kb check "$TMP/bad"
expect_err "f.yaml:1:1: the file is empty" "empty file rejected"
run kb check "$TMP/nonexistent"
expect_rc 3 "missing folder rejected"
expect_err "cannot read the folder" "missing folder explained"

# a bad overlay stops other commands too, with the problems listed
run --kb "$TMP/bad" kb list
expect_rc 3 "a bad overlay stops kb list"
expect_err "the evidence base is invalid" "and says so"

run kb check --json "$TMP/bad"
expect_out '"valid": false' "kb check --json reports invalid"

done_testing
