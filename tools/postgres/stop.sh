#!/usr/bin/env bash
# Stop the test PostgreSQL server started by tools/postgres/start.sh.
#
#   tools/postgres/stop.sh [--data DIR]
#
# pg_ctl stop -m fast (rolls back open transactions, disconnects clients);
# idempotent: nothing running is not an error. Data is kept.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

DATA=
while [ $# -gt 0 ]; do
    case "$1" in
        --data) DATA=$(abspath "${2:?}"); shift 2 ;;
        -h | --help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done
if [ -z "$DATA" ]; then
    DATA=$DEFAULT_DATA
    if [ -f "$LOCATION_FILE" ]; then DATA=$(cat "$LOCATION_FILE"); fi
fi
PGDATA="$DATA/pgdata"

PG_BIN=$(find_pg_bin)
if [ -z "$PG_BIN" ] || [ ! -f "$PGDATA/postmaster.pid" ]; then
    exit 0   # never installed / never started / already stopped
fi
if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    log "stopping server in $PGDATA"
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null ||
        die "pg_ctl stop failed (log: $DATA/postgres.log)"
fi
exit 0
