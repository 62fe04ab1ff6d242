"""The resource hub's demo (resources/demo/*.json through load_demo_content): complete, readable, idempotent."""

import csv
import io

import pytest
from django.conf import settings
from django.utils import timezone

from evidence.readability import html_to_text, measure
from resources.choices import Kind
from resources.models import EventPage, ResourcePage

from .reading import past_titles, resource_titles, upcoming_titles

pytestmark = pytest.mark.django_db

TEMPLATES = {
    "planning-an-equity-sensitive-evaluation",
    "co-production-agreement",
    "plain-language-summary-template",
    "data-sharing-checklist",
}


def reading_age(page, *texts):
    text = " ".join([page.summary, *texts, html_to_text(page.body.render_as_block())])
    return measure(text).reading_age


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_demo_resources_and_events(client, demo_content):
    # A second load adds nothing and moves no event: tests/evidence/test_reader_language.py (every section at once).

    resources = ResourcePage.objects.live().public()
    assert resources.count() >= 12
    assert {kind for kind, _ in Kind.choices} == set(resources.values_list("kind", flat=True))
    templates = {page.slug: page for page in resources.filter(kind=Kind.TEMPLATE).select_related("document")}
    assert set(templates) >= TEMPLATES
    for page in templates.values():
        with page.document.file.open("rb") as handle:
            text = handle.read().decode("utf-8")
        assert len(text) > 300, page.slug
        assert page.document.file_extension in settings.WAGTAILDOCS_EXTENSIONS, page.document.filename
    with templates["data-sharing-checklist"].document.file.open("rb") as handle:
        rows = list(csv.reader(io.StringIO(handle.read().decode("utf-8"))))
    assert rows[0][:2] == ["Step", "Question"] and len(rows) > 10 and all(len(row) == 6 for row in rows)
    plan = templates["planning-an-equity-sensitive-evaluation"]
    assert "Who might need it but does not use it?" in plan.body.render_as_block()

    for page in resources.filter(kind=Kind.WORKED_EXAMPLE):
        assert page.evaluation_links.filter(evaluation__live=True).exists(), page.slug
    assert all(resources.filter(kind=Kind.METHODS_ADVICE).values_list("method", flat=True))

    events = EventPage.objects.live().public()
    now = timezone.now()
    assert events.filter(start__gt=now).count() == 2
    past = events.filter(end__lt=now)
    assert past.count() == 2 and all(event.materials.exists() for event in past)
    for event in past:
        for material in event.materials.exclude(document=None):
            assert material.document.file_extension in settings.WAGTAILDOCS_EXTENSIONS

    # written to be read: reading age 11 or under (evidence/readability.py), events with how to join them
    for page in resources:
        assert reading_age(page) <= 11, (page.slug, reading_age(page))
    for event in events:
        age = reading_age(event, event.who_for, html_to_text(event.how_to_join))
        assert age <= 11, (event.slug, age)
    for page in [*resources, *events]:
        assert page.stage_labels and page.audience_labels, page.slug

    html = client.get("/resources/").content.decode()
    assert len(resource_titles(html)) == resources.count()
    assert len(upcoming_titles(html)) == 2 and len(past_titles(html)) == 2
    for page in [*resources, *events]:
        assert client.get(page.url).status_code == 200, page.url
    html = client.get("/resources/?stage=plan&audience=practitioners").content.decode()
    assert "Template: plan an evaluation that asks who is left out" in resource_titles(html)
