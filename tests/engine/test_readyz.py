"""/readyz: ok, degraded (engine down: searches fall back) or down (database down: 503); never cached."""

import copy
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings

from .support import requires_engine

DATABASE_ONLY = {"default": {"BACKEND": "wagtail.search.backends.database"}}


def never_cached(response):
    cache_control = response["Cache-Control"]
    return ("no-cache" in cache_control and "no-store" in cache_control) or "max-age=0" in cache_control


def engine_at(url=None, prefix=None):
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    if url:
        backends["default"]["URLS"] = [url]
    if prefix:
        backends["default"]["INDEX_PREFIX"] = prefix
    return backends


@pytest.fixture
def database_down(monkeypatch):
    """Every new cursor fails, as when PostgreSQL refuses connections."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS=DATABASE_ONLY)
def test_ready_with_the_database_search_backend(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and never_cached(response)
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["search"] == {"backend": "database", "ok": True, "detail": "database full-text search"}


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS=DATABASE_ONLY)
def test_database_down_is_503_down(client, database_down):
    response = client.get("/readyz")
    assert response.status_code == 503 and never_cached(response)
    body = response.json()
    assert body["status"] == "down"
    assert body["database"]["ok"] is False and "connection refused" in body["database"]["detail"]
    assert body["search"]["ok"] is False


@pytest.mark.engine
@requires_engine
@pytest.mark.django_db
def test_ready_with_the_engine(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and never_cached(response)
    body = response.json()
    assert body["status"] == "ok", body
    assert body["search"]["backend"].startswith(("opensearch", "elasticsearch"))
    assert body["search"]["ok"] is True
    assert body["search"]["detail"]["indexes"] == "present"
    assert body["search"]["detail"]["cluster"] in ("green", "yellow")


@pytest.mark.engine
@requires_engine
@pytest.mark.django_db
def test_engine_down_is_degraded_but_ready(client):
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_at(url="http://127.0.0.1:9")):
        response = client.get("/readyz")
    assert response.status_code == 200 and never_cached(response)
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"]["ok"] is True
    assert body["search"]["ok"] is False and body["search"]["fallback"] == "database"
    assert body["search"]["ms"] < 3000


@pytest.mark.engine
@requires_engine
@pytest.mark.django_db
def test_missing_indexes_are_degraded(client):
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_at(prefix="never_built_")):
        body = client.get("/readyz").json()
    assert body["status"] == "degraded"
    assert "update_index" in body["search"]["detail"]["indexes"]


@pytest.mark.engine
@requires_engine
@pytest.mark.django_db
def test_engine_and_database_down_is_503(client, database_down):
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_at(url="http://127.0.0.1:9")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"


@pytest.mark.engine
@requires_engine
@pytest.mark.django_db
def test_indexes_made_by_a_publish_before_update_index_are_degraded_until_it_runs(client):
    """A publish before the first `update_index` lets the engine create the index, with a mapping it guessed
    from that one document. /readyz says so, and names the cure; after `update_index` it is ready."""
    from modelsearch.index import insert_or_update_object

    from devdata.factories import EvaluationPageFactory, GlossaryTermFactory
    from search.backends.engine import engine_backend

    page, term = EvaluationPageFactory(), GlossaryTermFactory()
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_at(prefix="guessed_")):
        es = engine_backend().es
        try:
            insert_or_update_object(page)
            insert_or_update_object(term)
            body = client.get("/readyz").json()
            assert body["status"] == "degraded", body
            indexes = body["search"]["detail"]["indexes"]
            assert "guessed_wagtailcore_page" in indexes and "update_index" in indexes

            call_command("update_index", backend_name="default", stdout=io.StringIO())
            body = client.get("/readyz").json()
            assert body["status"] == "ok", body
            assert body["search"]["detail"]["indexes"] == "present"
        finally:
            es.indices.delete(index="guessed_*")
