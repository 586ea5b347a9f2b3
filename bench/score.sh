#!/bin/sh
# bench/score.sh: how long score_compute takes on 1,000,000 generated
# responses x 40 items (10 determinants x 4 items, 9 groups), and the
# peak memory of the whole run (generator included).
# Needs a C compiler and GNU time (Debian package 'time').
# Usage: sh bench/score.sh [BINARY]  (BINARY, passed by bench/run.sh, is
# not used); SCORE_N=... sets the number of responses.
set -eu
cd "$(dirname "$0")/.."
n=${SCORE_N:-1000000}
mkdir -p bench/out
${CC:-cc} -std=c17 -D_GNU_SOURCE -O2 -Wall -Wextra -Isrc \
	-include src/lib/banned.h -o bench/out/score-gen \
	bench/score-gen.c src/assess/score.c src/lib/xalloc.c -lm
/usr/bin/time -v bench/out/score-gen "$n" 2>bench/out/score-time.txt
grep -E 'Elapsed|Maximum resident' bench/out/score-time.txt
