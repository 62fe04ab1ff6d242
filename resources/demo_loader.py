"""Demo resources and events for the resource hub, from resources/demo/*.json (`manage.py load_demo_content`).

Idempotent: a resource or event whose slug is already under /resources/ is left alone. Events are dated relative
to the day they are loaded (two ahead, two past), so a fresh demo always has upcoming events. Downloadable files
are small text, Markdown or CSV documents written at load time (nothing binary is committed)."""

import datetime
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from core.demo_loading import load_section, publish_under

from .models import (
    EventMaterial,
    EventPage,
    PageAudience,
    PageStage,
    ResourceEvaluation,
    ResourceIndexPage,
    ResourcePage,
)

DEMO_DIR = Path(__file__).resolve().parent / "demo"


def read(name):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def body_blocks(items):
    """ "## Heading" → a heading block, a list → a bulleted paragraph, any other string → a paragraph."""
    blocks = []
    for item in items:
        if isinstance(item, list):
            bullets = "".join(f"<li>{escape(text)}</li>" for text in item)
            blocks.append(("paragraph", RichText(f"<ul>{bullets}</ul>")))
        elif item.startswith("## "):
            blocks.append(("heading", item[3:]))
        else:
            blocks.append(("paragraph", RichText(f"<p>{escape(item)}</p>")))
    return blocks


def paragraphs_html(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def make_document(spec, title):
    text = "\n".join(spec["lines"]) + "\n"
    document = get_document_model()(title=title)
    document.file.save(spec["name"], ContentFile(text.encode("utf-8")), save=False)
    document.save()
    return document


def tag(page, item):
    page.resource_stages = [PageStage(stage=value) for value in item["stages"]]
    page.resource_audiences = [PageAudience(audience=value) for value in item["audiences"]]


def moment(days_from_today, clock):
    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(clock)))


def load_resources(hub, existing, note):
    from evidence.models import EvaluationPage

    evaluations = {e.slug: e for e in EvaluationPage.objects.live()}
    for item in read("resources.json"):
        if item["slug"] in existing:
            continue
        spec = item.get("file")
        page = ResourcePage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            kind=item["kind"],
            method=item.get("method", ""),
            body=body_blocks(item["body"]),
            document=make_document(spec, spec["title"]) if spec else None,
        )
        tag(page, item)
        page.evaluation_links = [
            ResourceEvaluation(evaluation=evaluations[slug])
            for slug in item.get("evaluations", [])
            if slug in evaluations
        ]
        publish_under(hub, page)
        note("resources")


def load_events(hub, existing, note):
    for item in read("events.json"):
        if item["slug"] in existing:
            continue
        page = EventPage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            start=moment(item["in_days"], item["start"]),
            end=moment(item["in_days"], item["end"]),
            online=item["online"],
            place=item["place"],
            who_for=item["who_for"],
            how_to_join=paragraphs_html(item["how_to_join"]),
            body=body_blocks(item["body"]),
        )
        tag(page, item)
        page.materials = [
            EventMaterial(
                title=material["title"],
                document=make_document(material["file"], material["title"]) if "file" in material else None,
                link=material.get("link", ""),
            )
            for material in item.get("materials", [])
        ]
        publish_under(hub, page)
        note("events")


def load_resource_hub(command=None):
    """Add the demo resources and events that are missing. `command`: load_demo_content, whose tally it adds to."""
    missing = "Note: no resource hub page (/resources/), so no demo resources were loaded."
    load_section(ResourceIndexPage, command, missing, load_resources, load_events)
