"""When the engine does not answer, searches come from the database (with a notice), publishing still works,
and `catch_up_index` completes the engine's index afterwards."""

import copy
import csv
import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import QueryDict
from django.test import override_settings

from devdata.factories import GlossaryTermFactory
from evidence.models import EvaluationPage, GlossaryTerm
from search.backends import FALLBACK_NOTICE, SearchWithFallback, breaker
from search.backends.database import DatabaseSearch
from search.backends.engine import EngineSearch
from search.params import parse
from search.vocabulary import get_vocabulary

from .support import comparable_facets, count_engine_requests, requires_engine

pytestmark = [pytest.mark.engine, requires_engine, pytest.mark.django_db]


def backends_at(url, timeout=2):
    """The configured search backends with the engine moved to `url`."""
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"]["URLS"] = [url]
    backends["default"]["TIMEOUT"] = timeout
    return backends


ENGINE_DOWN = "http://127.0.0.1:9"  # nothing listens on the discard port


def search(query_string, limit=20):
    vocabulary = get_vocabulary()
    params = parse(QueryDict(query_string), vocabulary=vocabulary)
    return SearchWithFallback(vocabulary).run(params, 0, limit)


def key(answer):
    facets = comparable_facets(answer)
    return answer.total, [(r.type, r.pk) for r in answer.refs], facets


def in_engine(query_string):
    vocabulary = get_vocabulary()
    answer = EngineSearch(vocabulary).run(parse(QueryDict(query_string), vocabulary=vocabulary), 0, 100)
    return {(r.type, r.pk) for r in answer.refs}


def test_every_search_endpoint_answers_from_the_database_when_the_engine_is_down(client, corpus):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends_at(ENGINE_DOWN)):
        page = client.get("/search/", {"q": "wellbeing", "service": "primary-care"})
        assert page.status_code == 200
        assert FALLBACK_NOTICE in page.content.decode()
        assert page.context["result"].backend == "database"
        api = client.get("/api/v1/search", {"q": "wellbeing", "service": "primary-care"})
        assert api.status_code == 200 and FALLBACK_NOTICE in api.json()["notices"]
        assert api.json()["count"] == page.context["result"].total > 0
        export = client.get("/search/export.csv", {"q": "wellbeing"})
        assert export.status_code == 200
        rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
        assert len(rows) - 1 == search("q=wellbeing").total
        suggestions = client.get("/search/autocomplete", {"q": "wellb"})
        assert suggestions.status_code == 200
        assert "Wellbeing" in [s["label"] for s in suggestions.json()["suggestions"]]
    # The database's answers are the engine's answers.
    breaker.reset()
    vocabulary = get_vocabulary()
    for query_string in ["", "q=wellbeing&service=primary-care&sort=newest", "equity=dim-01&type=summary"]:
        params = parse(QueryDict(query_string), vocabulary=vocabulary)
        assert key(EngineSearch(vocabulary).run(params, 0, 20)) == key(DatabaseSearch(vocabulary).run(params, 0, 20))


def test_the_circuit_breaker_skips_the_engine_for_a_while(corpus, settings):
    settings.SEARCH_BREAKER_SECONDS = 30
    with override_settings(WAGTAILSEARCH_BACKENDS=backends_at(ENGINE_DOWN)):
        with count_engine_requests() as calls:
            first = search("q=wellbeing")
        assert calls and first.notices == [FALLBACK_NOTICE]
        assert breaker.state()["open"]
        with count_engine_requests() as calls:
            for _ in range(5):
                assert search("q=wellbeing").notices == [FALLBACK_NOTICE]
        assert calls == []  # no request, no timeout: straight to the database
    # Once the pause is over the engine is asked again, and answers.
    settings.SEARCH_BREAKER_SECONDS = 0.2
    breaker.trip("test")
    time.sleep(0.3)
    with count_engine_requests() as calls:
        answer = search("q=wellbeing")
    assert len(calls) == 1 and not getattr(answer, "notices", [])
    assert not breaker.state()["open"]


class _Stub(BaseHTTPRequestHandler):
    status = 503
    delay = 0.0

    def _answer(self):
        time.sleep(self.delay)
        body = b'{"error": {"type": "unavailable"}, "status": 503}'
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def stub_engine():
    servers = []

    def start(status=503, delay=0.0):
        handler = type("Handler", (_Stub,), {"status": status, "delay": delay})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_5xx_from_the_engine_falls_back(corpus, stub_engine):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends_at(stub_engine(status=503))):
        answer = search("q=wellbeing&equity=dim-01")
    assert answer.notices == [FALLBACK_NOTICE] and answer.backend == "database"
    assert answer.total == len(corpus.matching(equity=["dim-01"]))


def test_a_slow_engine_costs_one_timeout_then_nothing(corpus, stub_engine):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends_at(stub_engine(status=200, delay=3), timeout=1)):
        started = time.monotonic()
        assert search("q=wellbeing").notices == [FALLBACK_NOTICE]
        first = time.monotonic() - started
        started = time.monotonic()
        assert search("q=wellbeing").notices == [FALLBACK_NOTICE]
        second = time.monotonic() - started
    assert first < 2.8  # the read timeout (1 s), not the engine's 3 s, and no retry on a timeout
    assert second < 0.5


def test_publishing_works_while_the_engine_is_down_and_catch_up_completes_the_index(
    corpus, django_capture_on_commit_callbacks
):
    gone = EvaluationPage.objects.get(slug="evaluation-1")
    deleted = EvaluationPage.objects.get(slug="evaluation-3")
    assert ("evaluation", gone.pk) in in_engine("type=evaluation")

    with override_settings(WAGTAILSEARCH_BACKENDS=backends_at(ENGINE_DOWN)):
        # Everything an editor does during the outage succeeds.
        draft = EvaluationPage.objects.get(slug="evaluation-0").get_latest_revision_as_object()
        draft.title = "Wellbeing evaluation of chiropody during the outage"
        with django_capture_on_commit_callbacks(execute=True):
            draft.save_revision().publish()
            gone.unpublish()
            deleted.delete()
            term = GlossaryTermFactory(term="Chiropody", slug="chiropody", definition="Foot care.", live=False)
            term.save_revision().publish()
        # Searches during the outage come from the database, which has every change.
        during = search("q=chiropody")
        assert during.notices == [FALLBACK_NOTICE]
        assert {r.type for r in during.refs} == {"evaluation", "glossary-term"}
        assert search("type=evaluation").total == len(corpus.matching(type=["evaluation"])) - 2

    breaker.reset()
    # The engine missed all of it ...
    assert not in_engine("q=chiropody")
    assert ("evaluation", gone.pk) in in_engine("type=evaluation")
    # ... until catch_up_index.
    out = io.StringIO()
    call_command("catch_up_index", minutes=10, stdout=out)
    assert "re-indexed" in out.getvalue()
    evaluation = EvaluationPage.objects.get(slug="evaluation-0")
    term = GlossaryTerm.objects.get(slug="chiropody")
    assert in_engine("q=chiropody") == {("evaluation", evaluation.pk), ("glossary-term", term.pk)}
    found = in_engine("type=evaluation")
    assert ("evaluation", gone.pk) not in found and ("evaluation", deleted.pk) not in found
    vocabulary = get_vocabulary()
    for query_string in [
        "",
        "q=wellbeing&sort=newest",
        "q=chiropody&sort=newest",
        "type=evaluation&service=primary-care",
    ]:
        params = parse(QueryDict(query_string), vocabulary=vocabulary)
        assert key(EngineSearch(vocabulary).run(params, 0, 50)) == key(DatabaseSearch(vocabulary).run(params, 0, 50))


def test_catch_up_prunes_documents_of_objects_deleted_without_a_trace(corpus):
    from django.db.models.signals import post_delete
    from modelsearch.index import get_indexed_models
    from modelsearch.signal_handlers import post_delete_signal_handler

    doomed = EvaluationPage.objects.get(slug="evaluation-5")
    models = get_indexed_models()
    for model in models:
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    try:
        doomed.delete()  # as if the engine had been down: its document stays
    finally:
        for model in models:
            post_delete.connect(post_delete_signal_handler, sender=model)
    assert ("evaluation", doomed.pk) in in_engine("type=evaluation")
    call_command("catch_up_index", minutes=1, stdout=io.StringIO())
    assert ("evaluation", doomed.pk) not in in_engine("type=evaluation")


def test_catch_up_needs_a_time_and_a_reachable_engine(corpus):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("catch_up_index", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("catch_up_index", since="yesterday", stdout=io.StringIO())
    with override_settings(WAGTAILSEARCH_BACKENDS=backends_at(ENGINE_DOWN)), pytest.raises(CommandError):
        call_command("catch_up_index", since="2026-01-01T00:00:00Z", stdout=io.StringIO())
