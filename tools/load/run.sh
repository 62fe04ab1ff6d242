#!/usr/bin/env bash
# The load test (make load): `make serve` (gunicorn, production settings) on the demo content in a throwaway
# SQLite database, then tools/load/load.py: LOAD_CLIENTS (32) concurrent clients for LOAD_SECONDS (60) on a mix of
# pages, search, the API, the evidence map and CSV; client 0 hammers the API and CSV (its 429s are intended).
#
# Production limits (RATE_LIMIT_* defaults) with TRUSTED_PROXIES=127.0.0.1: each client sends its own address in
# X-Forwarded-For, as readers behind a proxy would be counted. The counters are shared by the workers through a
# file cache (CACHE_URL=file://…), as README asks for several processes. WEB_CONCURRENCY (3) workers, as make serve.
#
# Env: LOAD_CLIENTS, LOAD_SECONDS, LOAD_PORT (a free port), LOAD_KEEP=1 keeps the temporary directory (database,
# server log, report), LOAD_REUSE=DIR serves a directory LOAD_KEEP=1 left (no new database). Exit status 1 when a
# request failed (anything but 200, or a 429 outside the hammering client's API/CSV requests) or the server logged
# an error.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PY=$ROOT/.venv/bin/python
[ -x "$PY" ] || { echo "load: $PY not found (make run creates .venv)" >&2; exit 1; }

if [ -n "${LOAD_REUSE:-}" ]; then
    WORK=$(cd "$LOAD_REUSE" && pwd)
    LOAD_KEEP=1
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/portal-load.XXXXXX")
fi
PORT=${LOAD_PORT:-$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
server=""

cleanup() {
    # make serve runs in a session of its own (setsid): stop it and its gunicorn together.
    if [ -n "$server" ]; then kill -TERM -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    if [ "${LOAD_KEEP:-0}" = 1 ]; then echo "load: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

unset SEARCH_URL SEARCH_BACKEND SEARCH_INDEX_PREFIX DJANGO_SETTINGS_MODULE PAGE_CACHE_URL
export DATABASE_URL="sqlite:///$WORK/load.sqlite3"
export SECRET_KEY
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0
export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media" LOG_LEVEL=WARNING
export TRUSTED_PROXIES=127.0.0.1 CACHE_URL="file://$WORK/cache"

if [ -z "${LOAD_REUSE:-}" ]; then
    echo "load: demo content in $WORK (about a minute)" >&2
    DJANGO_SETTINGS_MODULE=portal.settings.production "$PY" manage.py migrate --noinput -v0 >"$WORK/setup.log" 2>&1
    # A throwaway database under production settings: demo accounts get no usable password.
    DJANGO_SETTINGS_MODULE=portal.settings.production "$PY" manage.py load_demo_content --force-production \
        >>"$WORK/setup.log" 2>&1
fi

# make serve itself (migrate, collectstatic, gunicorn); -o: never reinstall the virtualenv from here. The access
# log also gives each request's time inside the server (server_times.py).
export GUNICORN_CMD_ARGS="--access-logformat 'load-access %(m)s %(U)s %(s)s %(M)s'"
setsid make -o .venv/.installed serve PORT="$PORT" >"$WORK/serve.log" 2>&1 &
server=$!
for _ in $(seq 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then break; fi
    kill -0 "$server" 2>/dev/null || { echo "load: make serve stopped; see $WORK/serve.log" >&2; tail -20 "$WORK/serve.log" >&2; exit 1; }
    sleep 0.5
done

status=0
"$PY" tools/load/load.py --base "http://127.0.0.1:$PORT" --clients "${LOAD_CLIENTS:-32}" \
    --seconds "${LOAD_SECONDS:-60}" --markdown "$WORK/report.md" || status=$?

# What the server said: status codes in gunicorn's access log, and any error it logged.
echo
echo "Server access log, by status: $(awk '$1 == "load-access" {print $4}' "$WORK/serve.log" | sort | uniq -c | awk '{printf "%s: %s  ", $2, $1}')"
echo
"$PY" tools/load/server_times.py "$WORK/serve.log" | tee -a "$WORK/report.md"
if grep -E -q 'Traceback|\[ERROR\]|Internal Server Error|WORKER TIMEOUT' "$WORK/serve.log"; then
    echo "load: the server logged errors:" >&2
    grep -E -m 20 'Traceback|\[ERROR\]|Internal Server Error|WORKER TIMEOUT' "$WORK/serve.log" >&2
    status=1
fi
exit "$status"
