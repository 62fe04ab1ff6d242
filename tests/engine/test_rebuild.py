"""`update_index` rebuilds into a new index and swaps an alias: searches keep answering, and answer right."""

import copy
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from search.backends import SearchWithFallback
from search.backends.database import DatabaseSearch
from search.backends.engine import engine_backend
from search.params import parse
from search.vocabulary import get_vocabulary

from .support import comparable_facets, requires_engine

pytestmark = [pytest.mark.engine, requires_engine]

QUERIES = ["", "q=wellbeing", "equity=dim-01&type=summary", "service=primary-care&year=2022", "q=imd"]


def key(answer):
    facets = comparable_facets(answer)
    return answer.total, sorted((r.type, r.pk) for r in answer.refs), facets


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # update_index runs in another thread
def test_searches_keep_answering_during_update_index(corpus, caplog):
    from wagtail.models import Page

    vocabulary = get_vocabulary()
    params = [parse(QueryDict(q), vocabulary=vocabulary) for q in QUERIES]
    expected = [key(DatabaseSearch(vocabulary).run(p, 0, 50)) for p in params]
    backend = engine_backend()
    alias = backend.get_index_for_model(Page)
    before = set(backend.es.indices.get_alias(index=alias.name))

    done = threading.Event()
    errors = []

    def rebuild():
        try:
            for _ in range(2):
                call_command("update_index", backend_name="default", stdout=io.StringIO())
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()
            done.set()

    worker = threading.Thread(target=rebuild)
    worker.start()
    answers, by_engine = 0, 0
    while not done.is_set() or answers < 20:
        for p, wanted in zip(params, expected, strict=True):
            answer = SearchWithFallback(vocabulary).run(p, 0, 50)
            assert key(answer) == wanted, (p, getattr(answer, "notices", []))
            answers += 1
            by_engine += answer.backend != "database"
    worker.join()
    assert not errors, errors
    after = set(backend.es.indices.get_alias(index=alias.name))
    assert alias.is_alias() and after and not (after & before)  # a new index behind the same name
    reasons = [r.getMessage()[:200] for r in caplog.records if r.name == "search.backends"]
    assert by_engine >= answers // 2, (by_engine, answers, reasons[:5])


def with_shards(settings, shards):
    """The settings as they would be with SEARCH_SHARDS=shards."""
    conf = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    conf["default"]["INDEX_SETTINGS"]["settings"]["index"]["number_of_shards"] = shards
    settings.WAGTAILSEARCH_BACKENDS = conf


@pytest.mark.django_db
def test_an_index_built_with_other_settings_still_answers(corpus, settings):
    """SEARCH_SHARDS was lowered and the index not yet rebuilt: its three shards are one index, not a swap in
    progress, so the engine answers (a mistaken "busy" would send every search to the database, silently)."""
    vocabulary = get_vocabulary()
    params = [parse(QueryDict(q), vocabulary=vocabulary) for q in QUERIES]
    configured = settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_SETTINGS"]["settings"]["index"]["number_of_shards"]
    with_shards(settings, configured + 2)
    try:
        call_command("update_index", backend_name="default", stdout=io.StringIO())
        with_shards(settings, configured)
        for p in params:
            answer = SearchWithFallback(vocabulary).run(p, 0, 50)
            assert answer.backend != "database", p
            assert key(answer) == key(DatabaseSearch(vocabulary).run(p, 0, 50)), p
    finally:
        with_shards(settings, configured)  # the next tests get an index built with the configured shards
        call_command("update_index", backend_name="default", stdout=io.StringIO())
