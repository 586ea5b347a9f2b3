#!/bin/sh
# bench/roadmap.sh: generating a road map (target: under 5 ms) for a project
# with a full assessment: plan_build alone (bench/roadmap-time.c, averaged
# over 2000 runs), then the whole 'waymark roadmap' command on the demo
# project with hyperfine (process start, evidence base, store and output).
# Usage: sh bench/roadmap.sh [BINARY]
set -eu
bin=${1:-build/waymark}
make -s build/waymark >/dev/null
mkdir -p bench/out
objs=$(ls build/lib/*.o build/kb/*.o build/store/*.o build/assess/*.o \
	build/survey/*.o build/plan/*.o build/kb_data.o)
${CC:-cc} -std=c17 -D_GNU_SOURCE -O2 -Isrc -include src/lib/banned.h \
	$(pkg-config --cflags jansson) -o bench/out/roadmap-time \
	bench/roadmap-time.c $objs \
	$(pkg-config --libs jansson yaml-0.1 sqlite3) -lstemmer -lcsv -lm
bench/out/roadmap-time 2000
db=bench/out/roadmap.db
rm -f "$db" "$db-wal" "$db-shm"
WAYMARK_DB=$db "$bin" demo >/dev/null
WAYMARK_DB=$db hyperfine -N --warmup 5 --runs 100 \
	"$bin roadmap demo-clinical-app --format json"
