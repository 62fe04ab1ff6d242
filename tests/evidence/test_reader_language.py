"""The demo content, loaded once for this module: complete and idempotent, and its pages as a reader meets them:
every glossary term explained where it is read, and summary pages at reading age 11 or under (median 10), measured
by the portal's own readability module over the whole <main>."""

import io
import json
import re
import statistics
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Page

from evidence.models import (
    CaseStudyPage,
    EquityDimension,
    EvaluationPage,
    Framework,
    GlossaryTerm,
    Place,
    PlainLanguageSummaryPage,
    Service,
)
from evidence.readability import measure
from home.models import StandardPage
from tests import module_data

from .reader_view import furniture_only, glossary_problems, main_of, reading_text

pytestmark = pytest.mark.django_db


@module_data.fixture
def demo():
    """The demo content loaded once for this module (tests/module_data.py: held in a transaction around the
    module's tests, rolled back after them), with its pages rendered."""
    rendered = {}
    call_command("load_demo_content", verbosity=0)
    client = Client()
    for model in (PlainLanguageSummaryPage, EvaluationPage, CaseStudyPage):
        for page in model.objects.live().public():
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            rendered[page.url] = (model, response.content.decode())
    # Every name a reader may meet: each entry's term and aliases, and the label of the concept it explains.
    live = GlossaryTerm.objects.filter(live=True).select_related("service", "equity_dimension")
    terms = {t.slug: t.names for t in live}
    concepts = {
        **{("service", s.slug): [t.slug for t in s.glossary_terms.all()] for s in Service.objects.all()},
        **{("equity", d.slug): [t.slug for t in d.glossary_terms.all()] for d in EquityDimension.objects.all()},
        **{("framework", f): list(GlossaryTerm.objects.filter(framework=f).values_list("slug", flat=True))
           for f in Framework.values},
    }  # fmt: skip
    definitions = {t.slug: t.definition for t in live if t.concept_label}
    return {"pages": rendered, "terms": terms, "concepts": concepts, "definitions": definitions}


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_every_demo_concept_has_one_published_entry_in_plain_words(demo):
    """Every service, equity dimension and framework is a concept with its own glossary page, so its label on
    every page can be explained; its definition reads at age 11 or under."""
    assert len(demo["concepts"]) >= 80
    not_one = {key: slugs for key, slugs in demo["concepts"].items() if len(slugs) != 1}
    assert not not_one, f"concepts without exactly one glossary entry: {not_one}"
    unpublished = {slugs[0] for slugs in demo["concepts"].values()} - set(demo["terms"])
    assert not unpublished, f"entries not published: {unpublished}"
    too_hard = {slug: age for slug, text in demo["definitions"].items() if (age := measure(text).reading_age) > 11}
    assert not too_hard, f"concept definitions above reading age 11: {too_hard}"


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_every_term_and_concept_label_is_linked_once_where_first_read(demo):
    """Each glossary term, alias and concept label (a service, equity dimension or framework name) in the text a
    reader reads is linked to its page at its first occurrence, once, never in a heading or another link."""
    assert {"public-adviser", "reading-age"} <= set(demo["terms"])
    assert len(demo["pages"]) >= 90
    problems = {
        url: found
        for url, (_model, html) in demo["pages"].items()
        if (found := glossary_problems(main_of(html), demo["terms"]))
    }
    assert not problems, "\n".join(f"{url}\n  " + "\n  ".join(found) for url, found in problems.items())


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_demo_summary_pages_read_at_age_11_or_under(demo):
    ages = {
        url: measure(reading_text(main_of(html))).reading_age
        for url, (model, html) in demo["pages"].items()
        if model is PlainLanguageSummaryPage
    }
    assert len(ages) >= 40
    too_hard = {url: age for url, age in ages.items() if age > 11}
    assert not too_hard, f"reading age above 11: {too_hard}"
    assert statistics.median(ages.values()) <= 10, sorted(ages.values())


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_summary_page_furniture_reads_at_age_11_or_under(demo):
    """The page's own wording (about this summary, readability, sign-off, related links, feedback) on its own."""
    ages = {
        url: measure(reading_text(furniture_only(main_of(html))))
        for url, (model, html) in demo["pages"].items()
        if model is PlainLanguageSummaryPage
    }
    too_hard = {url: (m.reading_age, m.words) for url, m in ages.items() if m.reading_age > 11}
    assert not too_hard, f"fixed wording above reading age 11: {too_hard}"


MODELS = [
    Service,
    EquityDimension,
    Place,
    GlossaryTerm,
    EvaluationPage,
    PlainLanguageSummaryPage,
    CaseStudyPage,
    StandardPage,
    get_user_model(),
]


def counts():
    """How many of each, and what a second load must not change in the register's, the resource hub's and the
    'What happened next' sections (its own tests read the demo loaded once: tests/demo_data.py)."""
    from outcomes.models import FollowUp
    from register.models import RegisteredProjectPage
    from resources.models import EventPage, ResourcePage

    project_fields = ("slug", "live", "stage", "first_published_at", "last_confirmed_at", "reminders_sent")
    return {
        **{model.__name__: model.objects.count() for model in MODELS},
        "projects": sorted(RegisteredProjectPage.objects.values_list(*project_fields, "last_reminder_at")),
        "resources": sorted(ResourcePage.objects.values_list("slug", "live")),
        "events": sorted(EventPage.objects.values_list("slug", "start")),
        "answers": sorted(FollowUp.objects.values_list("evaluation__slug", "months", "status")),
    }


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_demo_loader_is_complete_readable_and_idempotent(client, demo):
    # The demo loaded once by the `demo` fixture (into the migrated database), then again to prove idempotency.
    first = counts()
    assert first["projects"] and first["resources"] and first["events"] and first["answers"]
    call_command("load_demo_content", verbosity=0)
    assert counts() == first
    check_brief(first)
    check_summaries()
    check_pages_render(client)


def check_brief(first):
    assert Service.objects.filter(parent__isnull=False).count() >= 25
    assert EquityDimension.objects.count() >= 30
    assert set(EquityDimension.objects.values_list("framework", flat=True)) == set(Framework.values)
    assert Place.objects.count() >= 8
    assert first["GlossaryTerm"] >= 60 and GlossaryTerm.objects.filter(live=True).count() == first["GlossaryTerm"]
    assert EvaluationPage.objects.live().count() >= 40
    assert CaseStudyPage.objects.live().count() >= 8
    years = set(EvaluationPage.objects.values_list("completed__year", flat=True))
    assert set(range(2019, 2027)) <= years
    users = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "editor", "adviser", "moderator"} <= users


def check_summaries():
    evaluations = EvaluationPage.objects.live().select_related("plain_summary")
    for evaluation in evaluations:
        summary = evaluation.plain_summary
        assert summary.live
        assert summary.reading_age == measure(summary.body_text()).reading_age
        assert summary.reading_age <= 11, (summary.slug, summary.reading_age)
        assert summary.co_authors.filter(role="public-adviser").exists()
        assert summary.sign_offs.exists()
    ages = sorted(s.reading_age for s in PlainLanguageSummaryPage.objects.all())
    assert ages[len(ages) // 2] >= 9  # most are 9–11, not trivially short


def check_pages_render(client):
    for page in [
        EvaluationPage.objects.first(),
        PlainLanguageSummaryPage.objects.first(),
        CaseStudyPage.objects.first(),
    ]:
        assert client.get(page.url).status_code == 200
    pages = ["/", "/evaluations/", "/case-studies/", "/summaries/", "/glossary/", "/about/", "/accessibility/"]
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_demo_summaries_have_their_own_plain_one_line_summary():
    """The line at the top of a summary page is read first: the demo gives each summary its own, in plain words
    (evaluations.json plain_summary.summary), not the evaluation's technical one."""
    items = json.loads((Path(settings.BASE_DIR) / "evidence" / "demo" / "evaluations.json").read_text())
    too_hard = {
        item["slug"]: age
        for item in items
        if (age := measure(item["plain_summary"].get("summary", item["summary"])).reading_age) > 11
    }
    assert not too_hard, f"one-line summaries above reading age 11: {too_hard}"


def index_rows():
    """Wagtail's reference index and the search index, row by row (without their ids)."""
    from django.apps import apps
    from wagtail.models import ReferenceIndex

    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")  # modelsearch's model, in wagtail.search's app

    def rows(model):
        # title_norm weighs a title against the index's average title length when it was written: it depends on the
        # order of writing, not on the object.
        names = [f.attname for f in model._meta.concrete_fields if f.name not in ("id", "title_norm")]
        return {tuple(words(value) for value in row) for row in model.objects.values_list(*names)}

    def words(value):
        # On PostgreSQL a document's text follows the order related rows came back in (no ORDER BY), which a table's
        # updates may change; the words are what is searched: tsvectors ('word':positions) as their words, other
        # text as its words, sorted.
        value = str(value)
        if connection.vendor != "postgresql":
            return value
        if value.startswith("'"):
            return " ".join(sorted(set(re.findall(r"'((?:[^']|'')*)':", value))))
        return " ".join(sorted(value.split()))

    return rows(ReferenceIndex), rows(IndexEntry)


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_the_demo_is_indexed_as_rebuilding_the_indexes_would_index_it(demo):
    """load_demo_content indexes each object once, at its end (core/bulk_saves.py): rebuilding both indexes from
    nothing changes nothing, but adds the pages the migrations made (never saved, so never indexed)."""
    from django.apps import apps

    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    references, entries = index_rows()
    assert len(references) > 100 and len(entries) > 300
    # Pages the migrations made (the root, home, the index pages): no revision, never saved by the loader.
    migrated = {str(pk) for pk in Page.objects.filter(latest_revision__isnull=True).values_list("pk", flat=True)}
    call_command("rebuild_references_index", verbosity=0, stdout=io.StringIO())
    call_command("update_index", verbosity=0, stdout=io.StringIO())
    rebuilt_references, rebuilt_entries = index_rows()
    assert rebuilt_references == references
    object_id = [f.attname for f in IndexEntry._meta.concrete_fields if f.name not in ("id", "title_norm")].index(
        "object_id"
    )
    assert {row for row in rebuilt_entries - entries if row[object_id] not in migrated} == set()
    assert entries <= rebuilt_entries
