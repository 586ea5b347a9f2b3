#!/bin/sh
# t-deploy.sh: docs/deploy.md's examples as an operator would use them.
# The nginx server blocks run in front of 'waymark serve' (only the
# certificate, the ports and the upstream changed, nginx unprivileged in
# $TMP), the settings file is the server's --config, and the systemd unit
# goes through 'systemd-analyze verify'.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

GUIDE="$(dirname "$0")/../../docs/deploy.md"

# fenced LANG [AFTER]: the lines of the guide's first ```LANG block (after
# the first line containing AFTER, if given)
fenced() {
	awk -v fence="\`\`\`$1" -v after="${2:-}" '
		!seen && (after == "" || index($0, after)) { seen = 1 }
		seen && !on && $0 == fence { on = 1; next }
		on && /^```/ { exit }
		on' "$GUIDE"
}

# expect_gone TEXT FILE NAME: a substitution left nothing of TEXT in FILE
expect_gone() {
	if grep -qF -- "$1" "$2"; then fail "$3" "'$1' is still in $2"
	else pass "$3"; fi
}

# --- the systemd unit ---

fenced ini >"$TMP/waymark.service"
if ! command -v systemd-analyze >/dev/null 2>&1; then
	skip "the unit passes systemd-analyze verify: systemd-analyze is not installed"
else
	case $WAYMARK in
	/*) bin=$WAYMARK ;;
	*) bin=$(pwd)/$WAYMARK ;;
	esac
	sed -i "s|^ExecStart=/usr/local/bin/waymark |ExecStart=$bin |" \
		"$TMP/waymark.service"
	expect_gone /usr/local/bin "$TMP/waymark.service" \
		"the unit runs the built binary"
	# verify exits 0 even for unknown keys: any line it prints is a problem
	systemd-analyze verify "$TMP/waymark.service" >"$OUT" 2>&1
	if [ -s "$OUT" ]; then fail "the unit passes systemd-analyze verify"
	else pass "the unit passes systemd-analyze verify"; fi
fi

if ! command -v nginx >/dev/null 2>&1; then
	skip "nginx is not installed"
	exit 0
fi
command -v openssl >/dev/null 2>&1 || { skip "openssl is not installed"; exit 0; }

# --- behind nginx ---

NG="$TMP/nginx"
mkdir -p "$NG"
# a certificate for 127.0.0.1, trusted by every curl below (so TLS is
# checked, not waved through with -k)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	-days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
	-keyout "$NG/privkey.pem" -out "$NG/fullchain.pem" >/dev/null 2>&1 ||
	{ echo "# openssl cannot make a certificate"; exit 1; }
export CURL_CA_BUNDLE="$NG/fullchain.pem"

# free_port FROM: the first port from FROM that nothing answers on
free_port() {
	_p=$1
	while curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$_p/" ||
	      [ $? -ne 7 ]; do
		_p=$((_p + 1))
	done
	echo "$_p"
}
# ports below the usual ephemeral range (32768 up), so that the server's
# own port 0 cannot take them
tries=0 from=$((10000 + $$ % 20000))
while :; do
	TLS=$(free_port $from)
	PLAIN=$(free_port $((TLS + 1)))
	PUBLIC="https://127.0.0.1:$TLS"

	# the settings file of the guide: only the address and the database change
	fenced '' '/etc/waymark/waymark.conf` holds' >"$TMP/waymark.conf"
	sed -i -e "s|^listen = .*|listen = 127.0.0.1:0|" -e "s|^db = .*|db = $DB|" \
		-e "s|^access-log = .*|access-log = $TMP/access.log|" \
		-e "s|^public-url = .*|public-url = $PUBLIC|" "$TMP/waymark.conf"
	start_server --config "$TMP/waymark.conf" --secure-cookies yes \
		--public-url "$PUBLIC"
	DIRECT=$BASE
	
	# the guide's server blocks; what must change on a test machine, changed
	fenced nginx >"$NG/site.conf"
	sed -i -e "s|listen 443 |listen 127.0.0.1:$TLS |" \
		-e "s|listen 80;|listen 127.0.0.1:$PLAIN;|" \
		-e "s|/etc/ssl/waymark/|$NG/|" \
		-e "s|proxy_pass http://127.0.0.1:8080;|proxy_pass $DIRECT;|" \
		"$NG/site.conf"
	if [ "$tries" -eq 0 ]; then
	expect_gone 443 "$NG/site.conf" "nginx: the HTTPS port changed"
	expect_gone "listen 80;" "$NG/site.conf" "nginx: the HTTP port changed"
	expect_gone /etc/ssl "$NG/site.conf" "nginx: the certificate changed"
	expect_gone 127.0.0.1:8080 "$NG/site.conf" "nginx: the upstream changed"
	fi
	
	# around them, nginx running as whoever runs the test, all files in $NG
	{
		[ "$(id -u)" -ne 0 ] || echo "user $(id -un) $(id -gn);"
		cat <<-EOF
	daemon off;
	worker_processes 1;
	pid $NG/nginx.pid;
	error_log $NG/error.log;
	events { worker_connections 64; }
	http {
		access_log $NG/access.log;
		client_body_temp_path $NG/body;
		proxy_temp_path $NG/proxy;
		fastcgi_temp_path $NG/fastcgi;
		uwsgi_temp_path $NG/uwsgi;
		scgi_temp_path $NG/scgi;
		include $NG/site.conf;
	}
	EOF
	} >"$NG/nginx.conf"
	
	NGINX_PID=
	stop_nginx() {
		[ -n "$NGINX_PID" ] || return 0
		kill -QUIT "$NGINX_PID" 2>/dev/null
		wait "$NGINX_PID"
		nginx_rc=$?
		NGINX_PID=
	}
	if nginx -t -p "$NG" -e "$NG/error.log" -c "$NG/nginx.conf" >"$OUT" 2>"$ERR"
	then [ "$tries" -gt 0 ] || pass "nginx -t accepts the guide's server blocks"
	else fail "nginx -t accepts the guide's server blocks"; exit 1; fi
	nginx -p "$NG" -e "$NG/error.log" -c "$NG/nginx.conf" 2>"$NG/stderr" &
	NGINX_PID=$!
	trap 'stop_nginx >/dev/null 2>&1; stop_server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
	i=0
	until curl -s -o /dev/null "$PUBLIC/login"; do
		i=$((i + 1))
		if ! kill -0 "$NGINX_PID" 2>/dev/null && [ "$tries" -lt 5 ] &&
		   grep -q 'Address already in use' "$NG/error.log"; then
			# another process took a port since free_port looked: again
			wait "$NGINX_PID"; NGINX_PID=
			stop_server; rm -f "$NG/error.log"
			tries=$((tries + 1)) from=$((PLAIN + 1))
			continue 2
		fi
		if [ $i -gt 100 ] || ! kill -0 "$NGINX_PID" 2>/dev/null; then
			echo "# nginx did not start:"
			sed 's/^/#   /' "$NG/error.log" "$NG/stderr"
			exit 1
		fi
		sleep 0.1
	done
	break
done
BASE=$PUBLIC

http GET /login
expect_status 200 "the login page answers through the proxy, over HTTPS"
expect_header "Strict-Transport-Security: max-age=31536000" \
	"the proxy adds Strict-Transport-Security"

login admin "$ADMIN_PW"
expect_status 303 "logging in through the proxy"
if grep -i '^Set-Cookie: wm_session=' "$HDR" | grep -qi '; *Secure'; then
	pass "the session cookie is marked Secure"
else
	fail "the session cookie is marked Secure" "$(grep -i set-cookie "$HDR")"
fi
http GET /projects
expect_status 200 "the session holds over HTTPS"
expect_out "demo-clinical-app" "the projects page lists the demo"

# a survey link made through the API is written with the public URL, also
# when the client sends a Host of its own (nginx passes it on)
TOKEN=$("$WAYMARK" --db "$DB" user token admin)
http POST /api/projects/demo-clinical-app/links \
	-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
	-H 'Host: elsewhere.example' --data '{"group": "nursing"}'
expect_status 201 "a survey link made through the API"
url=$(sed -n 's/.*"url": *"\([^"]*\)".*/\1/p' "$OUT")
case $url in
"$PUBLIC"/s/?*) pass "its url starts with the public URL" ;;
*) fail "its url starts with the public URL" "url '$url'" ;;
esac
status=$(curl -s --max-time 10 -o "$OUT" -w '%{http_code}' "$url")
expect_status 200 "the survey link opens through the proxy"

# plain HTTP is sent to HTTPS
status=$(curl -s -o /dev/null -D "$HDR" -w '%{http_code}' \
	"http://127.0.0.1:$PLAIN/projects?x=1")
expect_status 301 "plain HTTP is redirected"
expect_header "Location: https://127.0.0.1/projects?x=1" \
	"to the same path over HTTPS"

# client_max_body_size 1m is waymark's --max-body: 1m = 1024 * 1024 =
# 1048576 bytes reach waymark, one more is stopped by nginx
body() { head -c "$1" /dev/zero | tr '\0' 'x' >"$TMP/body"; }
body 1048576
http POST /api/projects/demo-clinical-app/links \
	-H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
	--data-binary @"$TMP/body"
if [ "$status" != 413 ] && [ "$status" != 000 ]; then
	pass "a body of 1048576 bytes reaches waymark"
else
	fail "a body of 1048576 bytes reaches waymark" "status $status"
fi
body 1048577
http POST /api/projects/demo-clinical-app/links \
	-H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
	--data-binary @"$TMP/body"
expect_status 413 "a body of 1048577 bytes is refused"

# waymark's access log has the proxy's address, nginx's the client's
http GET /login -H 'X-Forwarded-For: 203.0.113.9'
if grep -q '"addr":"127.0.0.1","method":"GET","path":"/login"' \
	"$TMP/access.log" && ! grep -q 203.0.113.9 "$TMP/access.log"; then
	pass "waymark logs the proxy's address"
else
	fail "waymark logs the proxy's address" "$(tail -3 "$TMP/access.log")"
fi

stop_nginx
if [ "$nginx_rc" -eq 0 ]; then pass "nginx stops cleanly"
else fail "nginx stops cleanly" "exit $nginx_rc"; fi
stop_server
if [ "$server_rc" -eq 0 ] && grep -q 'waymark: stopped' "$TMP/serve.out"
then pass "waymark stops cleanly"
else fail "waymark stops cleanly" "exit $server_rc"; fi
done_testing
