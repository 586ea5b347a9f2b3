#!/bin/sh
# bench/run.sh: run every benchmark against one binary (default build/waymark).
set -eu
bin=${1:-build/waymark}
for b in bench/*.sh; do
	[ "$b" = bench/run.sh ] && continue
	echo "== $b"
	sh "$b" "$bin"
done
