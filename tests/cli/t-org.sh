#!/bin/sh
# t-org.sh: 'waymark org', and users and projects moved between organisations.
. "$(dirname "$0")/lib.sh"
DB=$(db org)

run --db "$DB" org add north --title "North Trust"
expect_rc 0 "org add"
expect_out "added organisation 'north'" "org add: says so"
run --db "$DB" org add south --title "South Trust"
run --db "$DB" org list --json
expect_out '"name": "north"' "org list --json: north"
expect_out '"title": "South Trust"' "org list --json: south's title"

# bad input: nothing is added
run --db "$DB" org add north --title Again
expect_rc 3 "org add: a name taken is bad input"
expect_err "exists already" "... and says so"
run --db "$DB" org add North --title X
expect_rc 3 "org add: upper case is not a short name"
expect_err "name: 'North'" "... naming the field and value"
run --db "$DB" org add none --title X
expect_rc 3 "org add: 'none' is kept for no organisation"
run --db "$DB" org add 123 --title X
expect_rc 3 "org add: digits alone are not a short name"
run --db "$DB" org add east
expect_rc 3 "org add: the title is required"
expect_err "title" "... naming the field"
run --db "$DB" org add
expect_rc 2 "org add: no name is a usage error"
run --db "$DB" org frobnicate
expect_rc 2 "org: an unknown action is a usage error"
run --db "$DB" org list --json
# north and south only: two organisations
count=$(grep -c '"name"' "$OUT")
[ "$count" = 2 ] && pass "org list: nothing added by the bad ones" ||
	fail "org list: nothing added by the bad ones" "$count organisations"

# users and projects
printf 'ann-password-1\n' | "$WAYMARK" --db "$DB" user add ann --password-stdin \
	--org north --org-admin >/dev/null
printf 'bob-password-1\n' | "$WAYMARK" --db "$DB" user add bob --password-stdin \
	--org north >/dev/null
run --db "$DB" user add cat --org-admin
expect_rc 2 "user add: --org-admin without --org is a usage error"
run --db "$DB" user add cat --org west
expect_rc 4 "user add: an organisation that does not exist"
expect_err "no organisation 'west'" "... is named"
run --db "$DB" user list --json
expect_no_out '"name": "cat"' "user add: ... and no user was added"
run --db "$DB" project new ward-app --org north
expect_rc 0 "project new --org"
run --db "$DB" project new lost --org west
expect_rc 4 "project new --org: an organisation that does not exist"
run --db "$DB" project list --json
expect_no_out '"name": "lost"' "... and no project was made"

run --db "$DB" org show north --json
expect_out '"name": "ann"' "org show: ann"
expect_out '"role": "org-admin"' "org show: ann is its administrator"
expect_out '"role": "member"' "org show: bob a member"
expect_out '"name": "ward-app"' "org show: its project"
run --db "$DB" org show south
expect_out "none" "org show: south has no users or projects yet"
run --db "$DB" org show west
expect_rc 4 "org show: an organisation that does not exist"

run --db "$DB" org rm north
expect_rc 3 "org rm: refused while it has users and projects"
expect_err "still has users or projects" "... and says why"
run --db "$DB" user org bob south
expect_rc 0 "user org: bob moves to south"
run --db "$DB" user org ann none --org-admin
expect_rc 2 "user org: --org-admin with none is a usage error"
run --db "$DB" user org ann none
run --db "$DB" user list --json
expect_out '"organisation": null' "user list --json: ann is in none"
expect_out '"organisation": "south"' "user list --json: bob is in south"
run --db "$DB" org rm north
expect_rc 3 "org rm: still refused with a project"
run --db "$DB" project edit ward-app --org south
expect_rc 0 "project edit --org: ward-app moves to south"
run --db "$DB" project show ward-app --json
expect_out '"organisation": "south"' "project show --json: its organisation"
run --db "$DB" project edit ward-app --org west
expect_rc 4 "project edit --org: an organisation that does not exist"
run --db "$DB" project show ward-app
expect_out "south" "... and it stayed in south"
run --db "$DB" org rm north
expect_rc 0 "org rm: once empty"
run --db "$DB" org list --json
expect_no_out '"north"' "org rm: gone"

done_testing
