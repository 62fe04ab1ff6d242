#!/usr/bin/env bash
# Stop the test OpenSearch cluster started by tools/opensearch/start.sh.
#
#   tools/opensearch/stop.sh [--data DIR] [--node I] [--kill]
#
# Default: every node under DIR (default .tools/opensearch/data) gets TERM
# (clean shutdown), then KILL after OPENSEARCH_STOP_TIMEOUT seconds (30).
# --node I  only node I (fault tests: the other nodes keep serving).
# --kill    send KILL at once, i.e. simulate a crash.
# Idempotent: nodes that are not running (or stale PID files) are fine.
# Data and logs stay in DIR for post-mortems; start.sh wipes them.
set -euo pipefail

# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

DATA=$DEFAULT_DATA
ONLY_NODE=
SIGNAL=TERM
TIMEOUT=${OPENSEARCH_STOP_TIMEOUT:-30}

while [ $# -gt 0 ]; do
    case "$1" in
        --data) DATA=$(abspath "${2:?}"); shift 2 ;;
        --node) ONLY_NODE=${2:?}; shift 2 ;;
        --kill) SIGNAL=KILL; shift ;;
        -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done

if [ -n "$ONLY_NODE" ]; then
    homes=("$DATA/node_$ONLY_NODE")
else
    homes=("$DATA"/node_*)
fi

# Signal every node first, then wait: nodes shut down in parallel.
pids=()
for home in "${homes[@]}"; do
    [ -d "$home" ] || continue
    pid=$(node_pid "$home")
    if [ -z "$pid" ]; then
        rm -f "$home/opensearch.pid"
        continue
    fi
    log "stopping $(basename "$home") (pid $pid, SIG$SIGNAL)"
    kill -s "$SIGNAL" "$pid" 2>/dev/null || true
    pids+=("$pid:$home")
done

# Alive = some thread of the process is not a zombie. (The JVM's main thread
# can show as Z while shutdown hooks still run; a dead process whose parent
# never reaps it stays Z forever.)
alive() {
    local st
    kill -0 "$1" 2>/dev/null || return 1
    for st in /proc/"$1"/task/*/stat; do
        case "$(awk '{print $3}' "$st" 2>/dev/null)" in Z | X | '') ;; *) return 0 ;; esac
    done
    return 1
}

deadline=$((SECONDS + TIMEOUT))
for entry in "${pids[@]+"${pids[@]}"}"; do
    pid=${entry%%:*} home=${entry#*:}
    while alive "$pid"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "$(basename "$home") ignored TERM for ${TIMEOUT}s; sending KILL"
            kill -s KILL "$pid" 2>/dev/null || true
            sleep 0.5
        else
            sleep 0.2
        fi
    done
    rm -f "$home/opensearch.pid"
done
exit 0
