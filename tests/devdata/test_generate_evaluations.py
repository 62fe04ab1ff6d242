"""generate_evaluations: deterministic synthetic evaluations written in bulk are proper, searchable Wagtail pages."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page

from evidence.models import (
    EquityDimension,
    EvaluationIndexPage,
    EvaluationPage,
    Method,
    PlainLanguageSummaryPage,
    SummaryIndexPage,
    TeamRole,
)
from evidence.readability import measure

COUNT = 30


def generate(count=COUNT, seed=7, batch=12):
    """Run the command (batch smaller than count, so paths continue across batches); return its output."""
    out = StringIO()
    call_command("generate_evaluations", count=count, seed=seed, batch=batch, stdout=out)
    return out.getvalue()


def snapshot():
    """Everything generated, without database ids (which depend on what else the database holds)."""
    rows = []
    for page in EvaluationPage.objects.order_by("path").prefetch_related("team"):
        summary = page.plain_summary
        rows.append(
            {
                "title": page.title,
                "slug": page.slug,
                "path": page.path,
                "url_path": page.url_path,
                "summary": page.summary,
                "dates": (page.period_start, page.period_end, page.completed, page.first_published_at),
                "method": page.method,
                "findings": list(page.findings.raw_data),
                "recommendations": list(page.recommendations.raw_data),
                "equity": (page.who_benefits, page.who_left_out, page.unintended_consequences, page.reduce_gap),
                "services": sorted(link.service.slug for link in page.page_services.all()),
                "dimensions": sorted(link.equity_dimension.slug for link in page.page_equity_dimensions.all()),
                "places": sorted(link.place.slug for link in page.page_places.all()),
                "team": [(m.name, m.role, m.organisation) for m in page.team.all()],
                "translation_key": page.translation_key,
                "plain": (summary.title, summary.slug, summary.path, list(summary.body.raw_data), summary.reading_age),
                "co_authors": [(c.name, c.role) for c in summary.co_authors.all()],
            }
        )
    return rows


def run_and_roll_back(**kwargs):
    with transaction.atomic():
        generate(**kwargs)
        rows = snapshot()
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def generated(db):
    return generate()


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_same_seed_same_data_other_seed_other_data():
    first = run_and_roll_back(seed=7)
    assert EvaluationPage.objects.count() == 0  # rolled back: the next run starts from the same empty tree
    second = run_and_roll_back(seed=7, batch=1000)  # the batch size does not change the data
    other = run_and_roll_back(seed=8)

    assert len(first) == COUNT
    assert first == second
    assert len(other) == COUNT
    assert {row["title"] for row in first} != {row["title"] for row in other}
    assert not {row["slug"] for row in first} & {row["slug"] for row in other}
    assert [row["findings"] for row in first] != [row["findings"] for row in other]
    # Variety: titles, texts and dates differ between evaluations of one seed.
    assert len({row["title"] for row in first}) > COUNT * 0.8
    assert len({row["dates"][2] for row in first}) > COUNT * 0.8


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_pages_are_proper_wagtail_pages(generated, client, admin_client):
    assert f"created {COUNT} " in generated
    # A valid tree: no bad paths, orphans, wrong depths or wrong numchild anywhere.
    assert Page.find_problems() == ([], [], [], [], [])
    evaluations_index = EvaluationIndexPage.objects.get()
    summaries_index = SummaryIndexPage.objects.get()
    for index in (evaluations_index, summaries_index):
        index.refresh_from_db()
        assert index.numchild == index.get_children().count() == COUNT

    pages = list(EvaluationPage.objects.live().public().child_of(evaluations_index).order_by("path"))
    assert len(pages) == COUNT
    for page in pages[:3] + pages[-2:]:
        generic = Page.objects.get(pk=page.pk)
        assert type(generic.specific) is EvaluationPage
        assert generic.get_parent().specific == evaluations_index
        assert page.url == f"/evaluations/{page.slug}/"
        assert page.draft_title == page.title
        assert page.first_published_at and page.last_published_at and page.latest_revision_created_at
        assert page.locale_id and not page.has_unpublished_changes
        page.full_clean()  # passes the same validation as the editor's form

        summary = page.plain_summary
        assert type(Page.objects.get(pk=summary.pk).specific) is PlainLanguageSummaryPage
        assert summary.live and summary.url == f"/summaries/{summary.slug}/"
        summary.full_clean()

        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title.encode() in response.content.replace(b"&#x27;", b"'")
        assert client.get(summary.url).status_code == 200
    assert client.get("/evaluations/").status_code == 200
    assert client.get("/summaries/").status_code == 200
    assert admin_client.get(f"/admin/pages/{pages[0].pk}/edit/").status_code == 200

    # Wagtail can still add a page after the bulk-written ones.
    new = EvaluationPage(
        title="Added by an editor",
        slug="added-by-an-editor",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 6, 1),
        completed=datetime.date(2024, 7, 1),
        method=Method.PROCESS,
        findings=[],
        who_benefits="Everyone.",
        who_left_out="No one.",
    )
    evaluations_index.add_child(instance=new)
    assert new.path > pages[-1].path
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_taxonomies_team_and_summaries_are_linked(generated):
    frameworks = set()
    for page in EvaluationPage.objects.prefetch_related(
        "page_services__service", "page_equity_dimensions__equity_dimension", "page_places", "team"
    ):
        assert 1 <= len(page.services) <= 3
        assert all(service.parent_id for service in page.services)  # child services only
        assert 1 <= len(page.equity_dimensions) <= 4
        assert 1 <= len(page.places) <= 2
        frameworks.update(d.framework for d in page.equity_dimensions)
        team = list(page.team.all())
        assert len(team) >= 2
        assert any(member.role == TeamRole.PUBLIC_ADVISER for member in team)
        assert datetime.date(2019, 1, 1) <= page.completed <= datetime.date(2026, 12, 31)
        assert page.period_start < page.period_end <= page.completed
        assert page.method in Method.values
        assert page.findings and page.who_benefits and page.who_left_out and page.summary

        summary = PlainLanguageSummaryPage.objects.get(evaluation=page)
        co_authors = list(summary.co_authors.all())
        assert any(c.role == TeamRole.PUBLIC_ADVISER for c in co_authors)
        assert {c.name for c in co_authors} <= {m.name for m in team}
        # The stored figures are the true figures for the stored text.
        measured = measure(summary.body_text())
        assert (summary.reading_age, summary.flesch_reading_ease, summary.word_count) == (
            measured.reading_age,
            measured.flesch_reading_ease,
            measured.words,
        )
        assert summary.average_sentence_length == measured.average_sentence_length
        assert summary.reading_age > 0
    assert len(frameworks) >= 3  # equity dimensions come from across the frameworks
    assert EquityDimension.objects.values("framework").distinct().count() == 4


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_search_index_is_updated(generated):
    page = EvaluationPage.objects.order_by("path").first()
    found = EvaluationPage.objects.live().search("interpreter")
    assert 0 < len(found) < COUNT  # a vocabulary word: some evaluations mention it, not all
    assert page in EvaluationPage.objects.live().search(page.title)
    assert page.plain_summary in PlainLanguageSummaryPage.objects.live().search(page.plain_summary.title)
    who = page.who_left_out.split(",")[0].split(" because")[0]
    assert page in EvaluationPage.objects.live().search(who)


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_rerun_reports_present_and_larger_count_appends(generated):
    before = snapshot()
    again = generate()
    assert f"created 0 with their summaries, {COUNT} already present" in again
    assert snapshot() == before

    more = generate(count=COUNT + 5)
    assert f"created 5 with their summaries, {COUNT} already present" in more
    after = snapshot()
    assert after[:COUNT] == before
    assert len(after) == COUNT + 5
    assert Page.find_problems() == ([], [], [], [], [])
    assert EvaluationIndexPage.objects.get().numchild == COUNT + 5
    assert SummaryIndexPage.objects.get().numchild == COUNT + 5


def test_children_follow_existing_pages(evaluation, summary):
    """Existing children (made the ordinary way) keep their paths; generated ones go after them."""
    generate(count=5)
    index = EvaluationIndexPage.objects.get()
    children = list(index.get_children().order_by("path"))
    assert children[0].pk == evaluation.pk
    assert len(children) == index.numchild == 6
    assert Page.find_problems() == ([], [], [], [], [])
    # The fixtures' small taxonomy is used as it is (no demo taxonomy loaded over it).
    assert {s.slug for page in EvaluationPage.objects.exclude(pk=evaluation.pk) for s in page.services} <= {
        "community-pharmacy",
        "general-practice",
    }


@pytest.mark.django_db
def test_arguments_are_checked():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("generate_evaluations", count=-1, stdout=StringIO())
    assert "created 0 " in generate(count=0)


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_index_is_written_in_chunks(monkeypatch):
    from devdata.management.commands import generate_evaluations

    monkeypatch.setattr(generate_evaluations, "INDEX_CHUNK", 7)
    generate(count=16, batch=10)
    for page in EvaluationPage.objects.all():
        assert page in EvaluationPage.objects.live().search(page.title)
        assert page.plain_summary in PlainLanguageSummaryPage.objects.live().search(page.plain_summary.title)
