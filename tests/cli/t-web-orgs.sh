#!/bin/sh
# t-web-orgs.sh: organisations as tenants. Nobody sees a project they were
# not given, on any project page or API route of src/web/routes.c, and the
# lists (projects, portfolio) show exactly what each may see.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

ROUTES="$(dirname "$0")/../../src/web/routes.c"
start_server
W() { "$WAYMARK" --db "$DB" "$@" >/dev/null 2>"$ERR"; }

# Two organisations. north: nadmin (its administrator), nmember; projects
# n-one and n-two. south: sadmin (its administrator), partner; project
# s-one. partner is invited into north's n-one as a viewer; nmember is a
# contributor of n-two. outsider belongs to no organisation and is given
# nothing. The demo project has no organisation: only the site
# administrator sees it.
W org add north --title "North Trust"
W org add south --title "South Trust"
add_user nadmin nadmin-password-1 --org north --org-admin
add_user nmember nmember-password-1 --org north
add_user sadmin sadmin-password-1 --org south --org-admin
add_user partner partner-password-1 --org south
add_user outsider outsider-password-1
W project new n-one --org north
W project new n-two --org north
W project new s-one --org south
W user grant partner n-one viewer
W user grant nmember n-two contributor
for u in admin nadmin nmember sadmin partner outsider; do
	eval "TOK_$u=\$(\"\$WAYMARK\" --db \"\$DB\" user token $u)"
done

api() {
	m=$1 tok=$2 p=$3
	status=$(curl -s -X "$m" -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
		--data-binary '{}' "$BASE$p")
}
names() { grep -o '"name": *"[^"]*"' "$OUT" | sed 's/.*"\([^"]*\)"$/\1/' | tr '\n' ' '; }
# project_names: the names of the projects in a JSON answer, sorted
project_names() {
	grep -o '"name": *"[a-z0-9-]*"' "$OUT" | sed 's/.*"\([^"]*\)"$/\1/' |
		grep -E '^(n-|s-|demo-)' | sort -u | tr '\n' ' '
}
expect_eq() {
	if [ "$1" = "$2" ]; then pass "$3"; else fail "$3" "got '$1', expected '$2'"; fi
}

# --- the lists: /api/projects and /api/portfolio ---
# expected, worked out by hand from the set-up above
for pair in "admin:demo-clinical-app n-one n-two s-one " \
	    "nadmin:n-one n-two " "nmember:n-two " "sadmin:s-one " \
	    "partner:n-one " "outsider:"; do
	u=${pair%%:*} want=${pair#*:}
	eval "tok=\$TOK_$u"
	api GET "$tok" /api/projects
	expect_eq "$(project_names)" "$want" "/api/projects: $u sees '$want'"
	api GET "$tok" /api/portfolio
	expect_eq "$(project_names)" "$want" "/api/portfolio: $u sees '$want'"
done
# the organisation's administrator leads its projects
api GET "$TOK_nadmin" /api/projects
expect_out '"role":"lead"' "/api/projects: nadmin is lead of north's projects"
api GET "$TOK_partner" /api/projects
expect_out '"role":"viewer"' "/api/projects: partner keeps the role given"

# --- the pages: /projects and /portfolio, each user in their own jar ---
for pair in "nadmin:n-one n-two " "nmember:n-two " "sadmin:s-one " \
	    "partner:n-one " "outsider:"; do
	u=${pair%%:*} want=${pair#*:}
	JAR="$TMP/jar-$u"
	login "$u" "$u-password-1"
	for page in /projects /portfolio; do
		http GET $page
		got=$(grep -o 'href="/p/[a-z0-9-]*"' "$OUT" | sed 's/.*\/p\/\([^"]*\)"/\1/' |
			grep -E '^(n-|s-|demo-)' | sort -u | tr '\n' ' ')
		expect_eq "$got" "$want" "page $page: $u sees '$want'"
	done
done

# --- every project route of the table ---
# ROUTES holds lines such as { "GET",  "/p/:project/log/:id", page_log_edit, C },
routes=$(sed -n 's/^	{ "\([A-Z]*\)", *"\(\/[a-z]*\/*[a-z]*\/*:project[^"]*\)".*/\1 \2/p' "$ROUTES" |
	sed 's/"//g')
nroutes=$(printf '%s\n' "$routes" | grep -c .)
# 36 page routes under /p/:project and 31 under /api/projects/:project at
# the time of writing: at least 60 together
[ "$nroutes" -ge 60 ] && pass "routes: read $nroutes project routes" ||
	fail "routes: read $nroutes project routes" "expected at least 60"

# a CSRF token of each user's session for the pages' POSTs
for u in nadmin sadmin partner outsider; do
	JAR="$TMP/jar-$u"
	csrf_from /projects
	eval "CSRF_$u=\$CSRF"
done

# page METHOD USER PATH: a page request with that user's session
page() {
	m=$1 u=$2 p=$3
	JAR="$TMP/jar-$u"
	eval "c=\$CSRF_$u"
	if [ "$m" = GET ]; then http GET "$p"
	else http "$m" "$p" --data-urlencode "csrf=$c"; fi
}
# call METHOD USER PATTERN PROJECT: the route PATTERN for PROJECT
call() {
	p=$(printf '%s' "$3" | sed "s/:project/$4/; s/:[a-z]*/1/g")
	case $3 in
	/api/*) eval "tok=\$TOK_$2"; api "$1" "$tok" "$p" ;;
	*) page "$1" "$2" "$p" ;;
	esac
}

bad=
badin=
badpartner=
printf '%s\n' "$routes" >"$TMP/routes"
while read -r m pat; do
	# the outsider: 404 for n-one, the same answer as for a missing project
	call "$m" outsider "$pat" n-one
	s1=$status
	sed 's/n-one/X/g' "$OUT" >"$TMP/a"
	call "$m" outsider "$pat" no-such-project
	sed 's/no-such-project/X/g' "$OUT" >"$TMP/b"
	if [ "$s1" != 404 ] || [ "$status" != 404 ] || ! cmp -s "$TMP/a" "$TMP/b"; then
		bad="$bad $m:$pat($s1)"
	fi
	# the south administrator sees nothing of north either
	call "$m" sadmin "$pat" n-two
	[ "$status" = 404 ] || bad="$bad sadmin:$m:$pat($status)"
	# the partner: nothing of n-two, north's project they were not given
	call "$m" partner "$pat" n-two
	[ "$status" = 404 ] || badpartner="$badpartner $m:$pat($status)"
	# north's administrator gets into every page that names no other thing
	case $m:$pat in
	GET:*:project) ;;
	GET:*:project/[a-z-]*)
		case $pat in *:project/*:*) continue ;; esac
		# (a 404 about a thing inside, such as breakeven's missing
		# cost model, is not the 404 of a project one may not see)
		call GET nadmin "$pat" no-such-project
		sed 's/no-such-project/X/g' "$OUT" >"$TMP/b"
		call GET nadmin "$pat" n-one
		sed 's/n-one/X/g' "$OUT" >"$TMP/a"
		case $status in
		200) ;; 404) ! cmp -s "$TMP/a" "$TMP/b" || badin="$badin nadmin:$pat" ;;
		*) badin="$badin nadmin:$pat($status)" ;;
		esac
		# the partner reads n-one except what only leads may read
		call GET partner "$pat" n-one
		sed 's/n-one/X/g' "$OUT" >"$TMP/a"
		case $status in
		200|403) ;; 404) ! cmp -s "$TMP/a" "$TMP/b" || badin="$badin partner:$pat" ;;
		*) badin="$badin partner:$pat($status)" ;;
		esac
		;;
	esac
done <"$TMP/routes"
[ -z "$bad" ] && pass "every project route: 404 for outsiders, as for no project" ||
	fail "every project route: 404 for outsiders, as for no project" "$bad"
[ -z "$badpartner" ] && pass "every project route: 404 for the partner on a project not given" ||
	fail "every project route: 404 for the partner on a project not given" "$badpartner"
[ -z "$badin" ] && pass "every project page: the org-admin and the invited partner get in" ||
	fail "every project page: the org-admin and the invited partner get in" "$badin"

# the org-admin leads: the members page and the audit log (lead only)
page GET nadmin /p/n-one/audit
expect_status 200 "page: nadmin reads the audit log of n-one (lead)"
page GET partner /p/n-one/audit
expect_status 403 "page: the partner, a viewer, may not"
api GET "$TOK_nmember" /api/projects/n-one
expect_status 404 "api: a member of north without n-one does not see it"

# --- a project made on the web is in its maker's organisation ---
status=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOK_nadmin" \
	-H 'Content-Type: application/json' --data '{"name":"n-three"}' "$BASE/api/projects")
expect_status 201 "api: nadmin makes n-three"
run --db "$DB" org show north --json
expect_out '"name": "n-three"' "n-three is north's"
api GET "$TOK_nmember" /api/projects/n-three
expect_status 404 "api: ... and a plain member of north does not see it"
status=$(curl -s -o "$OUT" -w '%{http_code}' -H "Authorization: Bearer $TOK_outsider" \
	-H 'Content-Type: application/json' --data '{"name":"lone"}' "$BASE/api/projects")
run --db "$DB" project show lone --json
expect_out '"organisation": null' "a project made by a user of no organisation has none"

stop_server
done_testing
