#!/bin/sh
# setup.sh: the one entry point on a fresh Debian 12 machine.
#
#   sh setup.sh run     install what is missing, build, create the demo
#                       project in ./waymark-demo.db and serve the web
#                       application on http://127.0.0.1:8080/ (set PORT
#                       to change it)
#   sh setup.sh test    install what is missing, build, run every test
#                       (normal build with -Werror, then ASan + UBSan)
#   sh setup.sh deps    only install what is missing
#
# Packages come from Debian's archive only; apt-get runs as root or via sudo.
set -eu
cd "$(dirname "$0")"

# Build and run-time dependencies (Debian package names).
PKGS="make gcc libc6-dev pkg-config libjansson-dev libyaml-dev libstemmer-dev
	libsqlite3-dev libpq-dev libcsv-dev libmicrohttpd-dev libsodium-dev"
# Only the tests need these.
TEST_PKGS="libcmocka-dev curl sqlite3 jq chromium postgresql nginx openssl"
# (tests/cli/t-deploy.sh also runs systemd-analyze when the systemd package
# is there; it is not installed for the tests: too heavy in a container)
# and Node for the browser tests, unless there is one (NodeSource's nodejs
# conflicts with Debian's npm: it has its own)
command -v node >/dev/null 2>&1 || TEST_PKGS="$TEST_PKGS nodejs"
command -v npm >/dev/null 2>&1 || TEST_PKGS="$TEST_PKGS npm"

missing() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || echo "$p"
	done
}

install() {
	need=$(missing "$@")
	[ -n "$need" ] || return 0
	echo "setup: installing:" $need
	if [ "$(id -u)" -eq 0 ]; then
		SUDO=
	elif command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "setup: need root or sudo to install:" $need >&2
		exit 1
	fi
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q \
		--no-install-recommends $need
}

jobs=$(nproc 2>/dev/null || echo 2)

case "${1:-}" in
deps)
	install $PKGS $TEST_PKGS
	;;
run)
	install $PKGS
	make -j"$jobs"
	# the embedded default: one SQLite file beside the checkout
	export WAYMARK_DB="${WAYMARK_DB:-$PWD/waymark-demo.db}"
	echo "The database is $WAYMARK_DB; the command line works on it too:"
	echo "  ./build/waymark assess show demo-clinical-app"
	echo "  ./build/waymark roadmap demo-clinical-app"
	echo "  ./build/waymark kb search BYOD"
	echo
	exec ./build/waymark serve --demo --port "${PORT:-8080}"
	;;
test)
	install $PKGS $TEST_PKGS
	# playwright-core for tests/e2e, as pinned in its package-lock.json;
	# Node trusts the system's certificates too (a proxy's CA, say)
	[ ! -f /etc/ssl/certs/ca-certificates.crt ] ||
		export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
	[ -d tests/e2e/node_modules ] ||
		npm ci --prefix tests/e2e --no-audit --no-fund ||
		echo "setup: npm ci failed: the browser tests will be skipped" >&2
	make -j"$jobs" WERROR=1 check
	make -j"$jobs" WERROR=1 SAN=1 check
	;;
*)
	echo "usage: sh setup.sh run|test|deps" >&2
	exit 2
	;;
esac
