# t-track.sh: rollout tracking through the real binary: settings,
# milestones, coverage, and every kind of bad import stopping with
# file:line:column, the field named, and nothing changed.
. tests/cli/lib.sh

export WAYMARK_DB="$(db w)"

# state: what the database holds of the project, as waymark reports it
state() {
	{
		"$WAYMARK" setting list p1 --json
		"$WAYMARK" coverage p1 --from 2024-01-01 --to 2024-12-31 --json
	} 2>/dev/null | cksum
}
unchanged() {
	if [ "$(state)" = "$before" ]; then pass "$1: nothing changed"
	else fail "$1: nothing changed"; fi
}
# bad_import KIND FILE WHERE FIELD NAME: exit 3, position and field named
bad_import() {
	run "$1" import p1 "$2"
	expect_rc 3 "$5: exit 3"
	expect_err "$2:$3: $4:" "$5: reported at $3 with the field"
	expect_err "nothing was imported" "$5: says nothing was imported"
	unchanged "$5"
}

run project new p1 --settings 8
expect_rc 0 "project for tracking"

run milestone list p1
expect_rc 0 "milestone list"
expect_out "isa-signed" "default milestones listed"
expect_out "routine-use" "last default milestone listed"
run milestone list p1 --json
expect_out '"position": 6' "milestones as JSON with positions"

run setting add p1 --name "Trust A" --type organisation
expect_rc 0 "setting add"
run setting add p1 --name "Site 1" --type site --parent "Trust A" --it-system EMIS
expect_rc 0 "setting add with parent"
run setting add p1 --name "Site 1" --type site
expect_rc 3 "setting add: name taken"
expect_err "name: the project has a setting 'Site 1' already" "taken name explained"
run setting add p1 --name "Q" --type clinic
expect_rc 3 "setting add: bad type"
expect_err "type: 'clinic'" "bad type explained"
run setting add p1 --name "Q" --type site --parent Nowhere
expect_rc 3 "setting add: unknown parent"
expect_err "parent: the project has no setting 'Nowhere'" "unknown parent explained"
run setting add p1 --name "Q"
expect_rc 2 "setting add without --type is a usage error"
run setting add nope --name Q --type site
expect_rc 4 "setting add: unknown project"

printf 'name,type,parent,it_system\nTeam X,team,Site 1,\nTeam Y,team,Site 2,SystmOne\nSite 2,site,Trust A,\n' >"$TMP/s.csv"
run setting import p1 "$TMP/s.csv"
expect_rc 0 "setting import"
expect_out "imported 3 settings" "import counted"
run setting list p1
expect_out "Team Y" "imported setting listed"
expect_out "SystmOne" "IT system listed"

printf 'setting,milestone,date\nTrust A,live,2024-01-10\nSite 1,engaged,2024-01-01\nTeam X,trained,2024-03-01\nTeam Y,routine-use,2024-02-01\n' >"$TMP/m.csv"
run milestone import p1 "$TMP/m.csv"
expect_rc 0 "milestone import"
expect_out "recorded 4 milestones" "milestones counted"
run milestone set p1 "Site 2" live 2024-05-01
expect_rc 0 "milestone set"
run setting list p1 --json
expect_out '"live": "2024-05-01"' "milestone set shows in the list"

# coverage by hand: 8 must take part (project figure > 5 registered).
# live by 2024-02-01: Trust A (live) and Team Y (routine use): 2/8 = 25%;
# by 2024-05-01 Site 2 too: 3/8 = 37.5%; sites 1/2 = 50%.
run coverage p1 --from 2024-01-01 --to 2024-06-01
expect_rc 0 "coverage"
expect_out "2024-02-01  2        25.0%" "coverage 25% in February"
expect_out "2024-05-01  3        37.5%  100.0%        50.0%" "coverage 37.5% in May, by type"
expect_out "Site 1" "stalled setting listed"
expect_out "not started: 0" "nobody left not started"
run coverage p1 --from 2024-01-01 --to 2024-06-01 --json
expect_out '"population": 8' "population is the project's figure"
expect_out '"share": 0.375' "share in JSON"
run coverage p1 --milestone engaged --from 2024-01-01 --to 2024-01-01 --every week
expect_out "2024-01-01  1        12.5%" "engaged on the first day: 1/8"
run coverage p1 --milestone nope
expect_rc 4 "coverage: unknown milestone"
run coverage p1 --from 2024-02-30
expect_rc 3 "coverage: impossible date"
run coverage p1 --every fortnight
expect_rc 2 "coverage: bad --every"
run coverage p1 --stalled-weeks 0
expect_rc 2 "coverage: bad --stalled-weeks"
run coverage p1 --from 2024-06-01 --to 2024-01-01
expect_rc 3 "coverage: from after to"
run project edit p1 --settings 2
run coverage p1 --from 2024-06-01 --to 2024-06-01 --json
expect_out '"population": 5' "population is the registry when larger"

# milestone set: each bad value
before=$(state)
run milestone set p1 "Site 2" live 2024-02-30
expect_rc 3 "milestone set: impossible day"
expect_err "date: '2024-02-30' is not a day of the calendar" "impossible day explained"
run milestone set p1 "Site 2" live 2999-01-01
expect_rc 3 "milestone set: future day"
run milestone set p1 Nope live 2024-02-01
expect_rc 4 "milestone set: unknown setting"
run milestone set p1 "Site 2" nope 2024-02-01
expect_rc 4 "milestone set: unknown milestone"
unchanged "milestone set with bad values"

# setting import: each kind of bad input
c() { printf "$2" >"$TMP/$1"; }
c dup.csv 'name,type\nNew,team\nNew,site\n'
bad_import setting "$TMP/dup.csv" 3:1 name "setting import: name twice in the file"
expect_err "'New' is given already on line 2" "line of the first named"
c taken.csv 'name,type\nOk,team\nSite 1,site\n'
bad_import setting "$TMP/taken.csv" 3:1 name "setting import: name in the project"
c type.csv 'name,type\nOk,team\nBad,clinic\n'
bad_import setting "$TMP/type.csv" 3:5 type "setting import: bad type"
c parent.csv 'name,type,parent\nOk,team,\nBad,team,Nowhere\n'
bad_import setting "$TMP/parent.csv" 3:10 parent "setting import: unknown parent"
c self.csv 'name,type,parent\nBad,team,Bad\n'
bad_import setting "$TMP/self.csv" 2:10 parent "setting import: own parent"
c circle.csv 'name,type,parent\nP,team,Q\nQ,team,P\n'
bad_import setting "$TMP/circle.csv" 2:8 parent "setting import: circle of parents"
c empty.csv 'name,type\n"",team\n'
bad_import setting "$TMP/empty.csv" 2:1 name "setting import: empty name"
long=$(printf '%0250d' 0)
c long.csv "name,type\nok,team\n$long,site\n"
bad_import setting "$TMP/long.csv" 3:1 name "setting import: name too long"
c ctrl.csv 'name,type,it_system\nok,team,"a\001b"\n'
bad_import setting "$TMP/ctrl.csv" 2:9 it_system "setting import: control character"
printf 'name,type\nok,team\n\377x,site\n' >"$TMP/utf8.csv"
run setting import p1 "$TMP/utf8.csv"
expect_rc 3 "setting import: bad UTF-8"
expect_err "not valid UTF-8" "bad UTF-8 explained"
unchanged "setting import: bad UTF-8"
c fields.csv 'name,type\nok,team,extra\n'
run setting import p1 "$TMP/fields.csv"
expect_rc 3 "setting import: extra field"
expect_err "fields.csv:2:1: expected 2 fields" "extra field at its line"
unchanged "setting import: extra field"
c head.csv 'name,kind\nok,team\n'
run setting import p1 "$TMP/head.csv"
expect_rc 3 "setting import: unknown column"
expect_err "head.csv:1:6: kind: unknown column" "unknown column named"
unchanged "setting import: unknown column"
c nohead.csv 'name\nok\n'
run setting import p1 "$TMP/nohead.csv"
expect_rc 3 "setting import: required column missing"
expect_err "type: the header must name the column" "missing column named"
run setting import p1 "$TMP/none.csv"
expect_rc 4 "setting import: no such file"
unchanged "setting import: every bad file"

# milestone import: each kind of bad input
c ms1.csv 'setting,milestone,date\nSite 2,engaged,2024-01-01\nNope,live,2024-01-01\n'
bad_import milestone "$TMP/ms1.csv" 3:1 setting "milestone import: unknown setting"
c ms2.csv 'setting,milestone,date\nSite 2,engaged,2024-01-01\nSite 2,gone,2024-01-01\n'
bad_import milestone "$TMP/ms2.csv" 3:8 milestone "milestone import: unknown milestone"
c ms3.csv 'setting,milestone,date\nSite 2,engaged,2024-01-01\nSite 2,trained,2024-02-30\n'
bad_import milestone "$TMP/ms3.csv" 3:16 date "milestone import: impossible day"
c ms4.csv 'setting,milestone,date\nSite 2,engaged,2024-01-01\nSite 2,trained,1/2/2024\n'
bad_import milestone "$TMP/ms4.csv" 3:16 date "milestone import: bad format"
c ms5.csv 'setting,milestone,date\nSite 2,engaged,2024-01-01\nSite 2,trained,2999-01-01\n'
bad_import milestone "$TMP/ms5.csv" 3:16 date "milestone import: future day"
c ms6.csv 'setting,milestone,date\nSite 2,engaged,2024-01-01\nSite 2,engaged,2024-01-02\n'
bad_import milestone "$TMP/ms6.csv" 3:8 milestone "milestone import: pair twice"
c ms7.csv 'setting,milestone\nSite 2,engaged\n'
run milestone import p1 "$TMP/ms7.csv"
expect_rc 3 "milestone import: date column missing"
expect_err "date: the header must name the column" "missing date column named"
unchanged "milestone import: every bad file"

# --- editing the registry ---
run setting edit p1 "Site 2" --name "Site Two" --it-system Lorenzo
expect_rc 0 "setting edit: rename"
run setting show p1 "Team Y" --json
expect_out '"parent": "Site Two"' "setting edit: children follow the new name"
run setting show p1 "Site Two"
expect_out "it system:  Lorenzo" "setting show: the new IT system"
expect_out "live         2024-05-01" "setting show: milestones with their days"
before=$(state)
run setting edit p1 "Trust A" --parent "Team Y"
expect_rc 3 "setting edit: a circle of parents"
expect_err "would make a circle" "setting edit: circle explained"
run setting edit p1 "Trust A" --parent "Trust A"
expect_rc 3 "setting edit: its own parent"
expect_err "parent: a setting cannot be its own parent" "own parent explained"
run setting edit p1 "Site 1" --name "Team X"
expect_rc 3 "setting edit: a name taken"
expect_err "name: the project has a setting 'Team X' already" "name taken explained"
run setting edit p1 "Site 1" --type ward
expect_rc 3 "setting edit: a bad type"
run setting edit p1 "Site 1" --parent Nowhere
expect_rc 3 "setting edit: an unknown parent"
run setting edit p1 Nope --type site
expect_rc 4 "setting edit: an unknown setting"
run setting edit p1 "Site 1"
expect_rc 2 "setting edit: nothing to change is a usage error"
run setting rm p1 "Trust A"
expect_rc 3 "setting rm: a parent of others is refused"
expect_err "'Trust A' is the parent of 'Site 1', 'Site Two'" "setting rm: says which settings"
run setting rm p1 Nope
expect_rc 4 "setting rm: an unknown setting"
run setting show p1 Nope
expect_rc 4 "setting show: an unknown setting"
unchanged "registry edits refused"

# tools
run setting tool add p1 "Team X" "paper folders"
expect_rc 0 "setting tool add"
run setting tool add p1 "Team Y" "paper folders"
run setting tool add p1 "Team Y" "fax"
run setting tool add p1 "Team Y" fax
expect_rc 3 "setting tool add: twice"
expect_err "tool: 'Team Y' uses 'fax' already" "tool twice explained"
run setting tool add p1 "Team Y" ""
expect_rc 3 "setting tool add: empty"
run setting tool rm p1 "Team X" fax
expect_rc 4 "setting tool rm: a tool it lacks"
run setting tool frob p1 "Team X" fax
expect_rc 2 "setting tool: an unknown action"
run setting list p1
expect_out "fax, paper folders" "setting list: the tools"
run setting show p1 "Team Y" --json
expect_out '"tools": [' "setting show --json: the tools"
# by hand: paper folders in Team X and Team Y (2), fax in Team Y (1)
run coverage p1 --from 2024-06-01 --to 2024-06-01 --json
expect_out '"tool": "paper folders",' "coverage: tools in use"
expect_out '"settings": 2' "coverage: paper folders in 2 settings"
run coverage p1 --from 2024-06-01 --to 2024-06-01
expect_out "paper folders  2" "coverage text: tools with counts"
run setting tool rm p1 "Team Y" fax
expect_rc 0 "setting tool rm"

# remove a setting with no children: Team X (trained 2024-03-01) goes
run setting rm p1 "Team X"
expect_rc 0 "setting rm"
run setting list p1 --json
expect_no_out '"Team X"' "setting rm: gone from the list"

# --- the milestones' list ---
run milestone add p1 go-live-ready "Ready to go live" --after trained
expect_rc 0 "milestone add after another"
run milestone list p1
expect_out "5  go-live-ready  Ready to go live" "milestone add: in fifth place"
expect_out "6  live" "milestone add: live moves down"
run milestone add p1 audit "Audited"
expect_out "added milestone" "milestone add at the end"
run milestone list p1 --json
expect_out '"position": 8' "milestone add: eight milestones"
run milestone move p1 audit --first
expect_rc 0 "milestone move --first"
run milestone list p1
expect_out "1  audit" "milestone move: first"
run milestone move p1 audit --after routine-use
run milestone list p1
expect_out "8  audit" "milestone move --after: last"
run milestone rename p1 audit "Clinical safety audit"
expect_rc 0 "milestone rename"
run milestone list p1
expect_out "Clinical safety audit" "milestone rename: the new title"
before=$(state)
run milestone add p1 live "Again"
expect_rc 3 "milestone add: id taken"
expect_err "id: the project has a milestone 'live' already" "id taken explained"
run milestone add p1 "go live" "Bad id"
expect_rc 3 "milestone add: bad id"
expect_err "may hold only a to z" "bad id explained"
run milestone add p1 9lives "Bad id"
expect_rc 3 "milestone add: id not starting with a letter"
run milestone add p1 ok ""
expect_rc 3 "milestone add: empty title"
expect_err "title:" "empty title explained"
run milestone add p1 ok "Ok" --after nope
expect_rc 4 "milestone add: after an unknown milestone"
run milestone move p1 audit --after audit
expect_rc 3 "milestone move: after itself"
run milestone move p1 audit
expect_rc 2 "milestone move: neither --after nor --first"
run milestone move p1 audit --first --after live
expect_rc 2 "milestone move: both --after and --first"
run milestone move p1 nope --first
expect_rc 4 "milestone move: unknown milestone"
run milestone rename p1 nope "X"
expect_rc 4 "milestone rename: unknown milestone"
run milestone rm p1 live
expect_rc 3 "milestone rm: reached by settings"
# live was reached by Trust A and Site Two (Team X is gone): 2 settings
expect_err "2 settings reached 'live'; give --force" "milestone rm: says how many and what to do"
unchanged "milestone list edits refused"
run milestone rm p1 audit
expect_rc 0 "milestone rm: reached by nobody"
run milestone rm p1 live --force
expect_rc 0 "milestone rm --force"
expect_out "with 2 records" "milestone rm --force: the records removed"
run setting show p1 "Trust A" --json
expect_no_out '"live"' "milestone rm --force: the days are gone"
# coverage of the default now that live is gone: the last milestone
run coverage p1 --from 2024-06-01 --to 2024-06-01 --json
expect_out '"milestone": "routine-use"' "coverage: without live, the last milestone"

# --- usage figures ---
# Site 1, Site Two, Team Y: active users in two months
c u1.csv 'setting,metric,month,value,eligible\nSite 1,active users,2024-01,30,40\nSite Two,active users,2024-01,10,\nTeam Y,active users,2024-01,5,10\nSite 1,active users,2024-02,36,40\nSite 1,records,2024-01,100,\n'
run usage import p1 "$TMP/u1.csv"
expect_rc 0 "usage import"
expect_out "recorded 5 usage figures" "usage import: counted"
# 2024-01 active users: total 30 + 10 + 5 = 45 from 3 settings; eligible
# known for Site 1 and Team Y: 40 + 10 = 50, their values 30 + 5 = 35,
# share 35 / 50 = 70%. 2024-02: 36 / 40 = 90%, 1 setting.
run usage p1 --metric "active users"
expect_out "active users  2024-01  45     3         50 (2)    70.0%" "usage: January by hand"
expect_out "active users  2024-02  36     1         40 (1)    90.0%" "usage: February by hand"
expect_no_out "records" "usage --metric: only that metric"
run usage p1 --json
expect_out '"share": 0.7' "usage --json: the share"
expect_out '"metric": "records"' "usage --json: every metric"
expect_out '"eligible": null' "usage --json: no eligible for records"
# a figure again replaces the earlier one: Site 1 in February 20 of 40
c u2.csv 'setting,metric,month,value,eligible\nSite 1,active users,2024-02,20,40\n'
run usage import p1 "$TMP/u2.csv"
run usage p1 --metric "active users"
expect_out "active users  2024-02  20     1         40 (1)    50.0%" "usage import: a figure replaced"
run usage p1 --metric nothing
expect_out "no usage figures" "usage: a metric with no figures"
run usage nope
expect_rc 4 "usage: unknown project"

# usage import: each kind of bad input
ustate() { "$WAYMARK" usage p1 --json 2>/dev/null | cksum; }
bad_usage() {
	b=$(ustate)
	run usage import p1 "$TMP/$1"
	expect_rc 3 "$4: exit 3"
	expect_err "$TMP/$1:$2: $3:" "$4: reported at $2 with the field"
	expect_err "nothing was imported" "$4: says nothing was imported"
	if [ "$(ustate)" = "$b" ]; then pass "$4: nothing changed"
	else fail "$4: nothing changed"; fi
}
H='setting,metric,month,value,eligible\nSite 1,m,2024-03,1,2\n'
c ub1.csv "${H}Nope,m,2024-03,1,\n"
bad_usage ub1.csv 3:1 setting "usage import: unknown setting"
c ub2.csv "${H}Site 1,,2024-04,1,\n"
bad_usage ub2.csv 3:8 metric "usage import: empty metric"
c ub3.csv "${H}Site 1,m,2024-13,1,\n"
bad_usage ub3.csv 3:10 month "usage import: month 13"
c ub4.csv "${H}Site 1,m,24-03,1,\n"
bad_usage ub4.csv 3:10 month "usage import: month written wrongly"
c ub5.csv "${H}Site 1,m,2999-01,1,\n"
bad_usage ub5.csv 3:10 month "usage import: a month to come"
c ub6.csv "${H}Site 1,m,2024-04,-1,\n"
bad_usage ub6.csv 3:18 value "usage import: a negative value"
c ub7.csv "${H}Site 1,m,2024-04,lots,\n"
bad_usage ub7.csv 3:18 value "usage import: a value that is not a number"
c ub8.csv "${H}Site 1,m,2024-04,inf,\n"
bad_usage ub8.csv 3:18 value "usage import: an infinite value"
c ub9.csv "${H}Site 1,m,2024-04,1,0\n"
bad_usage ub9.csv 3:20 eligible "usage import: eligible 0"
c ub10.csv "${H}Site 1,m,2024-04,5,4\n"
bad_usage ub10.csv 3:20 eligible "usage import: eligible below the value"
c ub11.csv "${H}Site 1,m,2024-03,2,\n"
bad_usage ub11.csv 3:10 month "usage import: the same figure twice"
expect_err "is given already on line 2" "usage import: names the first line"
c ub12.csv 'setting,metric,month\nSite 1,m,2024-03\n'
run usage import p1 "$TMP/ub12.csv"
expect_rc 3 "usage import: value column missing"
expect_err "value: the header must name the column" "usage import: missing column named"
c ub13.csv 'setting,metric,month,value,extra\nSite 1,m,2024-03,1,x\n'
run usage import p1 "$TMP/ub13.csv"
expect_rc 3 "usage import: unknown column"
expect_err "extra: unknown column" "usage import: unknown column named"
c ub14.csv "${H}Site 1,m,2024-04\n"
run usage import p1 "$TMP/ub14.csv"
expect_rc 3 "usage import: too few fields"
expect_err "ub14.csv:3:1: expected 5 fields" "usage import: too few fields at their line"
printf 'setting,metric,month,value\nSite 1,\377,2024-03,1\n' >"$TMP/ub15.csv"
run usage import p1 "$TMP/ub15.csv"
expect_rc 3 "usage import: bad UTF-8"
expect_err "not valid UTF-8" "usage import: bad UTF-8 explained"
run usage import p1 "$TMP/none.csv"
expect_rc 4 "usage import: no such file"
run usage import p1
expect_rc 2 "usage import: no file is a usage error"

done_testing
