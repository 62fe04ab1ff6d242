#!/usr/bin/env bash
# Runs the test suites that need real services, starting and stopping those services itself.
#
#   tools/test/matrix.sh postgres   # PostgreSQL + database search backend: search, evidence and home suites
#   tools/test/matrix.sh engine     # PostgreSQL + OpenSearch (1 node): search and engine suites
#   tools/test/matrix.sh cluster    # PostgreSQL + OpenSearch (3 nodes, 1 replica): node-failure tests
#
# Everything listens on 127.0.0.1 on ports of its own, so it never meets a developer's running services.
# Extra pytest arguments can be passed in PYTEST_ARGS.
set -euo pipefail
cd "$(dirname "$0")/../.."

config=${1:?usage: tools/test/matrix.sh postgres|engine|cluster}
work=$(mktemp -d /tmp/portal-matrix-XXXXXX)
chmod 755 "$work"  # the postgres system user must reach its data folder
pg_data="$work/postgres"
os_data="$work/opensearch"
started_pg=0
started_os=0

cleanup() {
  status=$?
  [ "$started_os" = 1 ] && tools/opensearch/stop.sh --data "$os_data" >/dev/null 2>&1 || true
  [ "$started_pg" = 1 ] && tools/postgres/stop.sh --data "$pg_data" >/dev/null 2>&1 || true
  rm -rf "$work" 2>/dev/null || true
  exit $status
}
trap cleanup EXIT INT TERM

start_postgres() {
  local line
  line=$(tools/postgres/start.sh --port 55491 --data "$pg_data")
  started_pg=1
  export "${line?}"
}

start_opensearch() {
  local line
  line=$(tools/opensearch/start.sh --nodes "$1" --port 9480 --data "$os_data")
  started_os=1
  export "${line?}"
  export SEARCH_INDEX_PREFIX="ci_${config}_" SEARCH_BACKEND=opensearch3
}

run_pytest() {
  # pytest-xdist: PYTEST_WORKERS processes (default one per CPU), each with its own database and index prefix.
  # shellcheck disable=SC2086
  .venv/bin/pytest -n "${PYTEST_WORKERS:-auto}" "$@" ${PYTEST_ARGS:-}
}

SECONDS=0
case "$config" in
  postgres)
    start_postgres
    echo "== PostgreSQL + database search backend ($DATABASE_URL)"
    run_pytest tests/search tests/evidence tests/home -m "not browser"
    ;;
  engine)
    start_postgres
    start_opensearch 1
    echo "== PostgreSQL + OpenSearch ($SEARCH_URL)"
    run_pytest tests/search tests/engine -m "not engine_cluster"
    ;;
  cluster)
    start_postgres
    start_opensearch 3
    export SEARCH_REPLICAS=1 SEARCH_CLUSTER_DATA="$os_data"
    echo "== PostgreSQL + OpenSearch 3-node cluster ($SEARCH_URL)"
    PYTEST_WORKERS=0 run_pytest tests/engine -m engine_cluster  # one test: no worker processes
    ;;
  *)
    echo "unknown configuration: $config" >&2
    exit 2
    ;;
esac
echo "== $config: ${SECONDS}s"
