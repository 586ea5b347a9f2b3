#!/bin/sh
# t-web-occ.sh: no lost updates. Two people open the same record; the
# first save wins, the second is told the record changed (409), shown
# both versions, and nothing of it is saved until sent again on top of
# the stored version. Through the pages and through the JSON API.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

P=/p/demo-clinical-app
A=/api/projects/demo-clinical-app
J='Content-Type: application/json'
start_server
login admin "$ADMIN_PW"
expect_status 303 "the administrator logs in"
TOKEN=$("$WAYMARK" --db "$DB" user token admin)

# api METHOD PATH [CURL ARGS...]: with the admin's token
api() {
	m=$1 p=$2
	shift 2
	status=$(curl -s -X "$m" -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-H "Authorization: Bearer $TOKEN" "$@" "$BASE$p")
}
# power_of ID: the stakeholder's power as the CLI reads it
power_of() {
	"$WAYMARK" --db "$DB" stakeholder list demo-clinical-app --json |
		tr -d ' \n' | grep -o "\"id\":$1,[^}]*" | sed -n 's/.*"power":\([0-9]*\).*/\1/p'
}
# form_version: the hidden version field of the page in $OUT
form_version() { sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' "$OUT" | head -1; }
# save POWER VERSION: post the stakeholder form of stakeholder 1
save() {
	http POST "$P/stakeholders/1" --data-urlencode "csrf=$CSRF" \
		--data-urlencode "name=Chief nursing officer" --data-urlencode "group=clinical" \
		--data-urlencode "organisation=" --data-urlencode "power=$1" \
		--data-urlencode "interest=3" --data-urlencode "attitude=supporter" \
		${2:+--data-urlencode "version=$2"}
}

# --- the stakeholder form ---
csrf_from "$P/stakeholders/1"
expect_status 200 "form: the edit page answers"
v=$(form_version)
# a new record is at version 1 (migration 7's default and the store's add)
[ "$v" = 1 ] && pass "form: it carries version 1" || fail "form: it carries version 1" "got '$v'"
save 5 1
expect_status 303 "form: the first save (from version 1) is kept"
[ "$(power_of 1)" = 5 ] && pass "form: power 5 stored" || fail "form: power 5 stored" "$(power_of 1)"
save 2 1
expect_status 409 "form: the second save from version 1 is stale"
expect_out 'Changed since you opened it' "form: the page says the record changed"
expect_out '<tr><th scope="row">power</th><td>5</td><td>2</td></tr>' \
	"form: the stored power (5) beside the one submitted (2)"
[ "$(power_of 1)" = 5 ] && pass "form: the first save stays" || fail "form: the first save stays" "$(power_of 1)"
# 1 + the first save = 2: the form comes back on the stored version
v=$(form_version)
[ "$v" = 2 ] && pass "form: shown again on version 2" || fail "form: shown again on version 2" "got '$v'"
expect_out '<option value="2" selected>2</option>' "form: the submitted power is kept in the form"
save 2 "$v"
expect_status 303 "form: sending it again applies it on top"
[ "$(power_of 1)" = 2 ] && pass "form: power 2 stored" || fail "form: power 2 stored" "$(power_of 1)"
save 4 x
expect_status 422 "form: a version that is not a number is refused"
expect_out 'version' "form: the problem names the version"
[ "$(power_of 1)" = 2 ] && pass "form: nothing saved on a bad version" || fail "form: nothing saved on a bad version" "$(power_of 1)"

# --- the project settings form ---
csrf_from "$P/edit"
v=$(form_version)
[ -n "$v" ] && pass "settings: the form carries a version" || fail "settings: the form carries a version" "none"
# post_settings STAFF: the settings form with the title and staff given
# (the fields not sent stay as they are)
post_settings() {
	http POST "$P/edit" --data-urlencode "csrf=$CSRF" --data-urlencode "version=$v" \
		--data-urlencode "title=Hospital-wide clinical app" --data-urlencode "staff=$1"
}
post_settings 111
expect_status 303 "settings: the first save is kept"
post_settings 222
expect_status 409 "settings: the second save from the same version is stale"
expect_out '<tr><th scope="row">staff</th><td>111</td><td>222</td></tr>' \
	"settings: the stored staff (111) beside the submitted (222)"

# --- a setting of the registry (its edit goes through the registry's rules) ---
csrf_from "$P/registry/1"
v=$(form_version)
name=$(sed -n 's/.*name="name" value="\([^"]*\)".*/\1/p' "$OUT" | head -1)
reg() {
	http POST "$P/registry/1" --data-urlencode "csrf=$CSRF" --data-urlencode "version=$v" \
		--data-urlencode "name=$name" --data-urlencode "it_system=$1"
}
reg "first system"
expect_status 303 "registry: the first save is kept"
reg "second system"
expect_status 409 "registry: the second save from the same version is stale"
expect_out '<tr><th scope="row">it_system</th><td>first system</td><td>second system</td></tr>' \
	"registry: the stored IT system beside the submitted"

# --- the JSON API ---
api GET "$A/stakeholders/1"
expect_status 200 "api: one stakeholder"
# 1, then two saves through the form: version 3
expect_out '"version":3' "api: its version is 3"
expect_header 'ETag: "3"' "api: and its ETag"
api PUT "$A/stakeholders/1" -H "$J" -H 'If-Match: "3"' --data-binary '{"power":4}'
expect_status 200 "api: PUT with If-Match of the stored version"
expect_out '"version":4' "api: the version is raised to 4"
api PUT "$A/stakeholders/1" -H "$J" -H 'If-Match: "3"' --data-binary '{"power":1}'
expect_status 409 "api: PUT with an old If-Match is stale"
expect_out '"code":"stale"' "api: the error says stale"
expect_out '"current":{' "api: with the record as stored"
expect_out '"power":4' "api: the stored power (4)"
[ "$(power_of 1)" = 4 ] && pass "api: nothing overwritten" || fail "api: nothing overwritten" "$(power_of 1)"
api PATCH "$A/stakeholders/1" -H "$J" --data-binary '{"power":1,"version":3}'
expect_status 409 "api: a version field in the body works as If-Match"
api PATCH "$A/stakeholders/1" -H "$J" --data-binary '{"power":1,"version":4}'
expect_status 200 "api: PATCH from the stored version"
api PATCH "$A/stakeholders/1" -H "$J" -H 'If-Match: "5"' --data-binary '{"version":4}'
expect_status 400 "api: If-Match and version that disagree are refused"
api PATCH "$A/stakeholders/1" -H "$J" -H 'If-Match: soon' --data-binary '{}'
expect_status 400 "api: an If-Match that is not a version is refused"
api PATCH "$A/stakeholders/1" -H "$J" --data-binary '{"version":"4"}'
expect_status 400 "api: a version that is not a number is refused"
api GET "$A"
expect_header 'ETag: "' "api: the project has an ETag"

# --- the log and the workarounds through the API ---
api POST "$A/log" -H "$J" --data-binary '{"text":"the wifi drops on ward 3","kind":"barrier","severity":3,"reporter":"ann"}'
expect_status 201 "api: a log entry"
id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$OUT")
api PUT "$A/log/$id" -H "$J" --data-binary '{"severity":4,"version":1}'
expect_status 200 "api: the log entry saved from version 1"
api PUT "$A/log/$id" -H "$J" --data-binary '{"severity":2,"version":1}'
expect_status 409 "api: the log entry from version 1 again is stale"
expect_out '"severity":4' "api: the log entry's stored severity"

stop_server
done_testing
