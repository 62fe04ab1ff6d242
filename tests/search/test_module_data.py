"""The corpus shared by a module's tests (tests/module_data.py): built once, what one test writes is rolled back
before the next, and a test that does not ask for it sees the migrated database. The tests run in file order."""

import pytest

from evidence.models import EvaluationPage, Service
from search.backends.engine import engine_configured
from tests import module_data

pytestmark = pytest.mark.django_db

seen = {}


def test_a_test_may_change_the_shared_corpus_and_its_copy(corpus):
    if not engine_configured():  # with an engine each test builds its own
        assert module_data.Held.name == "corpus"
    seen["docs"] = len(corpus.docs)
    seen["page"] = EvaluationPage.objects.get(slug="evaluation-0").pk
    corpus.docs.clear()
    EvaluationPage.objects.get(slug="evaluation-0").delete()
    Service.objects.filter(slug="primary-care").update(name="Changed")


def test_the_next_test_sees_the_corpus_as_it_was_built(corpus):
    # Under pytest-xdist the previous test may have run in the other worker: then this worker built its own
    # corpus, and only what any corpus shows is checked.
    assert len(corpus.docs) == seen.get("docs", len(corpus.docs)) > 0
    assert Service.objects.get(slug="primary-care").name == "Primary care"
    page = EvaluationPage.objects.get(slug="evaluation-0")
    if not engine_configured() and "page" in seen:
        assert page.pk == seen["page"]  # the same rows: not built again


def test_a_test_that_does_not_ask_for_it_never_sees_it():
    assert not Service.objects.filter(slug__in=["primary-care", "mental-health"]).exists()
    assert not EvaluationPage.objects.filter(slug__startswith="evaluation-").exists()
    assert module_data.Held.atomic is None


def test_a_later_test_that_asks_for_it_gets_it_again(corpus):
    assert EvaluationPage.objects.filter(slug__startswith="evaluation-").count() == 8
    assert Service.objects.get(slug="primary-care").name == "Primary care"
