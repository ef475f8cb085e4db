#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests (and CI): its own folder, loopback only, scram-sha-256 only.
#   scripts/pg-test-server.sh start DIR [PORT]   prints the URL the tests take (DOORWAY_TEST_PG_URL)
#   scripts/pg-test-server.sh stop DIR
#   scripts/pg-test-server.sh crash DIR          kill -9 of the server (tests of a hub that goes away)
#   scripts/pg-test-server.sh resume DIR [PORT]  start it again after a crash (crash recovery runs)
# DIR's parent must be open to the server's user (as root, a folder made with mode 755).
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user that Debian's
# package creates. Uses Debian's `postgresql` package (15) or any PostgreSQL 14+ on PATH.
set -euo pipefail
cmd=${1:?start|stop|crash|resume}
dir=${2:?a folder for the server}
port=${3:-54329}

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then bindir=$(pg_config --bindir); fi
if [ -z "$bindir" ]; then bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true); fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then echo "PostgreSQL's server programs (initdb, pg_ctl) were not found; install Debian's postgresql package." >&2; exit 1; fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    chmod 700 "$dir"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$password" > "$dir/.pw"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir/.pw"; fi
    as_owner "$bindir/initdb" -D "$dir/data" -U doorway_test --pwfile="$dir/.pw" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$dir/.pw"
    cat > "$dir/data/pg_hba.conf" <<HBA
local all all scram-sha-256
host  all all 127.0.0.1/32 scram-sha-256
HBA
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
    echo "postgres://doorway_test:$password@127.0.0.1:$port/postgres"
    ;;
  crash)
    # The server and every process it started, at once, as when its computer loses power: killed alone,
    # the postmaster's backends would go on answering open connections for a moment.
    pid="$(head -1 "$dir/data/postmaster.pid")"
    kids=$(grep -l "^PPid:[[:space:]]*$pid\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3 | tr '\n' ' ')
    # shellcheck disable=SC2086
    kill -9 "$pid" $kids
    ;;
  resume)
    # The killed server's own processes notice and exit within moments; until then it cannot start again.
    for _ in $(seq 1 60); do
      if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null 2>&1; then exit 0; fi
      sleep 0.5
    done
    echo "PostgreSQL in $dir did not start again; see $dir/server.log" >&2
    exit 1
    ;;
  stop)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "start|stop|crash|resume" >&2; exit 2 ;;
esac
