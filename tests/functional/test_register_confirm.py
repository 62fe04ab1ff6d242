""" "Still active?" in a real browser: the contact opens the link from the reminder email (Django's locmem outbox)
on a 375 px phone without JavaScript, confirms, and the project page shows it; the answer pages are axe-clean at
1280 and 375 px."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from core.choices import Stage
from register.models import RegisteredProjectPage
from register.reminders import send_reminders
from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import MOBILE, browser_db
from tests.register.factories import RegisteredProjectPageFactory

pytestmark = browser_db


@pytest.fixture
def reminded(site):
    """One project unconfirmed for 8 months, its two reminders sent (flagged), the newest link's path."""
    project = RegisteredProjectPageFactory(title="Late bookings in pregnancy", stage=Stage.DO)
    now = timezone.now()
    RegisteredProjectPage.objects.filter(pk=project.pk).update(first_published_at=now - datetime.timedelta(days=250))
    send_reminders(now=now - datetime.timedelta(days=28))
    send_reminders(now=now)
    link = re.search(r"https?://\S+(/register-still-active/\S+/)", mail.outbox[-1].body).group(1)
    return {**site, "project": RegisteredProjectPage.objects.get(pk=project.pk), "link": link}


def test_the_contact_confirms_from_the_email_on_a_phone_without_javascript(reminded, person, open_page):
    base, project = reminded["base"], reminded["project"]
    page = person(viewport=MOBILE, javascript=False)
    page.goto(base + project.url)
    assert page.get_by_text("Not confirmed since").is_visible()

    page.goto(base + reminded["link"])
    assert page.get_by_role("heading", name="Is your project still going?", level=1).is_visible()
    page.get_by_role("button", name="Yes, it is still going").click()
    assert page.get_by_role("heading", name="Project confirmed").is_visible()
    page.get_by_role("link", name=f"See the project page: {project.title}").click()
    assert page.url.endswith(project.url)
    assert page.get_by_text("Yes: the team confirmed it on").is_visible()
    assert not page.get_by_text("Not confirmed since").count()

    # the same link again: a clear page, not an error (outside the console watch: a 410 is logged as a failed load)
    again = open_page(base + reminded["link"], width="mobile", javascript=False)
    assert again.get_by_role("heading", name="This link does not work").is_visible()
    assert again.get_by_text("This link has been used already").is_visible()


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_the_answer_pages_have_no_axe_violations(reminded, open_page, width):
    base, failures = reminded["base"], []
    pages = {
        "answer page": reminded["link"],
        "forged link": "/register-still-active/not-a-real-link/",
        "thank-you page": f"/register-still-active/thank-you/confirmed/{reminded['project'].pk}/",
        "flagged project": reminded["project"].url,
    }
    for label, path in pages.items():
        page = open_page(base + path, width=width)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{label} ({path}) at {width}:\n{describe(violations)}")
        page.context.close()
    # the stage form's error summary
    page = open_page(base + reminded["link"], width=width)
    page.evaluate("document.querySelectorAll('input[name=stage]').forEach(i => i.checked = false)")
    page.get_by_role("button", name="Save the new stage").click()
    assert page.get_by_text("Choose the stage the project is at now").first.is_visible()
    violations = axe_violations(page)
    if violations:
        failures.append(f"stage form with an error at {width}:\n{describe(violations)}")
    assert not failures, "\n\n".join(failures)
