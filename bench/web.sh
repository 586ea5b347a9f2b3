#!/bin/sh
# bench/web.sh: 'waymark serve' under load, measured with wrk, beside nginx
# serving a static file of the same size as the answer.
#
#   sh bench/web.sh [BINARY]
#
# For each number of request threads (THREADS, default "2 3 4") it serves a
# fresh demo database and measures:
#   get     GET /api/projects/demo-clinical-app/assessment with an API token
#           (target: 20,000/s, p99 under 10 ms at 64 connections);
#   survey  POST /api/survey/TOKEN, one new response per request (target:
#           3,000/s), and checks that every answer acknowledged with 201 is
#           in the database afterwards (waymark assess show --json).
# Then nginx serves the assessment JSON, byte for byte, as a file and gets
# the same GET. The server is stopped with SIGTERM and must exit 0.
#
# wrk runs on the same machine as the servers: WRK_THREADS (default 2) wrk
# threads, CONNS (default 64) connections, DURATION (default 12) seconds
# after WARMUP (default 3) seconds; each case REPEAT (default 1) times, the
# summary keeping the run with the most requests/s. "server CPU" is the
# server's own user+system time per request (/proc), which other load on
# the machine disturbs less than requests/s do.
#
# Needs wrk, nginx and curl (Debian packages wrk, nginx-light or nginx,
# curl). Builds nothing; everything it writes is in a temporary directory.
set -eu

bin=${1:-build/waymark}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
THREADS=${THREADS:-2 3 4}
WRK_THREADS=${WRK_THREADS:-2}
CONNS=${CONNS:-64}
DURATION=${DURATION:-12}
WARMUP=${WARMUP:-3}
REPEAT=${REPEAT:-1}
PROJECT=demo-clinical-app
GROUP=nursing

for tool in wrk curl; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "web.sh: skipped: $tool is not installed" >&2
		exit 0
	fi
done
NGINX=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
[ -x "$bin" ] || { echo "web.sh: no binary at $bin" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/waymark-web.XXXXXX")
server_pid=
nginx_pid=
cleanup() {
	[ -z "$server_pid" ] || kill -TERM "$server_pid" 2>/dev/null || true
	[ -z "$nginx_pid" ] || kill -TERM "$nginx_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
results=$tmp/results
: >"$results"
tck=$(getconf CLK_TCK)

die() {
	echo "web.sh: $*" >&2
	exit 1
}

# start_server N: serve a fresh demo database with N request threads;
# sets dir, base, token, link
start_server() {
	dir=$tmp/waymark-$1
	rm -rf "$dir"
	mkdir -p "$dir"
	"$bin" --db "$dir/db" serve --demo --listen 127.0.0.1:0 \
		--access-log off --threads "$1" >"$dir/out" 2>"$dir/err" &
	server_pid=$!
	i=0
	until grep -q 'listening on' "$dir/out" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 300 ] || ! kill -0 "$server_pid" 2>/dev/null; then
			cat "$dir/err" >&2
			die "the server did not start"
		fi
		sleep 0.1
	done
	base=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$dir/out")
	password=$(sed -n '/with the password/{n;n;p;}' "$dir/out" | tr -d ' ')
	token=$("$bin" --db "$dir/db" user token admin)
	make_link
}

# make_link: an open survey link of the demo project, made as a lead makes
# it: by the API, else by the links page; sets link (empty if neither)
make_link() {
	link=$(curl -s -X POST -H "Authorization: Bearer $token" \
		-H 'Content-Type: application/json' -d '{"label": "bench"}' \
		"$base/api/projects/$PROJECT/links" |
		sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
	[ -z "$link" ] || return 0
	jar=$dir/jar
	curl -s -o /dev/null -c "$jar" --data-urlencode name=admin \
		--data-urlencode "password=$password" "$base/login"
	csrf=$(curl -s -b "$jar" "$base/p/$PROJECT/links" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -b "$jar" --data-urlencode "csrf=$csrf" \
		--data-urlencode label=bench "$base/p/$PROJECT/links"
	link=$(curl -s -b "$jar" "$base/p/$PROJECT/links" |
		sed -n 's/.*\/s\/\([A-Za-z0-9_-]\{20,\}\).*/\1/p' | tail -1)
	[ -n "$link" ] || echo "  cannot make a survey link: no survey case" >&2
}

stop_server() {
	kill -TERM "$server_pid"
	rc=0
	wait "$server_pid" || rc=$?
	server_pid=
	[ $rc -eq 0 ] || die "the server exited with $rc after SIGTERM"
}

# stored: responses kept in every round of the demo project
stored() {
	"$bin" --db "$dir/db" assess show "$PROJECT" --json |
		sed -n '/"rounds"/,/]/s/.*"responses": *\([0-9]*\).*/\1/p' |
		awk '{ n += $1 } END { print n + 0 }'
}

# settled: stored(), once answers still in flight when wrk stopped are in
settled() {
	prev=-1
	now=$(stored)
	while [ "$now" != "$prev" ]; do
		sleep 0.5
		prev=$now
		now=$(stored)
	done
	echo "$now"
}

# answers FILE: an answer (4, "agree") to every statement asked of $GROUP
answers() {
	"$bin" --db "$dir/db" survey show "$PROJECT" --json | awk -v g="\"$GROUP\"" '
		/^    {/ { id = ""; asked = 0 }
		/^      "id":/ { id = $2; sub(/,$/, "", id) }
		index($0, g) { asked = 1 }
		/^    }/ { if (id != "" && asked) items[n++] = id }
		END {
			printf "{"
			for (i = 0; i < n; i++)
				printf "%s%s:4", i ? "," : "", items[i]
			print "}"
		}' >"$1"
	grep -q ':4' "$1" || die "no survey statements for the group $GROUP"
}

# cpu PID...: clock ticks of user and system time of the processes
cpu() {
	for p in "$@"; do
		cut -d')' -f2 "/proc/$p/stat"
	done | awk '{ t += $12 + $13 } END { print t + 0 }'
}

# run NAME SECONDS PIDS WRK-ARGS...: wrk with --latency into $tmp/NAME,
# and the CPU time the processes PIDS (a quoted list) took meanwhile
run() {
	name=$1 secs=$2 pids=$3
	shift 3
	# shellcheck disable=SC2086 # $pids is a list
	c0=$(cpu $pids)
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"$secs"s --latency "$@" \
		>"$tmp/$name" 2>&1 || { cat "$tmp/$name" >&2; die "wrk failed"; }
	# shellcheck disable=SC2086
	c1=$(cpu $pids)
	echo "server cpu ticks: $((c1 - c0))" >>"$tmp/$name"
	echo "load average: $(cut -d' ' -f1 /proc/loadavg)" >>"$tmp/$name"
}

# ms VALUE: wrk's 850.00us, 1.61ms or 1.02s in milliseconds
ms() {
	echo "$1" | awk '/us$/ { printf "%.2f", $1 / 1000; next }
		/ms$/ { printf "%.2f", $1 + 0; next }
		/m$/ { printf "%.0f", $1 * 60000; next }
		/s$/ { printf "%.2f", $1 * 1000; next }'
}

# record CASE FILE [NOTE]: a row of the summary
record() {
	f=$tmp/$2
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$f")
	reqs=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$f")
	ticks=$(sed -n 's/^server cpu ticks: //p' "$f")
	us=$(awk -v t="$ticks" -v n="$reqs" -v hz="$tck" \
		'BEGIN { printf "%.1f", n ? t / hz * 1e6 / n : 0 }')
	load=$(sed -n 's/^load average: //p' "$f")
	p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$f")")
	p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$f")")
	bad=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$f")
	errs=$(sed -n 's/.*Socket errors: *\(.*\)/\1/p' "$f")
	note=${3:-}
	[ -z "$bad" ] || note="$note $bad not 2xx!"
	[ -z "$errs" ] || note="$note socket errors: $errs"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$rps" "$p50" "$p99" "$us" \
		"$load" "$note" >>"$results"
	printf '  %-22s %8.0f/s  p50 %6s ms  p99 %7s ms  cpu %5s us/req  load %s %s\n' \
		"$1" "$rps" "$p50" "$p99" "$us" "$load" "$note"
}

echo "waymark: $bin ($("$bin" version))"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
echo "wrk $(wrk -v 2>&1 | sed -n 's/^wrk \([^ ]*\).*/\1/p'): -t$WRK_THREADS -c$CONNS, ${DURATION}s per case after ${WARMUP}s warm-up, $REPEAT run(s) each"

size=
lost=0
for nt in $THREADS; do
	rep=0
	while [ $rep -lt "$REPEAT" ]; do
	rep=$((rep + 1))
	start_server "$nt"
	echo "waymark serve --threads $nt (run $rep, pid $server_pid, $base)"
	get="$base/api/projects/$PROJECT/assessment"
	code=$(curl -s -o "$tmp/assessment.json" -w '%{http_code}' \
		-H "Authorization: Bearer $token" "$get")
	[ "$code" = 200 ] || echo "  warning: GET assessment answered $code"
	bytes=$(wc -c <"$tmp/assessment.json" | tr -d ' ')
	[ -n "$size" ] || { size=$bytes; cp "$tmp/assessment.json" "$tmp/static.json"; }
	[ "$bytes" = "$size" ] || echo "  warning: $bytes bytes now, $size before"

	auth="Authorization: Bearer $token"
	run warm "$WARMUP" "$server_pid" -H "$auth" "$get"
	run "get-$nt-$rep" "$DURATION" "$server_pid" -H "$auth" "$get"
	record "get, --threads $nt" "get-$nt-$rep"

	if [ -n "$link" ]; then
		answers "$tmp/answers.json"
		post="$base/api/survey/$link"
		lua=$here/web-survey.lua
		run warm "$WARMUP" "$server_pid" -s "$lua" "$post" -- \
			"$tmp/answers.json" "$GROUP" "warm$nt-$rep"
		before=$(settled)
		run "survey-$nt-$rep" "$DURATION" "$server_pid" -s "$lua" \
			"$post" -- "$tmp/answers.json" "$GROUP" "run$nt-$rep"
		after=$(settled)
		f=$tmp/survey-$nt-$rep
		acked=$(sed -n 's/^acknowledged (201): *//p' "$f")
		kept=$((after - before))
		# wrk stops with up to CONNS requests in flight: those may be
		# kept without their 201 having been read; never the other way
		if [ "$kept" -ge "$acked" ] && [ $((kept - acked)) -le "$CONNS" ]; then
			verdict="201: $acked, kept: $kept, ok"
		else
			verdict="201: $acked, kept: $kept, NOT ALL KEPT"
			lost=1
		fi
		other=$(sed -n 's/^other statuses: *//p' "$f")
		[ "$other" = 0 ] || verdict="$verdict; $other other answers, first: $(sed -n 's/^first other answer: //p' "$f")"
		record "survey, --threads $nt" "survey-$nt-$rep" "$verdict"
	fi
	stop_server
	done
done

if [ -z "$NGINX" ]; then
	echo "nginx is not installed: no yardstick"
else
	ngx=$tmp/nginx
	mkdir -p "$ngx/www" "$ngx/temp"
	cp "$tmp/static.json" "$ngx/www/assessment.json"
	# nginx's workers run as nobody when started by root
	chmod 755 "$tmp" "$ngx" "$ngx/www"
	chmod 644 "$ngx/www/assessment.json"
	paths=
	for m in client_body proxy fastcgi uwsgi scgi; do
		"$NGINX" -V 2>&1 | grep -q "without-http_${m}_module" ||
			paths="$paths	${m}_temp_path $ngx/temp/$m;\\n"
	done
	tries=0
	while :; do
		port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
		sed -e "s|@DIR@|$ngx|g" -e "s|@PORT@|$port|g" \
			-e "s|^@TEMP_PATHS@|$paths|" "$here/web-nginx.conf" >"$ngx/nginx.conf"
		"$NGINX" -p "$ngx" -c "$ngx/nginx.conf" -e "$ngx/error.log" \
			>"$ngx/out" 2>&1 &
		nginx_pid=$!
		i=0
		while [ $i -lt 50 ] && kill -0 "$nginx_pid" 2>/dev/null &&
		      ! curl -s -o /dev/null "http://127.0.0.1:$port/"; do
			i=$((i + 1))
			sleep 0.1
		done
		kill -0 "$nginx_pid" 2>/dev/null && break
		nginx_pid=
		tries=$((tries + 1))
		[ $tries -lt 5 ] || { cat "$ngx/error.log" "$ngx/out" >&2; die "nginx did not start"; }
	done
	url=http://127.0.0.1:$port/assessment.json
	got=$(curl -s -o /dev/null -w '%{size_download}' "$url")
	[ "$got" = "$size" ] || die "nginx serves $got bytes, not $size"
	workers=$(ps -o pid= --ppid "$nginx_pid" | tr -d ' ' | tr '\n' ' ')
	echo "nginx $("$NGINX" -v 2>&1 | sed 's/.*\///') (pid $nginx_pid, workers $workers), the same $size bytes"
	run warm "$WARMUP" "$workers" "$url"
	rep=0
	while [ $rep -lt "$REPEAT" ]; do
		rep=$((rep + 1))
		run "nginx-get-$rep" "$DURATION" "$workers" "$url"
		record "nginx, static file" "nginx-get-$rep"
	done
	kill -TERM "$nginx_pid"
	wait "$nginx_pid" || true
	nginx_pid=
fi

echo
[ "$REPEAT" = 1 ] || echo "(of $REPEAT runs of each case, the one with the most requests/s)"
echo "| case | requests/s | p50 ms | p99 ms | waymark/nginx | server CPU µs/request | load | notes |"
echo "|---|---|---|---|---|---|---|---|"
awk -F'\t' '
	!($1 in best) || $2 > rps[$1] { if (!($1 in best)) order[n++] = $1
		best[$1] = $0; rps[$1] = $2 }
	END { for (i = 0; i < n; i++) print best[order[i]] }' "$results" >"$tmp/best"
ref=$(awk -F'\t' '$1 ~ /^nginx/ { print $2 }' "$tmp/best")
awk -F'\t' -v ref="${ref:-0}" '{
	ratio = "-"
	if (ref > 0 && $1 ~ /^(get|nginx)/) ratio = sprintf("%.2f", $2 / ref)
	printf "| %s | %.0f | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, \
		ratio, $5, $6, $7
}' "$tmp/best"
echo "(answer: $size bytes; wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s --latency on the same $(nproc) cores as the server)"
[ $lost = 0 ] || die "some acknowledged survey answers are not in the database"
