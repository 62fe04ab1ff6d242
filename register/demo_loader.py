"""Demo projects for the register of evaluations in progress, from register/demo/projects.json
(`manage.py load_demo_content`). Idempotent: a project whose slug is already under /register/ is left alone.
Taxonomy slugs and the linked evaluation come from the evidence demo; one that is missing is skipped. Two projects
show the "Still active?" states (`still_active`: confirmed recently; flagged after two unanswered reminders)."""

import datetime
import json
from pathlib import Path

from django.utils import timezone

from core.demo_loading import load_section, publish_under
from evidence.models import EquityDimension, EvaluationPage, PageEquityDimension, PagePlace, PageService, Place, Service
from home import content_generation

from .models import ProjectTeamMember, RegisteredProjectPage, RegisterIndexPage

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "projects.json"


def read_projects():
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def month(text):
    year, number = text.split("-")
    return datetime.date(int(year), int(number), 1)


def by_slug(model, slugs):
    found = {term.slug: term for term in model.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def build(item):
    evaluation = EvaluationPage.objects.live().filter(slug=item.get("evaluation", "")).first()
    page = RegisteredProjectPage(
        title=item["title"],
        slug=item["slug"],
        summary=item["summary"],
        cohort=item["cohort"],
        stage=item["stage"],
        expected_completion=month(item["expected_completion"]),
        contact_name=item["contact_name"],
        contact_email=item["contact_email"],
        published_evaluation=evaluation,
    )
    page.team = [ProjectTeamMember(name=n, role=r, organisation=o) for n, r, o in item["team"]]
    page.page_services = [PageService(service=s) for s in by_slug(Service, item["services"])]
    page.page_equity_dimensions = [
        PageEquityDimension(equity_dimension=d) for d in by_slug(EquityDimension, item["equity_dimensions"])
    ]
    page.page_places = [PagePlace(place=p) for p in by_slug(Place, item["places"])]
    return page


def set_still_active(page, state, now):
    """The "Still active?" state a demo project shows (`still_active` in the JSON), in days before the load, so the
    demo always has one project confirmed recently and one flagged "Not confirmed since" after two reminders."""

    def days_ago(key):
        return now - datetime.timedelta(days=state[key]) if key in state else None

    RegisteredProjectPage.objects.filter(pk=page.pk).update(
        first_published_at=days_ago("published_days_ago") or page.first_published_at,
        last_confirmed_at=days_ago("confirmed_days_ago"),
        reminders_sent=state.get("reminders_sent", 0),
        last_reminder_at=days_ago("last_reminder_days_ago"),
    )


def load_projects(register, existing, note):
    now = timezone.now()
    for item in read_projects():
        if item["slug"] not in existing:
            page = build(item)
            publish_under(register, page)
            if "still_active" in item:
                set_still_active(page, item["still_active"], now)
                content_generation.bump()  # a queryset update sends no signal: cached pages show the new state
            note("register projects")


def load_register(command=None):
    """Add the demo projects that are missing. `command`: load_demo_content, whose tally it adds to."""
    missing = "Note: no register page (/register/), so no demo projects were loaded."
    load_section(RegisterIndexPage, command, missing, load_projects)
