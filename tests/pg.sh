#!/bin/sh
# tests/pg.sh: a throwaway PostgreSQL cluster on loopback for the tests.
#
#   sh tests/pg.sh start DIR    initdb in DIR, start it on a free port;
#                               prints the URI of database 'postgres'
#   sh tests/pg.sh stop DIR     stop it (the files stay: rm -rf DIR)
#   sh tests/pg.sh restart DIR  stop and start it again on the same port
#
# Uses Debian's postgresql package (/usr/lib/postgresql/N/bin). As root,
# the cluster runs as the 'postgres' user, since the server refuses root.
set -eu

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] && [ -x "$bindir/pg_ctl" ] || {
	echo "tests/pg.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
	exit 1
}

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# start_on PORT: start the server on loopback; fails if the port is taken
start_on() {
	as_owner "$bindir/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" \
		-o "-c listen_addresses=127.0.0.1 -p $1 -k $dir/data -c fsync=off -c max_connections=200" \
		start >/dev/null 2>&1
}

cmd=${1:-} dir=${2:-}
[ -n "$dir" ] || { echo "usage: sh tests/pg.sh start|stop|restart DIR" >&2; exit 2; }

case "$cmd" in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -ne 0 ] || chown postgres "$dir"
	as_owner "$bindir/initdb" -D "$dir/data" -U waymark --auth=trust \
		--locale=C.UTF-8 --encoding=UTF8 >"$dir/initdb.log" 2>&1 ||
		as_owner "$bindir/initdb" -D "$dir/data" -U waymark --auth=trust \
		--locale=C --encoding=UTF8 >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2; exit 1; }
	# a port from the process id, and the next ones if it is taken
	port=$((20000 + $$ % 20000)) tries=0
	until start_on "$port"; do
		tries=$((tries + 1))
		[ $tries -lt 20 ] || { cat "$dir/server.log" >&2; exit 1; }
		port=$((port + 1))
	done
	echo "$port" >"$dir/port"
	;;
restart)
	port=$(cat "$dir/port")
	as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	start_on "$port" || { cat "$dir/server.log" >&2; exit 1; }
	;;
stop)
	as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	exit 0
	;;
*)
	echo "usage: sh tests/pg.sh start|stop|restart DIR" >&2
	exit 2
	;;
esac

echo "postgresql://waymark@127.0.0.1:$port/postgres"
