# tests/cli/lib.sh: helpers for black-box tests of the waymark binary.
# Each check prints "ok N - NAME" or "not ok N - NAME" (TAP-like).
: "${WAYMARK:?set WAYMARK to the waymark binary}"
n=0
fails=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
OUT="$TMP/out"
ERR="$TMP/err"
export NO_COLOR=1 COLUMNS=100
unset WAYMARK_KB WAYMARK_DB

# db NAME: a new, empty store for the test: $TMP/NAME.db, or, when
# WAYMARK_TEST_PG names a PostgreSQL server (tests/run.sh's second pass),
# a new database there. Call once per NAME and keep the answer.
db() {
	if [ -n "${WAYMARK_TEST_PG:-}" ]; then
		_name="t_$$_$1"
		psql "$WAYMARK_TEST_PG" -qAt -c "CREATE DATABASE $_name" >/dev/null ||
			{ echo "# cannot create database $_name" >&2; return 1; }
		echo "${WAYMARK_TEST_PG%/*}/$_name"
	else
		echo "$TMP/$1.db"
	fi
}
# sqlite_only NAME...: under PostgreSQL, say these checks were not run
sqlite_only() {
	[ -n "${WAYMARK_TEST_PG:-}" ] || return 1
	for _t in "$@"; do n=$((n + 1)); echo "skip $n - $_t (SQLite only)"; done
}

# run ARGS...: run waymark, keep stdout in $OUT, stderr in $ERR, status in $rc
run() {
	"$WAYMARK" "$@" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
}

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"
	[ -z "${2:-}" ] || echo "# $2"
	echo "# stdout:"; head -15 "$OUT" | sed 's/^/#   /'
	echo "# stderr:"; head -15 "$ERR" | sed 's/^/#   /'
}

# expect_rc CODE NAME
expect_rc() {
	if [ "$rc" -eq "$1" ]; then pass "$2"; else fail "$2" "exit $rc, expected $1"; fi
}
# expect_out TEXT NAME: stdout contains TEXT (fixed string)
expect_out() {
	if grep -qF -- "$1" "$OUT"; then pass "$2"; else fail "$2" "stdout lacks '$1'"; fi
}
expect_no_out() {
	if grep -qF -- "$1" "$OUT"; then fail "$2" "stdout has '$1'"; else pass "$2"; fi
}
# expect_no_word WORD NAME: stdout lacks WORD as a whole word
expect_no_word() {
	if grep -qw -- "$1" "$OUT"; then fail "$2" "stdout has the word '$1'"; else pass "$2"; fi
}
# expect_err TEXT NAME: stderr contains TEXT
expect_err() {
	if grep -qF -- "$1" "$ERR"; then pass "$2"; else fail "$2" "stderr lacks '$1'"; fi
}
skip() { n=$((n + 1)); echo "skip $n - $1"; }
done_testing() { [ "$fails" -eq 0 ]; }
