#!/bin/sh
# bench/web-pg.sh: 'waymark serve' on PostgreSQL beside SQLite, with one
# server and with two servers on the same database, measured with wrk as
# bench/web.sh does (same requests, same lua script for survey answers).
#
#   sh bench/web-pg.sh [BINARY]
#
# Cases, each for DURATION (default 10) seconds after WARMUP (default 2):
#   get     GET /api/projects/demo-clinical-app/assessment (the dashboard's
#           JSON) with an API token;
#   survey  POST /api/survey/TOKEN, a new response per request, and every
#           201 checked against the responses kept afterwards.
# With two servers both are driven at once, CONNS/2 connections each, and
# the rates summed. PostgreSQL is a throwaway cluster from tests/pg.sh
# (fsync=off, as for the tests: SQLite still syncs, so survey figures
# favour PostgreSQL). Needs wrk, curl and Debian's postgresql.
set -eu
bin=${1:-build/waymark}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
CONNS=${CONNS:-64}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
THREADS=${THREADS:-2}
PROJECT=demo-clinical-app
GROUP=nursing
command -v wrk >/dev/null 2>&1 || { echo "web-pg.sh: skipped: no wrk" >&2; exit 0; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/waymark-webpg.XXXXXX")
pids=
cleanup() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	[ ! -d "$tmp/pg" ] || sh "$top/tests/pg.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[ "$(id -u)" -ne 0 ] || chmod 755 "$tmp"
pguri=$(sh "$top/tests/pg.sh" start "$tmp/pg")

# serve DB NAME: start a server on DB; its base URL into $tmp/NAME.base
serve() {
	"$bin" --db "$1" serve --demo --listen 127.0.0.1:0 --access-log off \
		--threads "$THREADS" >"$tmp/$2.out" 2>"$tmp/$2.err" &
	pids="$pids $!"
	i=0
	until grep -q 'listening on' "$tmp/$2.out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 300 ] || { cat "$tmp/$2.err" >&2; exit 1; }
		sleep 0.1
	done
	sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$tmp/$2.out" >"$tmp/$2.base"
}
stop_all() {
	for p in $pids; do
		kill -TERM "$p"
		wait "$p" || { echo "a server exited with $? after SIGTERM" >&2; exit 1; }
	done
	pids=
}
stored() {
	"$bin" --db "$1" assess show "$PROJECT" --json |
		sed -n '/"rounds"/,/]/s/.*"responses": *\([0-9]*\).*/\1/p' |
		awk '{ n += $1 } END { print n + 0 }'
}
answers() {
	"$bin" --db "$1" survey show "$PROJECT" --json | awk -v g="\"$GROUP\"" '
		/^    {/ { id = ""; asked = 0 }
		/^      "id":/ { id = $2; sub(/,$/, "", id) }
		index($0, g) { asked = 1 }
		/^    }/ { if (id != "" && asked) items[n++] = id }
		END { printf "{"; for (i = 0; i < n; i++) printf "%s%s:4", i ? "," : "", items[i]; print "}" }' \
		>"$tmp/answers.json"
}

# bench LABEL DB NSERVERS
bench() {
	label=$1 db=$2 ns=$3
	k=1
	while [ $k -le "$ns" ]; do serve "$db" "s$k"; k=$((k + 1)); done
	token=$("$bin" --db "$db" user token admin)
	auth="Authorization: Bearer $token"
	b1=$(cat "$tmp/s1.base")
	link=$(curl -s -X POST -H "$auth" -H 'Content-Type: application/json' \
		-d '{"label": "bench"}' "$b1/api/projects/$PROJECT/links" |
		sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
	[ -s "$tmp/answers.json" ] || answers "$db"
	c=$((CONNS / ns))
	for what in get survey; do
		k=1
		while [ $k -le "$ns" ]; do
			b=$(cat "$tmp/s$k.base")
			if [ $what = get ]; then
				set -- -H "$auth" "$b/api/projects/$PROJECT/assessment"
			else
				set -- -s "$here/web-survey.lua" "$b/api/survey/$link" -- \
					"$tmp/answers.json" "$GROUP"
			fi
			[ $what = get ] || set -- "$@" "w$k$label"
			wrk -t1 -c"$c" -d"$WARMUP"s "$@" >/dev/null 2>&1 || true
			k=$((k + 1))
		done
		sleep 1
		before=$(stored "$db")
		load0=$(cut -d' ' -f1 /proc/loadavg)
		k=1 wrks=
		while [ $k -le "$ns" ]; do
			b=$(cat "$tmp/s$k.base")
			if [ $what = get ]; then
				set -- -H "$auth" "$b/api/projects/$PROJECT/assessment"
			else
				set -- -s "$here/web-survey.lua" "$b/api/survey/$link" -- \
					"$tmp/answers.json" "$GROUP" "r$k$label"
			fi
			wrk -t1 -c"$c" -d"$DURATION"s --latency "$@" >"$tmp/$what.$k" 2>&1 &
			wrks="$wrks $!"
			k=$((k + 1))
		done
		for w in $wrks; do wait "$w" || true; done
		sleep 1
		after=$(stored "$db")
		rps=$(cat "$tmp/$what".* | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' |
			awk '{ t += $1 } END { printf "%.0f", t }')
		p99=$(cat "$tmp/$what".* | awk '$1 == "99%" { printf "%s ", $2 }')
		acked=$(cat "$tmp/$what".* | sed -n 's/^acknowledged (201): *//p' |
			awk '{ t += $1 } END { print t + 0 }')
		bad=$(cat "$tmp/$what".* | sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' |
			awk '{ t += $1 } END { print t + 0 }')
		note=
		[ $what = get ] || note="201: $acked, kept: $((after - before))"
		[ "$bad" = 0 ] || note="$note; $bad not 2xx"
		printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$ns" "$what" \
			"$rps" "$p99" "$load0" "$note"
		rm -f "$tmp/$what".*
	done
	stop_all
}

echo "waymark: $bin ($("$bin" version)); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t1 per server, $CONNS connections in all, ${DURATION}s after ${WARMUP}s warm-up; --threads $THREADS"
echo "| store | servers | case | requests/s (sum) | p99 per server | load at start | notes |"
echo "|---|---|---|---|---|---|---|"
bench sqlite "$tmp/sqlite.db" 1
bench sqlite2 "$tmp/sqlite.db" 2
bench postgresql "$pguri" 1
bench postgresql2 "$pguri" 2
