"""Demo projects for the register of evaluations in progress, from register/demo/projects.json
(`manage.py load_demo_content`). Idempotent: a project whose slug is already under /register/ is left alone.
Taxonomy slugs and the linked evaluation come from the evidence demo; one that is missing is skipped."""

import datetime
import json
from pathlib import Path

from core.demo_loading import load_section, publish_under
from evidence.models import EquityDimension, EvaluationPage, PageEquityDimension, PagePlace, PageService, Place, Service

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


def load_projects(register, existing, note):
    for item in read_projects():
        if item["slug"] not in existing:
            publish_under(register, build(item))
            note("register projects")


def load_register(command=None):
    """Add the demo projects that are missing. `command`: load_demo_content, whose tally it adds to."""
    missing = "Note: no register page (/register/), so no demo projects were loaded."
    load_section(RegisterIndexPage, command, missing, load_projects)
