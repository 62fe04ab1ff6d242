"""/healthz and /readyz, with their checks and URLs (included by portal/urls.py): is this process alive, and can it
answer pages and searches, and from where?

/healthz is liveness only: it answers without touching the database. /readyz reports as JSON:
- database down: "down" (the portal cannot serve pages; the view answers 503);
- search engine configured but not answering, or its indexes missing or not built by `update_index`: "degraded"
  (searches fall back to the database, with a notice; 200);
- otherwise "ok".
The engine probe has its own short timeouts, so a dead engine cannot hold a load balancer's check for long.
"""

import time

from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from evidence.models import GlossaryTerm
from search.backends import breaker
from search.backends.engine import backend_label, engine_backend, engine_configured

PROBE_CONNECT_TIMEOUT = 1.0
PROBE_READ_TIMEOUT = 2.0


def _ms(started):
    return round((time.monotonic() - started) * 1000, 1)


def _short(error):
    return f"{type(error).__name__}: {error}"[:300]


def check_database():
    connection = connections["default"]
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "not ready"
        return {"ok": False, "vendor": connection.vendor, "detail": _short(error)}
    return {"ok": True, "vendor": connection.vendor, "ms": _ms(started)}


def _probe_client(backend):
    """The backend's client with the probe's timeouts (opensearch-py and elasticsearch-py spell them differently)."""
    if backend.use_new_elasticsearch_api:
        return backend.es.options(request_timeout=PROBE_READ_TIMEOUT, max_retries=0), {}
    from urllib3 import Timeout

    return backend.es, {"request_timeout": Timeout(connect=PROBE_CONNECT_TIMEOUT, read=PROBE_READ_TIMEOUT)}


def check_search(database_ok):
    if not engine_configured():
        return {"backend": "database", "ok": database_ok, "detail": "database full-text search"}
    label = backend_label()
    started = time.monotonic()
    try:
        backend = engine_backend()
        client, timeout = _probe_client(backend)
        health = client.cluster.health(**timeout)
        names = [backend.get_index_for_model(Page).name, backend.get_index_for_model(GlossaryTerm).name]
        indexes = client.indices.exists(index=",".join(names), **timeout)
        # `update_index` puts each index behind an alias. A name that is a plain index was created by a write
        # before the first `update_index`, with a mapping the engine guessed from the document (text, not keywords).
        guessed = []
        if indexes:
            aliased = {
                alias
                for found in client.indices.get_alias(index=",".join(names), **timeout).values()
                for alias in found.get("aliases", {})
            }
            guessed = [name for name in names if name not in aliased]
    except Exception as error:
        return {
            "backend": label,
            "ok": False,
            "detail": _short(error),
            "fallback": "database",
            "breaker": breaker.state(),
            "ms": _ms(started),
        }
    cluster = health["status"]
    if not indexes:
        index_state = "missing: run manage.py update_index"
    elif guessed:
        index_state = f"not built by update_index (a guessed mapping): {', '.join(guessed)}; run manage.py update_index"
    else:
        index_state = "present"
    ok = cluster in ("green", "yellow") and index_state == "present"
    detail = {"cluster": cluster, "nodes": health["number_of_nodes"], "indexes": index_state}
    answer = {"backend": label, "ok": ok, "detail": detail, "breaker": breaker.state(), "ms": _ms(started)}
    if not ok:
        answer["fallback"] = "database"
    return answer


def readiness():
    """(body, HTTP status) for /readyz."""
    database = check_database()
    search = check_search(database["ok"])
    if not database["ok"]:
        status = "down"
    elif not search["ok"]:
        status = "degraded"
    else:
        status = "ok"
    return {"status": status, "database": database, "search": search}, 503 if status == "down" else 200


@never_cache
def healthz(request):
    """Liveness only: answers without touching the database (readiness is /readyz)."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def readyz(request):
    """Readiness: 503 when the database is down; 200 "degraded" when only the search engine is."""
    body, status = readiness()
    return JsonResponse(body, status=status)


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
