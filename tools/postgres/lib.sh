# Shared helpers for tools/postgres/{start,stop}.sh. Sourced, not executed.
# shellcheck shell=bash disable=SC2034  # variables are used by the sourcing scripts

PG_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$PG_HERE/../.." && pwd)
TOOLS_DIR="$ROOT/.tools/postgres"            # gitignored
DEFAULT_DATA="$TOOLS_DIR/data"
# Where start.sh actually put the default cluster (see pick_default_data).
LOCATION_FILE="$TOOLS_DIR/location"
DEFAULT_PORT=55432

log() { printf 'postgres: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

abspath() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s/%s\n' "$PWD" "$1" ;;
    esac
}

# Newest installed server's bin dir (Debian layout), or nothing.
find_pg_bin() {
    local d best=
    for d in /usr/lib/postgresql/*/bin; do
        # glob order is sorted; Debian majors are 2-digit, so last = newest
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then best=$d; fi
    done
    printf '%s\n' "$best"
}

# The server refuses to run as root, so as root we run it as the `postgres`
# system user (created by Debian's package); otherwise as ourselves.
if [ "$(id -u)" = 0 ]; then
    PG_USER=postgres
    as_pg() { (cd / && runuser -u "$PG_USER" -- "$@"); }
else
    PG_USER=$(id -un)
    as_pg() { "$@"; }
fi
