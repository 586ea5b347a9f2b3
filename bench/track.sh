#!/bin/sh
# bench/track.sh: rollout tracking at scale. Generates 10,000 settings
# (organisations, sites under them, teams under the sites) and the days
# they reached their milestones (0 to 6 each, about 30,000 rows) over
# three years, then times 'setting import' + 'milestone import' together
# (target: under 1 s), the whole 'coverage' command over three years
# weekly with hyperfine, and track_coverage alone (target: under 50 ms).
# Usage: sh bench/track.sh [BINARY]
set -eu
bin=${1:-build/waymark}
n=${N:-10000}
make -s build/waymark >/dev/null
mkdir -p bench/out
awk -v n="$n" 'BEGIN {
	print "name,type,parent,it_system" > "bench/out/track-settings.csv"
	print "setting,milestone,date" > "bench/out/track-milestones.csv"
	split("engaged isa-signed configured trained live routine-use", m, " ")
	split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ")
	for (i = 0; i < n; i++) {
		if (i % 50 == 0) { type = "organisation"; parent = ""; org = i }
		else if (i % 10 == 0) { type = "site"; parent = "setting " org; site = i }
		else { type = "team"; parent = "setting " (i % 50 < 10 ? org : site) }
		printf "setting %d,%s,%s,system %d\n", i, type, parent, i % 4 \
			> "bench/out/track-settings.csv"
		day = (i * 7919) % 700	# the first milestone within two years
		for (k = 1; k <= i % 7 && k <= 6; k++) {
			day += 5 + (i * k) % 60
			y = 2022; d = day
			while (d >= 365) { d -= 365; y++ }
			for (mo = 1; d >= md[mo]; mo++) d -= md[mo]
			printf "setting %d,%s,%04d-%02d-%02d\n", i, m[k], y, mo, d + 1 \
				> "bench/out/track-milestones.csv"
		}
	}
}'
wc -l bench/out/track-settings.csv bench/out/track-milestones.csv
db=bench/out/track.db
import() {
	rm -f "$db" "$db-wal" "$db-shm"
	WAYMARK_DB=$db "$bin" project new bench --settings 12000 >/dev/null
	WAYMARK_DB=$db "$bin" setting import bench bench/out/track-settings.csv
	WAYMARK_DB=$db "$bin" milestone import bench bench/out/track-milestones.csv
}
import
echo "import (project new + setting import + milestone import):"
hyperfine -N --warmup 1 --runs 10 --prepare "rm -f $db $db-wal $db-shm" \
	"sh -c 'WAYMARK_DB=$db $bin project new bench --settings 12000 && WAYMARK_DB=$db $bin setting import bench bench/out/track-settings.csv && WAYMARK_DB=$db $bin milestone import bench bench/out/track-milestones.csv'"
import >/dev/null
WAYMARK_DB=$db hyperfine -N --warmup 5 --runs 50 \
	"$bin coverage bench --from 2022-01-01 --to 2024-12-31 --every week"
objs=$(ls build/lib/*.o build/kb/*.o build/store/*.o build/assess/*.o \
	build/survey/*.o build/plan/*.o build/track/*.o build/kb_data.o)
${CC:-cc} -std=c17 -D_GNU_SOURCE -O2 -Isrc -include src/lib/banned.h \
	$(pkg-config --cflags jansson) -o bench/out/track-time \
	bench/track-time.c $objs \
	$(pkg-config --libs jansson yaml-0.1 sqlite3 libsodium) -lstemmer -lcsv -lm
bench/out/track-time "$db"
