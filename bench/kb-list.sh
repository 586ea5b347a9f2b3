#!/bin/sh
# bench/kb-list.sh: how long 'waymark kb list' takes from start to finish,
# loading and checking the whole built-in evidence base each time.
# Needs hyperfine (Debian package 'hyperfine'). Usage: sh bench/kb-list.sh [BINARY]
set -eu
bin=${1:-build/waymark}
hyperfine --warmup 5 --runs 200 -N \
	"$bin kb list" \
	"$bin kb search device management" \
	"$bin kb show streams-2022.barrier.byod-mdm"
/usr/bin/time -v "$bin" kb list 2>&1 >/dev/null |
	grep -E 'Elapsed|Maximum resident'
