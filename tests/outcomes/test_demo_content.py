""" "What happened next" demo answers (outcomes/demo_loader.py): in plain words, loaded by load_demo_content,
idempotent, shown on the evaluation pages and counted on the gap map."""

import pytest
from django.core.management import call_command

from evidence.readability import measure
from outcomes.acted_on import acted_on_evaluation_ids
from outcomes.demo_loader import TEXTS, load_follow_ups, read_follow_ups
from outcomes.models import FollowUp, Status


def test_the_demo_answers_read_at_age_11_or_under():
    items = read_follow_ups()
    assert len([i for i in items if i["status"] == Status.APPROVED]) >= 4
    too_hard = {
        (item["evaluation"], item["months"], name): age
        for item in items
        for name in TEXTS
        if item[name] and (age := measure(item[name]).reading_age) > 11
    }
    assert not too_hard, too_hard


@pytest.mark.django_db
@pytest.mark.slow  # loads the whole demo (make check-fast leaves it out)
def test_load_demo_content_adds_them_once_and_readers_see_the_approved_ones(client):
    call_command("load_demo_content", verbosity=0)
    items = read_follow_ups()
    assert FollowUp.objects.count() == len(items)
    assert FollowUp.objects.filter(status=Status.ANSWERED).count() == 1  # one waits for an editor
    assert acted_on_evaluation_ids().count() == 2
    load_follow_ups()
    assert FollowUp.objects.count() == len(items)

    approved = FollowUp.objects.filter(status=Status.APPROVED).select_related("evaluation").first()
    html = client.get(approved.evaluation.url).content.decode()
    assert '<h2 id="what-happened-next">What happened next</h2>' in html
    waiting = FollowUp.objects.get(status=Status.ANSWERED)
    assert waiting.what_changed not in client.get(waiting.evaluation.url).content.decode()
    assert "led to a change" in client.get("/evidence-map/").content.decode()
