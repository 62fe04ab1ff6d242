#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for tests.
#
#   tools/postgres/start.sh [--port 55432] [--data DIR] [--fresh]
#
# Installs Debian's server package if missing, initdb's a cluster into DIR
# (default .tools/postgres/data) on first use, starts it listening on
# 127.0.0.1:PORT only, and makes sure database `portal` exists. The
# superuser is portal/portal (Django's test runner needs CREATEDB anyway).
# Data is kept between runs; --fresh wipes it first. Safe to call again
# while running. On success prints exactly one line on stdout:
#   DATABASE_URL=postgres://portal:portal@127.0.0.1:PORT/portal
# (also written to DIR/database.env); progress and errors go to stderr.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PORT=$DEFAULT_PORT
DATA=
FRESH=0
while [ $# -gt 0 ]; do
    case "$1" in
        --port) PORT=${2:?}; shift 2 ;;
        --data) DATA=$(abspath "${2:?}"); shift 2 ;;
        --fresh) FRESH=1; shift ;;
        -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done
case "$PORT" in '' | *[!0-9]*) die "--port must be a number" ;; esac

DB_USER=portal
DB_PASS=portal
DB_NAME=portal
URL="postgres://$DB_USER:$DB_PASS@127.0.0.1:$PORT/$DB_NAME"

# ---------------------------------------------------------------- install
install_server() {
    [ "$(id -u)" = 0 ] || die "PostgreSQL server not installed and not root (apt-get install postgresql)"
    command -v apt-get >/dev/null || die "PostgreSQL server not installed and no apt-get"
    log "installing PostgreSQL server with apt-get"
    # Keep the package from starting its own 'main' cluster on 5432: we only
    # want ours. (policy-rc.d 101 = "do not start services"; Docker's trick.)
    local own_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        own_policy=1
    fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || {
        [ "$own_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
        die "apt-get install postgresql failed"
    }
    if [ "$own_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
}

PG_BIN=$(find_pg_bin)
if [ -z "$PG_BIN" ]; then
    install_server
    PG_BIN=$(find_pg_bin)
    [ -n "$PG_BIN" ] || die "no initdb/pg_ctl under /usr/lib/postgresql/*/bin after install"
fi
id "$PG_USER" >/dev/null 2>&1 || die "system user $PG_USER missing (it comes with the postgresql package)"

# ---------------------------------------------------------------- data dir
# The server runs as $PG_USER, which must be able to reach the data dir. The
# repo may sit below a directory only root can enter (e.g. /root/...); then
# the default cluster goes to /tmp instead and LOCATION_FILE remembers where.
can_reach() { as_pg test -w "$1" 2>/dev/null; }

prepare_dir() {
    mkdir -p "$1"
    if [ "$(id -u)" = 0 ]; then chown "$PG_USER:" "$1"; fi
    chmod 700 "$1"
}

if [ -z "$DATA" ]; then
    DATA=$DEFAULT_DATA
    prepare_dir "$DATA"
    if ! can_reach "$DATA"; then
        DATA="${TMPDIR:-/tmp}/portal-postgres-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
        log "$PG_USER cannot reach $DEFAULT_DATA; using $DATA"
        prepare_dir "$DATA"
    fi
    mkdir -p "$TOOLS_DIR"
    printf '%s\n' "$DATA" >"$LOCATION_FILE"
else
    prepare_dir "$DATA"
fi
can_reach "$DATA" || die "$PG_USER cannot write to $DATA (check parent directory permissions)"
PGDATA="$DATA/pgdata"
LOGFILE="$DATA/postgres.log"

running() { [ -f "$PGDATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

if [ "$FRESH" = 1 ] && [ -d "$PGDATA" ]; then
    if running; then as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >&2; fi
    log "wiping $PGDATA"
    rm -rf "$PGDATA"
fi

# A cluster from another major version (or a half-made one) is useless here.
if [ -d "$PGDATA" ] && ! running; then
    if [ "$(cat "$PGDATA/PG_VERSION" 2>/dev/null)" != "$(basename "$(dirname "$PG_BIN")")" ]; then
        log "discarding unusable cluster in $PGDATA"
        rm -rf "$PGDATA"
    fi
fi

# ---------------------------------------------------------------- initdb
if [ ! -d "$PGDATA" ]; then
    log "initdb $PGDATA ($PG_BIN)"
    pwfile="$DATA/.pw"
    printf '%s\n' "$DB_PASS" >"$pwfile"
    if [ "$(id -u)" = 0 ]; then chown "$PG_USER:" "$pwfile"; fi
    # The bootstrap superuser is `portal` itself; password auth everywhere.
    if ! as_pg "$PG_BIN/initdb" -D "$PGDATA" -U "$DB_USER" --pwfile="$pwfile" \
        --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DATA/initdb.log" 2>&1; then
        rm -f "$pwfile"
        cat "$DATA/initdb.log" >&2
        die "initdb failed"
    fi
    rm -f "$pwfile"
    echo "include_if_exists = 'portal.conf'" >>"$PGDATA/postgresql.conf"
fi

# Settings are rewritten on every start so --port can change between runs.
# Durability is traded for speed: this cluster is disposable.
cat >"$PGDATA/portal.conf" <<CONF
# generated by tools/postgres/start.sh
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = ''
max_connections = 100
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
if [ "$(id -u)" = 0 ]; then chown "$PG_USER:" "$PGDATA/portal.conf"; fi

# ---------------------------------------------------------------- start
psql_admin() {
    PGPASSWORD=$DB_PASS PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres "$@"
}

if running; then
    running_port=$(sed -n 4p "$PGDATA/postmaster.pid")
    [ "$running_port" = "$PORT" ] ||
        die "already running from $DATA on port $running_port; run tools/postgres/stop.sh first"
    log "already running from $DATA"
else
    rm -f "$PGDATA/postmaster.pid"   # stale after a crash or a KILL
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        die "port $PORT on 127.0.0.1 is already in use"
    fi
    START=$SECONDS
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOGFILE" -w -t 60 start >/dev/null; then
        tail -n 30 "$LOGFILE" >&2 || true
        die "server did not start (log: $LOGFILE)"
    fi
    log "started in $((SECONDS - START))s on 127.0.0.1:$PORT (data $PGDATA)"
fi

# Ready = accepts an authenticated query, not merely a TCP connection.
for _ in $(seq 1 30); do
    if psql_admin -tAc 'SELECT 1' >/dev/null 2>&1; then break; fi
    sleep 1
done
psql_admin -tAc 'SELECT 1' >/dev/null || die "server up but not accepting $DB_USER logins"

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
fi

printf 'DATABASE_URL=%s\n' "$URL" >"$DATA/database.env"
printf 'DATABASE_URL=%s\n' "$URL"
