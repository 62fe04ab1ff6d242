"""Demo "What happened next" answers on demo evaluations, from outcomes/demo/follow_ups.json (`manage.py
load_demo_content`): approved ones for the evaluation pages' timelines and the gap map, one waiting for an editor
(the dashboard panel). Idempotent: an evaluation's milestone that already has a follow-up is left alone; an
evaluation that is missing is skipped. Dates follow the evaluation's completion date."""

import datetime
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from .asking import add_months
from .models import FollowUp, Status
from .moderation import evaluation_changed

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "follow_ups.json"
TEXTS = ["what_changed", "for_whom", "what_was_learned", "how_it_was_shared"]


def read_follow_ups():
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def at(day, days_later):
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=days_later), datetime.time(10)))


def load_follow_ups(command=None):
    """Add the demo answers that are missing. `command`: load_demo_content, whose tally it adds to."""
    from evidence.models import EvaluationPage

    items = read_follow_ups()
    evaluations = {e.slug: e for e in EvaluationPage.objects.filter(slug__in={i["evaluation"] for i in items})}
    existing = set(FollowUp.objects.values_list("evaluation_id", "months"))
    editor = get_user_model().objects.filter(username="editor").first()
    changed = set()
    for item in items:
        evaluation = evaluations.get(item["evaluation"])
        if evaluation is None or (evaluation.pk, item["months"]) in existing:
            continue
        asked = add_months(evaluation.completed, item["months"])
        approved = item["status"] == Status.APPROVED
        FollowUp.objects.create(
            evaluation=evaluation,
            months=item["months"],
            sent_at=at(asked, 0),
            answered_at=at(asked, 12),
            changed=item["changed"],
            status=item["status"],
            moderated_at=at(asked, 15) if approved else None,
            moderated_by=editor if approved else None,
            **{name: item[name] for name in TEXTS},
        )
        changed.add(evaluation.pk)
        if command is not None and hasattr(command, "count"):
            command.count("what happened next answers")
    for pk in changed:  # the search document says "led to a change"; cached pages show the timeline
        evaluation_changed(pk)
