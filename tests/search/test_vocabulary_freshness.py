"""The search vocabulary is never stale across processes (search/vocabulary.py): gunicorn (two worker processes, each
with its own vocabulary) has answered searches; another process unpublishes or publishes a glossary term, renames a
service or gives a concept a new name; the very next search, to either worker, on the page and in the API, answers
with the new vocabulary. And a search request still reads the search signature only once."""

import datetime
import urllib.request
from json import loads

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devdata.factories import EvaluationPageFactory, GlossaryTermFactory, ServiceFactory
from tests.servers import environment_for_other_processes, gunicorn, run_elsewhere

DEFINITION = "Not having the money or things most people have."
NEW_DEFINITION = "Knowing how to find and use health information."
REQUESTS_PER_CHECK = 6  # spread over both workers


def fetch(url):
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read().decode()


def build_vocabulary():
    primary = ServiceFactory(name="Primary care", slug="primary-care")
    pharmacy = ServiceFactory(name="Community pharmacy", slug="community-pharmacy", parent=primary)
    EvaluationPageFactory(title="Blood pressure checks in pharmacies", slug="bp-checks", services=[pharmacy])
    GlossaryTermFactory(term="Deprivation", slug="deprivation", definition=DEFINITION)
    GlossaryTermFactory(term="Health literacy", slug="health-literacy", definition=NEW_DEFINITION, live=False)
    # The entry that explains the service: its names are the concept's names (search/concepts.py).
    GlossaryTermFactory(
        term="Community pharmacy",
        slug="community-pharmacy",
        definition="A chemist on the high street.",
        service=pharmacy,
    )


@pytest.fixture
def served(tmp_path):
    build_vocabulary()
    env = environment_for_other_processes(tmp_path, SEARCH_URL=None)  # the database backend
    with gunicorn(env) as base:
        yield base, env


def answers(base, query):
    """What every one of several requests (both workers) says about `query`: the page's glossary panel and facet
    labels, the API's glossary match and concepts."""
    seen = set()
    for _ in range(REQUESTS_PER_CHECK):
        page = fetch(f"{base}/search/?q={query}")
        api = loads(fetch(f"{base}/api/v1/search?q={query}"))
        match = api["glossary_match"]
        seen.add(
            (
                DEFINITION in page,
                NEW_DEFINITION in page,
                "Pharmacies in the community" in page,
                match and match["definition"],
                tuple(concept["label"] for concept in api["also_searching"]),
            )
        )
    assert len(seen) == 1, f"the workers disagree: {seen}"
    return seen.pop()


@pytest.mark.slow  # starts other processes
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_glossary_taxonomy_and_concept_changes_reach_every_process_on_its_next_request(served):
    base, env = served
    # Every worker has its vocabulary.
    assert answers(base, "deprivation") == (True, False, False, DEFINITION, ())
    assert answers(base, "health+literacy") == (False, False, False, None, ())
    assert answers(base, "chemist+shop")[4] == ()

    run_elsewhere(
        env, "from evidence.models import GlossaryTerm\nGlossaryTerm.objects.get(slug='deprivation').unpublish()"
    )
    assert answers(base, "deprivation") == (False, False, False, None, ())

    run_elsewhere(
        env,
        "from evidence.models import GlossaryTerm\n"
        "GlossaryTerm.objects.get(slug='health-literacy').save_revision().publish()",
    )
    assert answers(base, "health+literacy") == (False, True, False, NEW_DEFINITION, ())

    # A taxonomy label: the facet shows the new name.
    run_elsewhere(
        env,
        "from evidence.models import Service\n"
        "s = Service.objects.get(slug='community-pharmacy')\ns.name = 'Pharmacies in the community'\ns.save()",
    )
    assert answers(base, "blood")[2] is True

    # A concept's new name (an alias of the entry that explains the service): the query now maps to the service.
    run_elsewhere(
        env,
        "from evidence.models import GlossaryTerm\n"
        "t = GlossaryTerm.objects.get(slug='community-pharmacy')\nt.aliases = 'Chemist shop'\n"
        "t.save_revision().publish()",
    )
    assert answers(base, "chemist+shop")[4] == ("Pharmacies in the community",)


@pytest.mark.django_db
def test_a_search_reads_the_signature_once_for_the_vocabulary_and_the_facet_index(client):
    """One cheap read per request however often the vocabulary is asked for (view, service, spelling)."""
    build_vocabulary()
    for url in ("/search/?q=deprivation", "/search/?service=community-pharmacy", "/api/v1/search?q=deprivation"):
        client.get(url)  # warm: this process's vocabulary and facet index
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        reads = [q["sql"] for q in queries.captured_queries if "portal_search_searchgeneration" in q["sql"]]
        assert len(reads) <= 1, reads


def held_elsewhere():
    """This process's vocabulary as another process would still hold it after a change made here (the receivers
    here drop it at once; another process only has the signature to go by)."""
    from search import vocabulary

    return vocabulary._memo["vocabulary"]


def hold(held):
    from search import vocabulary

    vocabulary._memo["vocabulary"] = held


@pytest.mark.django_db
def test_a_publish_rereads_only_the_years_and_a_glossary_change_everything():
    from evidence.models import GlossaryTerm
    from search.vocabulary import get_vocabulary

    build_vocabulary()
    before = get_vocabulary()
    assert 2019 not in before.years
    held = held_elsewhere()

    EvaluationPageFactory(
        title="An older evaluation",
        slug="older",
        period_start=datetime.date(2018, 1, 1),
        period_end=datetime.date(2018, 12, 31),
        completed=datetime.date(2019, 5, 1),
    )
    hold(held)
    with CaptureQueriesContext(connection) as queries:
        after = get_vocabulary()
    assert 2019 in after.years
    assert after.glossary is before.glossary and after.services is before.services  # kept, not rebuilt
    # The signature, the change log since, then the years of public evaluations and case studies (each with the
    # view restrictions): 6, where a full build takes about twice as many.
    assert len(queries) == 6
    assert get_vocabulary() is after  # nothing changed since: no new vocabulary (spelling keys on its identity)

    held = held_elsewhere()
    GlossaryTerm.objects.get(slug="deprivation").unpublish()
    hold(held)
    assert get_vocabulary().glossary_match("deprivation") is None
