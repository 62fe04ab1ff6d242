#!/usr/bin/env bash
# Latency benchmark of the portal on SQLite; writes its section of docs/benchmarks.md.
#
#   BENCH_SIZES="1000 10000" tools/bench/run.sh     # or: make bench
#
# For each size N: a throwaway SQLite database in a temporary directory
# (migrate, load_demo_content, generate_evaluations --count N), gunicorn with
# production settings on 127.0.0.1 (2 workers), warm-up, then sequential
# requests per endpoint (median, p95) and an in-process SQL query count.
# Loopback only; the server is stopped and the directory removed on exit.
#
# Env: BENCH_SIZES ("1000 10000"), BENCH_REQUESTS (200 per endpoint),
# BENCH_WARMUP (10), BENCH_MAX_SECONDS (120 per endpoint and phase),
# BENCH_QUERIES_TIMEOUT (900 s for the in-process count), BENCH_SEED (1),
# BENCH_QUERY (interpreter), BENCH_SERVICE (community-pharmacy),
# BENCH_EQUITY (core20), BENCH_KEEP=1 keeps the temporary directory.
# SEARCH_* variables are ignored: this configuration is the database backend.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PY=${PY:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || { echo "bench: $PY not found (make run or make test creates .venv)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/portal-bench.XXXXXX")
export BENCH_WORKDIR=$WORK

cleanup() {
    local pidfile pid
    for pidfile in "$WORK"/*/gunicorn.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
    done
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        echo "bench: kept $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

"$PY" tools/bench/bench.py
