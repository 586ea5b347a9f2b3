# tests/cli/web.sh: start 'waymark serve' on a loopback port and talk to it
# with curl. Source after lib.sh. Every request keeps its body in $OUT,
# its headers in $HDR and its status in $status.
command -v curl >/dev/null 2>&1 || { echo "skip 1 - curl is not installed"; exit 0; }
DB=$(db web)
JAR="$TMP/jar"
HDR="$TMP/headers"
SERVER_PID=

# start_server [ARGS...]: serve the demo on a free port; sets BASE, ADMIN_PW
start_server() {
	rm -f "$TMP/serve.out"
	"$WAYMARK" --db "$DB" serve --demo --listen 127.0.0.1:0 \
		--access-log "$TMP/access.log" "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
	SERVER_PID=$!
	trap 'stop_server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
	i=0
	while ! grep -q 'listening on' "$TMP/serve.out" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 300 ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "# the server did not start:"; sed 's/^/#   /' "$TMP/serve.err"
			exit 1
		fi
		sleep 0.1
	done
	BASE=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$TMP/serve.out")
	pw=$(sed -n '/with the password/{n;n;p;}' "$TMP/serve.out" | tr -d ' ')
	[ -z "$pw" ] || ADMIN_PW=$pw
}

# start_server2 [ARGS...]: a second server on the same database (started
# after start_server, which made the demo); sets BASE2
SERVER2_PID=
start_server2() {
	"$WAYMARK" --db "$DB" serve --listen 127.0.0.1:0 "$@" \
		>"$TMP/serve2.out" 2>"$TMP/serve2.err" &
	SERVER2_PID=$!
	trap 'stop_server2 >/dev/null 2>&1; stop_server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
	i=0
	while ! grep -q 'listening on' "$TMP/serve2.out" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 300 ] || ! kill -0 "$SERVER2_PID" 2>/dev/null; then
			echo "# the second server did not start:"; sed 's/^/#   /' "$TMP/serve2.err"
			exit 1
		fi
		sleep 0.1
	done
	BASE2=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$TMP/serve2.out")
}

stop_server2() {
	[ -n "$SERVER2_PID" ] || return 0
	kill -TERM "$SERVER2_PID" 2>/dev/null
	wait "$SERVER2_PID"
	SERVER2_PID=
}

# on2 CMD...: run CMD (http, login, csrf_from...) against the second server
on2() {
	_keep=$BASE
	BASE=$BASE2
	"$@"
	BASE=$_keep
}

# stop_server: SIGTERM, and wait; sets server_rc
stop_server() {
	[ -n "$SERVER_PID" ] || return 0
	kill -TERM "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID"
	server_rc=$?
	SERVER_PID=
}

# http METHOD PATH [CURL ARGS...]: with the cookie jar $JAR
http() {
	m=$1 p=$2
	shift 2
	status=$(curl -s -X "$m" -o "$OUT" -D "$HDR" -w '%{http_code}' \
		-b "$JAR" -c "$JAR" "$@" "$BASE$p")
}

# login NAME PASSWORD: start a session in $JAR
login() {
	http POST /login --data-urlencode "name=$1" --data-urlencode "password=$2" \
		--data-urlencode "next=/projects"
}

# csrf_from PATH: read the anti-forgery token of the page at PATH into $CSRF
csrf_from() {
	http GET "$1"
	CSRF=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$OUT" | head -1)
}

# add_user NAME PASSWORD [ARGS...]: an account made with the CLI
add_user() {
	u=$1 pw=$2
	shift 2
	printf '%s\n' "$pw" | "$WAYMARK" --db "$DB" user add "$u" --password-stdin "$@" \
		>/dev/null 2>"$ERR"
}

expect_status() {
	if [ "$status" = "$1" ]; then pass "$2"
	else fail "$2" "status $status, expected $1"; fi
}
# expect_header TEXT NAME: a response header line contains TEXT
expect_header() {
	if grep -qiF -- "$1" "$HDR"; then pass "$2"; else fail "$2" "headers lack '$1'"; fi
}
