#!/bin/sh
# t-web.sh: the server's core: accounts, logins, sessions, the
# anti-forgery check, limits, headers, settings and a clean shutdown.
. tests/cli/lib.sh
. tests/cli/web.sh
U=$(db u)

# --- accounts on the command line ---
run --db "$U" user add ann --display "Ann Example"
expect_rc 0 "user add makes an account"
expect_out "password: " "user add prints the generated password"
pw=$(sed -n 's/^password: //p' "$OUT")
[ ${#pw} -ge 20 ] && pass "the generated password is long" || fail "the generated password is long"
run --db "$U" user add ann
expect_rc 3 "a taken name is refused"
expect_err "exists already" "and says so"
printf 'short\n' | "$WAYMARK" --db "$U" user add bob --password-stdin >"$OUT" 2>"$ERR"; rc=$?
expect_rc 3 "a short password is refused"
expect_err "at least 10 characters" "and the rule is given"
run --db "$U" user add Bad_Name
expect_rc 3 "a login name with capitals is refused"
run --db "$U" user list --json
expect_out '"name": "ann"' "user list --json lists ann"
expect_no_out 'pwhash' "and never the hash"
expect_no_out "$pw" "nor the password"
run --db "$U" user rm ann
expect_rc 2 "user rm needs --yes"
run --db "$U" user rm nobody --yes
expect_rc 4 "user rm of nobody is not found"
run --db "$U" user grant ann no-such-project viewer
expect_rc 4 "grant on a missing project is not found"

# --- settings ---
printf 'listen = 127.0.0.1:0\nthreads = lots\n' >"$TMP/bad.conf"
run --db "$U" serve --config "$TMP/bad.conf"
expect_rc 3 "a bad config file stops the server"
expect_err "bad.conf:2:1: threads: expected a whole number" "and names file, line and column"
printf 'listen 127.0.0.1:0\n' >"$TMP/bad2.conf"
run --db "$U" serve --config "$TMP/bad2.conf"
expect_err "bad2.conf:1:1: expected 'name = value'" "a line without '=' is located"
run --db "$U" serve --port 70000
expect_rc 2 "a port out of range is a usage error"
expect_err "port: expected a whole number from 0 to 65535" "and says the range"

# the config file's database serves the set-up and the server alike
# (no --db, no $WAYMARK_DB): nothing lands in the default place
F=$(db fromfile)
printf 'listen = 127.0.0.1:0\ndb = %s\naccess-log = off\n' "$F" >"$TMP/db.conf"
mkdir -p "$TMP/home"
HOME="$TMP/home" XDG_DATA_HOME= "$WAYMARK" serve --demo --config "$TMP/db.conf" \
	>"$TMP/f.out" 2>"$TMP/f.err" &
fpid=$!
i=0
while ! grep -q 'listening on' "$TMP/f.out" 2>/dev/null && [ $i -lt 300 ]; do
	i=$((i + 1)); sleep 0.1
done
fbase=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$TMP/f.out")
status=$(curl -s -o /dev/null -w '%{http_code}' "$fbase/login")
kill -TERM "$fpid"; wait "$fpid"
if [ "$status" = 200 ]; then pass "serve with the config file's db"
else fail "serve with the config file's db" "status $status"; fi
run --db "$F" project list
expect_out "demo-clinical-app" "the demo was made in the config file's db"
if [ ! -e "$TMP/home/.local/share/waymark/waymark.db" ]; then
	pass "nothing made in the default place"
else
	fail "nothing made in the default place"
fi

# --- the running server ---
start_server
[ -n "$ADMIN_PW" ] && pass "the first start prints the administrator's password" ||
	fail "the first start prints the administrator's password"

http GET /projects
expect_status 303 "pages need a login"
expect_header "Location: /login?next=%2Fprojects" "and lead back after it"
http GET /api/projects
expect_status 401 "the API needs a login too"
expect_out '"code":"login_required"' "with a stable error code"

login admin "not the password"
expect_status 422 "a wrong password is refused"
expect_out "login name or password is wrong" "without saying which"
login nobody "not the password"
expect_status 422 "an unknown name gets the same answer"
expect_out "login name or password is wrong" "word for word"

login admin "$ADMIN_PW"
expect_status 303 "the right password logs in"
expect_header "HttpOnly" "the session cookie is HttpOnly"
expect_header "SameSite=Strict" "and SameSite=Strict"
grep -qi 'set-cookie:.*secure' "$HDR" && fail "no Secure flag without TLS" || pass "no Secure flag without TLS"
http GET /projects
expect_status 200 "the session opens pages"
expect_out "demo-clinical-app" "the projects page lists the demo"
expect_header "Content-Security-Policy: default-src 'self'" "pages carry a strict CSP"
expect_header "X-Content-Type-Options: nosniff" "and nosniff"
expect_header "Cache-Control: no-store" "private pages are not cached"

# the anti-forgery token
csrf_from /projects/new
[ -n "$CSRF" ] && pass "forms carry an anti-forgery token" || fail "forms carry an anti-forgery token"
http POST /projects --data-urlencode "name=forged" --data-urlencode "title=Forged"
expect_status 403 "a form without the token is refused"
expect_out "did not come from this site" "with a message saying why"
http POST /projects --data-urlencode "csrf=AAAA$CSRF" --data-urlencode "name=forged" --data-urlencode "title=Forged"
expect_status 403 "a forged token is refused"
run --db "$DB" project show forged
expect_rc 4 "and nothing was created"

# a project through the form, with a bad value first
http POST /projects --data-urlencode "csrf=$CSRF" --data-urlencode "name=Bad Name" --data-urlencode "title=x"
expect_status 422 "a bad short name is refused"
expect_out "is not a short name" "with the rule"
expect_out 'value="Bad Name"' "and the form keeps what was typed"
http POST /projects --data-urlencode "csrf=$CSRF" --data-urlencode "name=ward-app" \
	--data-urlencode "title=<script>alert(1)</script> Ward app" --data-urlencode "sites=3"
expect_status 303 "a good form creates the project"
expect_header "Location: /p/ward-app" "and goes to it"
http GET /projects
expect_out "&lt;script&gt;alert(1)&lt;/script&gt; Ward app" "a title with markup comes back escaped"
expect_no_out "<script>alert(1)" "never as markup"
http POST /projects --data-urlencode "csrf=$CSRF" --data-urlencode "name=ward-app" --data-urlencode "title=Again"
expect_status 422 "a taken short name is refused"

# limits and errors
head -c 1100000 /dev/zero | tr '\0' 'a' >"$TMP/big"
http POST /projects --data-urlencode "csrf=$CSRF" --data-urlencode "notes@$TMP/big"
expect_status 413 "a body over the limit is refused"
awk 'BEGIN { for (i = 0; i < 600; i++) printf "f%d=1&", i; print "csrf=x" }' >"$TMP/fields"
http POST /projects --data-binary "@$TMP/fields" -H 'Content-Type: application/x-www-form-urlencoded'
expect_status 413 "a form with too many fields is refused"
expect_out "more than 500 fields" "and the limit is named"
http GET /no/such/page
expect_status 404 "an unknown page is 404"
http DELETE /projects
expect_status 405 "a wrong method is 405"
http GET /static/app.css
expect_status 200 "the stylesheet is served"
expect_header "text/css" "as CSS"
http GET /static/nothing.css
expect_status 404 "a missing static file is 404"
curl -s -o /dev/null -w '%{http_code}' --path-as-is "$BASE/static/../../etc/passwd" >"$OUT"
grep -qx 404 "$OUT" && pass "no way out of the static files" || fail "no way out of the static files"

# the access log: one JSON object per request, no survey tokens
grep -q '"path":"/projects","status":200' "$TMP/access.log" && pass "requests are logged as JSON" ||
	fail "requests are logged as JSON"
curl -s -o /dev/null "$BASE/s/SECRETTOKEN123"
sleep 0.2
grep -q SECRETTOKEN123 "$TMP/access.log" && fail "survey tokens stay out of the log" ||
	pass "survey tokens stay out of the log"

# a new password ends sessions
printf 'a new password 123\n' | "$WAYMARK" --db "$DB" user passwd admin --password-stdin >/dev/null
http GET /projects
expect_status 303 "a new password ends the old sessions"

# logout
login admin "a new password 123"
csrf_from /projects
http POST /logout --data-urlencode "csrf=$CSRF"
expect_status 303 "logout works"
http GET /projects
expect_status 303 "and the session is gone"

# rate limiting: after 5 failures the right password is refused too
for i in 1 2 3 4 5; do login admin "wrong password $i"; done
login admin "a new password 123"
expect_status 429 "too many failures are refused for a while"
expect_out "wait 15 minutes" "with how long to wait"

# shutdown: a request still arriving when SIGTERM comes is answered
head -c 200000 /dev/zero | tr '\0' 'p' >"$TMP/slow"
curl -s -o /dev/null -w '%{http_code}' --limit-rate 60k --data-urlencode "name=slowpoke" \
	--data-urlencode "password@$TMP/slow" "$BASE/login" >"$TMP/slow.status" &
slow=$!
sleep 1
stop_server
wait $slow
grep -qx 422 "$TMP/slow.status" && pass "a request in flight is finished after SIGTERM" ||
	fail "a request in flight is finished after SIGTERM" "status $(cat "$TMP/slow.status")"
[ "$server_rc" -eq 0 ] && pass "SIGTERM stops the server cleanly" || fail "SIGTERM stops the server cleanly" "exit $server_rc"
grep -q "stopped" "$TMP/serve.out" && pass "and it says so" || fail "and it says so"
run --db "$DB" project show ward-app --json
expect_rc 0 "the database is intact after the stop"

done_testing
