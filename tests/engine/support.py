"""Helpers for tests that run against a real OpenSearch/Elasticsearch (SEARCH_URL set)."""

import contextlib
import os

import pytest

ENGINE_REASON = "needs a search engine: export SEARCH_URL from tools/opensearch/start.sh"
requires_engine = pytest.mark.skipif(not os.environ.get("SEARCH_URL"), reason=ENGINE_REASON)


def engine_in_use():
    from search.backends.engine import engine_configured

    return engine_configured()


def prepare_indexes(backend):
    """Create every index modelsearch uses, as `update_index --schema-only` does (a new index behind an alias),
    unless it exists."""
    from modelsearch.index import get_indexed_models
    from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index

    for index, models in group_models_by_index(backend, get_indexed_models()).items():
        if not index.exists():
            rebuilder = backend.rebuilder_class(index)
            new_index = rebuilder.start()
            for model in models:
                new_index.add_model(model)
            rebuilder.finish()


def clear_indexes(backend):
    """Remove every document from this test run's indexes (SEARCH_INDEX_PREFIX) and make that visible."""
    assert backend.index_prefix, "engine tests need an index prefix"
    backend.es.delete_by_query(
        index=f"{backend.index_prefix}*", body={"query": {"match_all": {}}}, refresh=True, conflicts="proceed"
    )


def refresh_after_writes(monkeypatch, backend):
    """Every document written to the engine is searchable at once (the engine itself refreshes every second)."""
    cls = backend.index_class
    for name in ("add_item", "add_items", "delete_item"):
        original = getattr(cls, name)

        def write_then_refresh(self, *args, _original=original, **kwargs):
            result = _original(self, *args, **kwargs)
            self.refresh()
            return result

        monkeypatch.setattr(cls, name, write_then_refresh)


def check_backend_works(backend):
    """modelsearch's opensearch2 backend calls opensearch-py 2.x APIs; the 3.x client refuses them."""
    from wagtail.models import Page

    try:
        backend.get_index_for_model(Page).exists()
    except TypeError as error:
        pytest.fail(
            f"{type(backend).__module__} cannot use the installed client ({error}). "
            "With opensearch-py 3.x set SEARCH_BACKEND=opensearch3 (it talks to OpenSearch 2.x servers too)."
        )


_checked = set()


def empty_engine():
    """Indexes that exist and are empty, and a closed circuit breaker."""
    from search.backends import breaker
    from search.backends.engine import engine_backend

    backend = engine_backend()
    if id(backend) not in _checked:
        check_backend_works(backend)
        _checked.add(id(backend))
    prepare_indexes(backend)
    clear_indexes(backend)
    breaker.reset()
    return backend


def fresh_engine(monkeypatch, request=None):
    """Empty indexes, immediate visibility, a closed circuit breaker: the state every engine test starts from.
    A test that reads its module's shared data (tests/module_data.py) keeps that data's documents instead."""
    from search.backends import breaker
    from search.backends.engine import engine_backend
    from tests.module_data import reads_held_data

    if request is not None and reads_held_data(request.node):
        backend = engine_backend()
        breaker.reset()
    else:
        backend = empty_engine()
    refresh_after_writes(monkeypatch, backend)
    return backend


def refresh_all():
    from search.backends.engine import engine_backend

    backend = engine_backend()
    backend.es.indices.refresh(index=f"{backend.index_prefix}*")


@contextlib.contextmanager
def count_engine_requests():
    """Every HTTP request the search path sends to the engine: [(method, url), ...]."""
    from search.backends.engine import engine_backend

    transport = engine_backend().es.transport
    calls = []
    original = transport.perform_request

    def counting(method, url, *args, **kwargs):
        calls.append((method, url))
        return original(method, url, *args, **kwargs)

    transport.perform_request = counting
    try:
        yield calls
    finally:
        del transport.perform_request


def comparable_facets(answer):
    """Facet counts as plain dicts; a group with no counts is the same as a group left out."""
    return {
        group: (dict(counts.in_selection), dict(counts.outside))
        for group, counts in answer.facets.items()
        if counts.in_selection or counts.outside
    }
