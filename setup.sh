#!/bin/sh
# setup.sh: the one entry point on a fresh Debian 12 machine.
#
#   sh setup.sh run     install what is missing, build, create the demo
#                       project in ./waymark-demo.db and show its assessment
#   sh setup.sh test    install what is missing, build, run every test
#                       (normal build with -Werror, then ASan + UBSan)
#   sh setup.sh deps    only install what is missing
#
# Packages come from Debian's archive only; apt-get runs as root or via sudo.
set -eu
cd "$(dirname "$0")"

# Build and run-time dependencies (Debian package names).
PKGS="make gcc libc6-dev pkg-config libjansson-dev libyaml-dev libstemmer-dev
	libsqlite3-dev libcsv-dev"
# Only the tests need these.
TEST_PKGS="libcmocka-dev"

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
	./build/waymark demo
	echo
	./build/waymark assess show demo-clinical-app
	echo
	echo "The database is $WAYMARK_DB. Try:"
	echo "  ./build/waymark --db $WAYMARK_DB roadmap demo-clinical-app"
	echo "  ./build/waymark --db $WAYMARK_DB gate demo-clinical-app"
	echo "  ./build/waymark kb search BYOD"
	echo "  ./build/waymark kb show streams-2022.lesson.byod-mdm-early"
	;;
test)
	install $PKGS $TEST_PKGS
	make -j"$jobs" WERROR=1 check
	make -j"$jobs" WERROR=1 SAN=1 check
	;;
*)
	echo "usage: sh setup.sh run|test|deps" >&2
	exit 2
	;;
esac
