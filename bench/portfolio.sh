#!/bin/sh
# bench/portfolio.sh: the portfolio of 200 projects with demo-like data.
#
#   sh bench/portfolio.sh [BINARY]        (N=200 projects, RESP=150 each)
#
# Builds a fresh store: the demo project, then N projects each with RESP
# survey responses (one round), 20 settings with milestones (a varying
# share live), two log entries and a step of its own. Then times
# 'waymark portfolio --json' (hyperfine) and, with 'waymark serve', the
# page /portfolio and GET /api/portfolio as the administrator (hyperfine
# with curl, and wrk for requests per second). Needs hyperfine, curl and
# wrk; everything it writes is in a temporary directory.
set -eu
bin=${1:-build/waymark}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
N=${N:-200}
RESP=${RESP:-150}
for tool in hyperfine curl wrk; do
	command -v $tool >/dev/null 2>&1 || { echo "portfolio.sh: skipped: no $tool" >&2; exit 0; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/waymark-portfolio.XXXXXX")
pid=
trap '[ -z "$pid" ] || kill -TERM "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
db=${DB:-$tmp/db}
W() { "$bin" --db "$db" "$@" >/dev/null; }

t0=$(date +%s)
W demo
steps="vision strategy business-case procurement implement optimise"
i=0
while [ $i -lt "$N" ]; do
	i=$((i + 1))
	p=$(printf 'p%03d' $i)
	step=$(echo $steps | cut -d' ' -f$((i % 6 + 1)))
	W project new "$p" --title "Project $i" --step "$step" --settings 40
	[ -f "$tmp/header" ] || "$bin" --db "$db" survey export "$p" --format template >"$tmp/header"
	# RESP responses, answers varying with the project so barriers differ
	awk -F, -v n="$RESP" -v s="$i" '
	NR == 1 {
		print
		split("clinical nursing allied-health admin it ig executive", g, " ")
		for (r = 1; r <= n; r++) {
			line = "r" r "," g[(r % 7) + 1]
			for (k = 3; k <= NF; k++)
				line = line "," ($k ~ /comment$/ ? "" : ((r * 7 + k * 3 + s) % 11 == 0 ? "dk" : (r + k * s) % 5 + 1))
			print line
		}
	}' "$tmp/header" >"$tmp/resp.csv"
	W survey import "$p" "$tmp/resp.csv"
	{
		echo "name,type"
		k=0
		while [ $k -lt 20 ]; do k=$((k + 1)); echo "Team $k,team"; done
	} >"$tmp/settings.csv"
	W setting import "$p" "$tmp/settings.csv"
	{
		echo "setting,milestone,date"
		k=0
		while [ $k -lt $((i % 20)) ]; do
			k=$((k + 1))
			echo "Team $k,engaged,2024-01-0$((k % 9 + 1))"
			echo "Team $k,live,2024-0$((k % 9 + 1))-15"
		done
	} >"$tmp/milestones.csv"
	W milestone import "$p" "$tmp/milestones.csv"
	W log add "$p" "Wifi drops on the ward" --reporter Sam --severity 4 --date 2024-03-01
	W log add "$p" "Printers too old" --reporter Sam --status closed --date 2024-03-02
done
echo "store: $db, $((N + 1)) projects, $RESP responses each, built in $(($(date +%s) - t0)) s"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

hyperfine -N -w 2 -r 10 "$bin --db $db portfolio --json"

"$bin" --db "$db" serve --listen 127.0.0.1:0 --access-log off --threads 2 \
	>"$tmp/out" 2>"$tmp/err" &
pid=$!
n=0
until grep -q 'listening on' "$tmp/out" 2>/dev/null; do
	n=$((n + 1))
	[ $n -lt 300 ] && kill -0 $pid 2>/dev/null || { cat "$tmp/err" >&2; exit 1; }
	sleep 0.1
done
base=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$tmp/out")
echo bench-password-1 | "$bin" --db "$db" user add bencher --admin --password-stdin >/dev/null
token=$("$bin" --db "$db" user token bencher)
auth="Authorization: Bearer $token"
# the page needs a session: its cookie, as a browser sends it
curl -s -o /dev/null -c "$tmp/jar" --data-urlencode name=bencher \
	--data-urlencode password=bench-password-1 "$base/login"
cookie="Cookie: $(sed 's/^#HttpOnly_//' "$tmp/jar" | awk '!/^#/ && NF >= 7 { printf "%s=%s", $6, $7 }')"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$cookie" "$base/portfolio")
[ "$code" = 200 ] || { echo "the page answered $code" >&2; exit 1; }
rows=$(curl -s -H "$auth" "$base/api/portfolio" | grep -o '"gate"' | wc -l)
echo "GET /api/portfolio lists $rows projects"
hyperfine -N -w 2 -r 20 \
	"curl -s -o /dev/null -H '$cookie' $base/portfolio" \
	"curl -s -o /dev/null -H '$auth' $base/api/portfolio" \
	"curl -s -o /dev/null -H '$auth' $base/api/portfolio?sort=coverage&dir=desc"
wrk -t2 -c4 -d10s --latency -H "$cookie" "$base/portfolio" | grep -E 'Requests/sec|50%|99%|requests in|Non-2xx'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
