# t-track.sh: rollout tracking through the real binary: settings,
# milestones, coverage, and every kind of bad import stopping with
# file:line:column, the field named, and nothing changed.
. tests/cli/lib.sh

export WAYMARK_DB="$TMP/w.db"

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

done_testing
