"""`update_index` rebuilds into a new index and swaps an alias: searches keep answering, and answer right."""

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


@pytest.mark.django_db(transaction=True)  # update_index runs in another thread, with its own connection
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
