#!/bin/sh
# t-web-e2e.sh: the web application end to end in headless Chromium:
# log in, make a project, stakeholders and a survey link, answer the
# survey on a phone-sized screen (offline and back, and without
# JavaScript), watch the dashboard change, try script injection.
# The browser side is tests/e2e/flow.mjs (playwright-core); screenshots
# go to build/e2e-artifacts/ (build-san/ for the sanitizer build).
#
# Needs node, npm (once, for tests/e2e/node_modules) and Debian's chromium:
# 'sh setup.sh test' installs them. Without them the test is skipped,
# except when CI=true: CI must run it.
. tests/cli/lib.sh
: >"$OUT"
: >"$ERR"

ROOT=$(pwd)
E2E="$ROOT/tests/e2e"
CHROMIUM=${E2E_CHROMIUM:-/usr/bin/chromium}

# unusable WHY: skip without the tools, but fail in CI
unusable() {
	if [ "${CI:-}" = true ]; then
		echo "not ok 1 - browser tests need chromium and node: $1"
		echo "# CI must run them: install with 'sh setup.sh test'"
		exit 1
	fi
	echo "skip 1 - browser tests need chromium and node (sh setup.sh test installs them): $1"
	exit 0
}

command -v node >/dev/null 2>&1 || unusable "node is not installed"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)
[ "${major:-0}" -ge 18 ] 2>/dev/null || unusable "node ${major:-?} is older than 18"
[ -x "$CHROMIUM" ] || unusable "$CHROMIUM is missing"
if [ ! -d "$E2E/node_modules/playwright-core" ]; then
	command -v npm >/dev/null 2>&1 || unusable "tests/e2e/node_modules is missing and npm is not installed"
	if ! npm ci --prefix "$E2E" --no-audit --no-fund >"$TMP/npm.log" 2>&1; then
		sed 's/^/# npm: /' "$TMP/npm.log" | tail -15
		unusable "'npm ci --prefix tests/e2e' failed"
	fi
fi

. tests/cli/web.sh

case $WAYMARK in
*/build-san/*) art="$ROOT/build-san/e2e-artifacts" ;;
*) art="$ROOT/build/e2e-artifacts" ;;
esac
mkdir -p "$art"

start_server
command -v timeout >/dev/null 2>&1 && limit="timeout 110" || limit=
# its log (stderr) is kept, and shown on failure or with E2E_TRACE=1
BASE=$BASE ADMIN_PW=$ADMIN_PW DB=$DB WAYMARK=$WAYMARK \
	E2E_ARTIFACTS=${E2E_ARTIFACTS:-$art} E2E_CHROMIUM=$CHROMIUM \
	E2E_SUMMARY="$TMP/summary" $limit node "$E2E/flow.mjs" 2>"$TMP/e2e.err"
node_rc=$?
[ -z "${E2E_TRACE:-}" ] || cat "$TMP/e2e.err" >&2
# flow.mjs numbers its own checks; take its counts.
n=0 fails=0
[ ! -s "$TMP/summary" ] || read -r n fails <"$TMP/summary"
if [ "$node_rc" -ne 0 ] && [ "$fails" -eq 0 ]; then
	fail "the browser tests ran (node exited $node_rc)"
	sed 's/^/#   /' "$TMP/e2e.err" | tail -20
elif [ "$fails" -ne 0 ]; then
	grep -v '^# \[' "$TMP/e2e.err" | sed 's/^\([^#]\)/# \1/' | tail -5
fi

stop_server
if [ "$server_rc" -ne 0 ] ||
   grep -qE 'runtime error|Sanitizer|LeakSanitizer' "$TMP/serve.err"; then
	fail "the server stops cleanly after the browser tests" "exit $server_rc"
	sed 's/^/#   /' "$TMP/serve.err" | tail -20
fi
done_testing
