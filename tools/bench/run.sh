#!/usr/bin/env bash
# Latency benchmark of the portal; writes its configuration's section of docs/benchmarks.md.
#
#   BENCH_SIZES="1000 10000" tools/bench/run.sh              # SQLite (make bench-sqlite)
#   BENCH_CONFIG=engine BENCH_SIZES=100000 tools/bench/run.sh # PostgreSQL + OpenSearch (make bench-scale)
#
# For each size N: a throwaway database in a temporary directory (migrate,
# load_demo_content, generate_evaluations --count N; on the engine also a
# timed update_index), gunicorn with production settings on 127.0.0.1
# (2 workers), warm-up, then sequential requests per endpoint (median, p95)
# and an in-process SQL query count. Readers' pages are measured from the
# page cache and rendered, against a floor (tools/bench/floor.py, a
# hello-world Django view under its own gunicorn); then throughput at 8
# connections and the web workers' RSS. With BENCH_CONFIG=engine this script
# starts its own PostgreSQL and a 1-node OpenSearch (tools/postgres,
# tools/opensearch) on loopback ports of their own.
# Loopback only; servers are stopped and the directory removed on exit.
#
# Env: BENCH_SIZES ("1000 10000"), BENCH_REQUESTS (200 per endpoint),
# BENCH_WARMUP (10), BENCH_MAX_SECONDS (120 per endpoint and phase),
# BENCH_QUERIES_TIMEOUT (900 s for the in-process count), BENCH_SEED (1),
# BENCH_QUERY (interpreter), BENCH_SERVICE (community-pharmacy),
# BENCH_EQUITY (core20), BENCH_KEEP=1 keeps the temporary directory;
# BENCH_COMMIT names the commit when run from an export (no .git);
# BENCH_REUSE=DIR measures again on the data a BENCH_KEEP=1 run left in DIR
# (its servers are restarted on their data; nothing is generated; DIR is kept).
# BENCH_OPENSEARCH_HEAP (2g), BENCH_ENGINE_WARMUP (500 requests before the
# engine's endpoints are measured, so OpenSearch's JIT has compiled its hot
# code). SEARCH_* and DATABASE_URL from the caller are ignored: each
# configuration brings its own.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PY=${PY:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || { echo "bench: $PY not found (make run or make test creates .venv)" >&2; exit 1; }

if [ -n "${BENCH_REUSE:-}" ]; then
    WORK=$(cd "$BENCH_REUSE" && pwd) || { echo "bench: BENCH_REUSE=$BENCH_REUSE is not a directory" >&2; exit 2; }
    BENCH_KEEP=1
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/portal-bench.XXXXXX")
fi
export BENCH_WORKDIR=$WORK

started_pg=0
started_os=0

cleanup() {
    local pidfile pid
    [ "$started_os" = 1 ] && tools/opensearch/stop.sh --data "$WORK/opensearch" >/dev/null 2>&1 || true
    [ "$started_pg" = 1 ] && tools/postgres/stop.sh --data "$WORK/postgres" >/dev/null 2>&1 || true
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

unset DATABASE_URL SEARCH_URL SEARCH_BACKEND SEARCH_INDEX_PREFIX
case "${BENCH_CONFIG:=sqlite}" in
    sqlite) ;;
    engine)
        chmod 755 "$WORK"  # the postgres system user must reach its data folder
        line=$(tools/postgres/start.sh --port 55493 --data "$WORK/postgres")
        started_pg=1
        export "${line?}"
        # Full JIT for steady-state figures (the test script limits the JVM to C1 so nodes start fast).
        # Reusing: restart the kept node on its data (--nodes would start an empty cluster).
        nodes=(--nodes 1 --port 9680)
        if [ -n "${BENCH_REUSE:-}" ] && [ -f "$WORK/opensearch/cluster.conf" ]; then nodes=(--node 1); fi
        line=$(OPENSEARCH_JAVA_OPTS="-XX:TieredStopAtLevel=4 ${OPENSEARCH_JAVA_OPTS:-}" \
            tools/opensearch/start.sh "${nodes[@]}" --data "$WORK/opensearch" --heap "${BENCH_OPENSEARCH_HEAP:-2g}")
        started_os=1
        export "${line?}"
        export SEARCH_BACKEND=opensearch3
        ;;
    *) echo "bench: BENCH_CONFIG must be sqlite or engine" >&2; exit 2 ;;
esac
export BENCH_CONFIG

"$PY" tools/bench/bench.py
