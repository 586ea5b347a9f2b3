#!/bin/sh
# tests/run.sh: run the unit tests, then the black-box tests of the binary,
# first on SQLite, then again on PostgreSQL: a throwaway cluster started
# on loopback by tests/pg.sh (Debian's postgresql package). Without
# PostgreSQL the second pass is not run, and the closing lines say so; with
# CI=true that is a failure.
# Called by 'make check' with WAYMARK (the binary) and UNIT_TESTS set.
# Prints one closing line: "N passed, N failed, N skipped".
set -u
: "${WAYMARK:?set WAYMARK to the waymark binary}"
export WAYMARK
unset WAYMARK_TEST_PG
passed=0 failed=0 skipped=0
failures=""
tag=""

suite() {
	for t in ${UNIT_TESTS:-}; do
		name=$(basename "$t")$tag
		out=$("$t" 2>&1)
		rc=$?
		printf '%s\n' "$out" | grep -E '^\[  (PASSED|FAILED|SKIPPED) ' | sed "s/^/$name: /"
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p')
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p')
		s=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p')
		passed=$((passed + ${p:-0}))
		failed=$((failed + ${f:-0}))
		skipped=$((skipped + ${s:-0}))
		if [ "$rc" -ne 0 ]; then
			[ -n "${f:-}" ] || failed=$((failed + 1))
			failures="$failures $name"
			printf '%s\n' "$out" | grep -E -B2 -A8 'FAILED|ERROR|Sanitizer|runtime error' | head -60
		fi
	done

	for t in tests/cli/t-*.sh; do
		name=$(basename "$t" .sh)$tag
		out=$(sh "$t" 2>&1)
		rc=$?
		p=$(printf '%s\n' "$out" | grep -c '^ok ')
		s=$(printf '%s\n' "$out" | grep -c '^skip ')
		f=$(printf '%s\n' "$out" | grep -c '^not ok ')
		passed=$((passed + p))
		skipped=$((skipped + s))
		failed=$((failed + f))
		printf '%s: %d ok, %d not ok, %d skipped\n' "$name" "$p" "$f" "$s"
		printf '%s\n' "$out" | grep -E '^(not ok|skip|#)' | head -40
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			failed=$((failed + 1))
			printf '%s exited %d\n%s\n' "$name" "$rc" "$(printf '%s\n' "$out" | tail -20)"
		fi
		[ "$rc" -eq 0 ] && [ "$f" -eq 0 ] || failures="$failures $name"
	done
}

suite
pgdir=$(mktemp -d)
trap 'sh tests/pg.sh stop "$pgdir" >/dev/null 2>&1; rm -rf "$pgdir" "$pgdir.err"' EXIT
if WAYMARK_TEST_PG=$(sh tests/pg.sh start "$pgdir" 2>"$pgdir.err"); then
	export WAYMARK_TEST_PG WAYMARK_TEST_PG_DIR="$pgdir"
	tag="[pg]"
	echo "--- again on PostgreSQL ($WAYMARK_TEST_PG)"
	suite
	unset WAYMARK_TEST_PG WAYMARK_TEST_PG_DIR
else
	echo "PostgreSQL tests NOT RUN: $(cat "$pgdir.err")"
	if [ "${CI:-}" = true ]; then
		failed=$((failed + 1))
		failures="$failures postgresql"
	fi
fi
[ -z "$failures" ] || echo "failing:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
