# Shared helpers for tools/opensearch/{start,stop}.sh. Sourced, not executed.
# shellcheck shell=bash disable=SC2034  # variables are used by the sourcing scripts

# Repo root, resolved from this file so the scripts work from any cwd.
OS_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$OS_HERE/../.." && pwd)
TOOLS_DIR="$ROOT/.tools/opensearch"          # gitignored: jars, classes, data
DEFAULT_DATA="$TOOLS_DIR/data"
LAUNCHER_CLASS=portal.opensearch.TestNode

log() { printf 'opensearch: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Absolute path without requiring it to exist yet.
abspath() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s/%s\n' "$PWD" "$1" ;;
    esac
}

# node_pid HOME -> prints the PID if HOME's node JVM is alive, else nothing.
# Checks the command line too, so a recycled PID is never signalled.
node_pid() {
    local home=$1 pidfile="$1/opensearch.pid" pid
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile" 2>/dev/null || true)
    case "$pid" in '' | *[!0-9]*) return 0 ;; esac
    [ -r "/proc/$pid/cmdline" ] || return 0
    if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$LAUNCHER_CLASS $home"; then
        printf '%s\n' "$pid"
    fi
}

# Last lines of a node's console log, for error reports.
log_tail() {
    local home=$1
    if [ -f "$home/console.log" ]; then
        log "---- last 40 lines of $home/console.log ----"
        tail -n 40 "$home/console.log" >&2 || true
        log "----"
    fi
}
