"""Word forms and words that mean nothing here, on every backend (this folder also runs on PostgreSQL and on
OpenSearch: tools/test/matrix.sh): "vaccinations" finds "vaccination", "deprived" finds "deprivation", and
"homeless people" is not spoiled by "people"."""

import pytest
from django.db import connection

from devdata.factories import EvaluationPageFactory
from search.backends.stemmed_text import TABLE, stemmed_table


def titles(client, q, **params):
    data = client.get("/api/v1/search", {"q": q, **params}).json()
    return {r["title"] for r in data["results"]}


@pytest.fixture
def pages(db):
    return {
        "jabs": EvaluationPageFactory(title="Vaccination clinics in mosques", summary="Flu vaccination for families."),
        "deprived": EvaluationPageFactory(title="Pharmacies and deprivation", summary="Checks in poorer streets."),
        "homeless": EvaluationPageFactory(title="Dental care for homeless adults", summary="A mobile dental van."),
        "other": EvaluationPageFactory(title="Hearing tests at school", summary="Children were tested in class."),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("vaccinations", "jabs"),
        ("vaccination", "jabs"),
        ("vaccinated", "jabs"),
        ("community pharmacy deprived", "deprived"),  # "community" is not in the page: the test below
        ("deprived", "deprived"),
        ("homeless people", "homeless"),
        ("dentists for homeless people", None),
    ],
)
def test_word_forms_find_each_other(client, pages, query, key):
    found = titles(client, query)
    if query == "community pharmacy deprived":
        assert found == set()  # every meaningful word must match: "community" is in no page
        assert titles(client, "pharmacy deprived") == {pages["deprived"].title}
        return
    if key is None:
        assert found == set()  # "dentists" is no form of "dental": stemming is not a thesaurus
        return
    assert found == {pages[key].title}


@pytest.mark.django_db
def test_words_that_mean_nothing_here_never_empty_a_good_query(client, pages):
    assert titles(client, "what do we know about homeless people") == {pages["homeless"].title}
    assert titles(client, "services for homeless people") == {pages["homeless"].title}
    # A query of nothing but such words is searched as typed, not as everything.
    assert titles(client, "studies") == set()


@pytest.mark.django_db
def test_the_stemmed_index_follows_every_write(client, pages):
    """SQLite: the stemmed table reads modelsearch's index entries through triggers (search/migrations/0002);
    a publish, a change and an unpublish reach it at once."""
    page = pages["jabs"]
    page.title = "Immunisation clinics in mosques"
    page.save_revision().publish()
    assert titles(client, "immunisations") == {page.title}
    assert titles(client, "vaccinations") == {page.title}  # still in its summary
    page.summary = "Flu jabs for families."
    page.save_revision().publish()
    assert titles(client, "vaccinations") == set()
    page.unpublish()
    assert titles(client, "immunisations") == set()


@pytest.mark.django_db
def test_the_stemmed_index_still_matches_modelsearch_tables():
    """Fails loudly when modelsearch changes the table our triggers read (docs/decisions/0006-stemmed-text.md)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL and the engine stem with their own configuration")
    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry")
    assert {"title", "body"} <= {f.name for f in entries._meta.get_fields()}
    assert stemmed_table() == TABLE
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{TABLE}%"]
        )
        triggers = dict(cursor.fetchall())
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [TABLE])
        (definition,) = cursor.fetchone()
    assert set(triggers.values()) == {entries._meta.db_table}, triggers
    assert len(triggers) == 3
    assert f"content='{entries._meta.db_table}'" in definition and "porter" in definition
