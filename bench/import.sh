#!/bin/sh
# bench/import.sh: import 100,000 survey responses from CSV into a fresh
# SQLite store, then score them with 'assess show'.
# Usage: sh bench/import.sh [BINARY] (default build/waymark); N=... to change.
set -eu
bin=${1:-build/waymark}
n=${N:-100000}
dir=bench/out
mkdir -p "$dir"
db="$dir/import.db"
rm -f "$db" "$db-wal" "$db-shm"
export WAYMARK_DB="$db"
"$bin" project new bench >/dev/null
header=$("$bin" survey export bench --format template)
# every item answered 1..5 by a fixed pattern, comments left empty
echo "$header" | awk -F, -v n="$n" '
NR == 1 {
	print
	split("clinical nursing allied-health admin it ig executive supplier patient-public", g, " ")
	for (r = 1; r <= n; r++) {
		line = "r" r "," g[(r % 9) + 1]
		for (k = 3; k <= NF; k++)
			line = line "," ($k ~ /comment$/ ? "" : ((r * 7 + k * 3) % 6 == 0 ? "dk" : (r + k) % 5 + 1))
		print line
	}
}' >"$dir/responses.csv"
echo "responses: $n, file: $(wc -c <"$dir/responses.csv") bytes"
/usr/bin/time -v "$bin" survey import bench "$dir/responses.csv" 2>&1 |
	grep -E 'imported|Elapsed|Maximum resident'
/usr/bin/time -v "$bin" assess show bench --json 2>&1 >/dev/null |
	grep -E 'Elapsed|Maximum resident'
