""" "What happened next" in a real browser: the team contact opens the link from the email (Django's locmem outbox)
on a 375 px phone without JavaScript and answers (after one mistake); an editor signs in through the real login
form and approves the answer from the dashboard; a reader sees it on the evaluation's timeline. The pages are
axe-clean at 1280 and 375 px (with JavaScript on: axe hangs without it)."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from evidence.models import EvaluationPage
from outcomes.asking import add_months, ask_due_contacts
from outcomes.models import FollowUp, Status
from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import MOBILE, browser_db

pytestmark = browser_db


@pytest.fixture
def asked(site):
    """The site's evaluation, completed 6 months ago with a team contact, who has just been emailed."""
    EvaluationPage.objects.filter(pk=site["evaluation"].pk).update(
        completed=add_months(timezone.localdate(), -6), contact_name="Dana Team", contact_email="dana@example.org"
    )
    assert ask_due_contacts() == 1
    link = re.search(r"https?://\S+(/what-happened-next/\S+/)", mail.outbox[-1].body).group(1)
    return {**site, "link": link, "follow_up": FollowUp.objects.get()}


def test_the_contact_answers_an_editor_approves_and_a_reader_sees_it(asked, editor, person):
    base, evaluation = asked["base"], asked["evaluation"]

    phone = person(viewport=MOBILE, javascript=False)
    phone.goto(base + asked["link"])
    expect(phone.get_by_role("heading", name="What happened after your evaluation?", level=1)).to_be_visible()
    phone.get_by_label("What changed?").fill("The pharmacy now opens late on Thursdays.")
    phone.get_by_role("button", name="Send your answer").click()  # forgot to say yes, no or not yet
    expect(phone.get_by_role("heading", name="There is a problem")).to_be_visible()
    phone.get_by_role("link", name="Select yes, no or not yet").click()
    assert phone.get_by_label("What changed?").input_value() == "The pharmacy now opens late on Thursdays."
    phone.get_by_label("Yes").check()
    phone.get_by_label("Who did it change things for?").fill("People who work in the day.")
    phone.get_by_role("button", name="Send your answer").click()
    expect(phone.get_by_role("heading", name="Answer sent")).to_be_visible()
    assert FollowUp.objects.get().status == Status.ANSWERED

    reader = person()
    reader.goto(base + evaluation.url)
    assert not reader.get_by_text("The pharmacy now opens late on Thursdays.").count()  # not moderated yet

    desk = person("editor")  # signed in through the real login form
    panel = desk.locator("#what-happened-next-waiting-section")
    expect(panel.get_by_text("answers to check").first).to_be_visible()
    panel.get_by_role("link", name=evaluation.title).click()
    expect(desk.get_by_text("The pharmacy now opens late on Thursdays.")).to_be_visible()
    desk.get_by_role("button", name="Approve and show it").click()
    expect(desk.get_by_text("is approved: it shows on the evaluation's page")).to_be_visible()
    assert FollowUp.objects.get().status == Status.APPROVED

    reader.goto(base + evaluation.url)
    timeline = reader.locator("#what-happened-next + *, #what-happened-next ~ ol")
    expect(reader.get_by_role("heading", name="What happened next", level=2)).to_be_visible()
    expect(reader.get_by_text("6 months after it ended")).to_be_visible()
    expect(reader.get_by_text("Something changed because of this evaluation.")).to_be_visible()
    expect(reader.get_by_text("The pharmacy now opens late on Thursdays.")).to_be_visible()
    assert timeline.count()
    assert not reader.get_by_text("dana@example.org").count() and not reader.get_by_text("Dana Team").count()


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_the_pages_have_no_axe_violations(asked, open_page, width):
    base, failures = asked["base"], []

    def check(label, page):
        if violations := axe_violations(page):
            failures.append(f"{label} at {width}:\n{describe(violations)}")

    form = open_page(base + asked["link"], width=width)
    check("answer form", form)
    form.get_by_role("button", name="Send your answer").click()
    expect(form.get_by_text("Select yes, no or not yet").first).to_be_visible()
    check("answer form with an error", form)
    form.get_by_label("Yes").check()
    form.get_by_label("What changed?").fill("Late opening on Thursdays.")
    form.get_by_role("button", name="Send your answer").click()
    check("thank-you page", form)
    check("forged link", open_page(base + "/what-happened-next/not-a-real-link/", width=width))

    FollowUp.objects.filter(pk=asked["follow_up"].pk).update(status=Status.APPROVED)
    from home import content_generation

    content_generation.bump()
    page = open_page(base + asked["evaluation"].url, width=width)
    expect(page.get_by_text("Late opening on Thursdays.")).to_be_visible()
    check("evaluation with a timeline", page)
    assert not failures, "\n\n".join(failures)
