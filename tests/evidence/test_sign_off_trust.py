"""A sign-off readers can trust, approval by Moderators, and nothing left stuck (issue 11, part 2 and 3)."""

import pytest
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, TaskState, WorkflowState

from evidence.models import GlossaryTerm, PlainLanguageSummaryPage, SummarySignOff, TeamRole
from tests.admin_forms import glossary_form_data, summary_form_data

pytestmark = pytest.mark.django_db


def submit(summary, user):
    summary.save_revision(user=user)
    summary.get_workflow().start(summary, user)
    summary.refresh_from_db()
    return summary.current_workflow_task_state


def act(client, user, summary, action="approve"):
    client.force_login(user)
    state = PlainLanguageSummaryPage.objects.get(pk=summary.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[summary.pk, action, state.pk])
    return client.post(url, {"comment": ""})


def reader_sees(client, summary):
    client.logout()
    return client.get(PlainLanguageSummaryPage.objects.get(pk=summary.pk).url).content.decode()


def edit_text(summary, user, text):
    draft = summary.get_latest_revision_as_object()
    draft.body = [("paragraph", f"<p>{text}</p>")]
    draft.save_revision(user=user)


def test_a_moderator_approves_and_publishes_a_summary(client, summary, adviser, moderator):
    submit(summary, adviser)
    assert act(client, adviser, summary).status_code == 302
    response = act(client, moderator, summary)
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.live and not summary.workflow_in_progress
    assert f"Signed off by {adviser.get_full_name()}" in reader_sees(client, summary)


def test_a_moderator_approves_and_publishes_a_glossary_term(client, editor, moderator):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_evidence_glossaryterm:add"),
        {
            **glossary_form_data("Health literacy", "health-literacy", "How easy it is to use health information."),
            "action-submit": "Submit",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    term = GlossaryTerm.objects.get(slug="health-literacy")
    assert not term.live and term.workflow_in_progress

    client.force_login(moderator)
    state = term.current_workflow_task_state
    url = reverse("wagtailsnippets_evidence_glossaryterm:workflow_action", args=[term.pk, "approve", state.pk])
    assert client.post(url, {"comment": ""}).status_code == 302
    term.refresh_from_db()
    assert term.live and not term.workflow_in_progress


def test_moderators_cannot_publish_outside_a_workflow(summary, moderator):
    assert not summary.permissions_for_user(moderator).can_publish()


def test_moderators_hold_no_image_or_document_permissions(client, moderator):
    assert not GroupCollectionPermission.objects.filter(group__name="Moderators").exists()
    client.force_login(moderator)
    for view in ("wagtailimages:add", "wagtaildocs:add"):
        response = client.get(reverse(view))  # Wagtail sends a signed-in user without permission to the dashboard
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home")), view


def test_a_signed_draft_lends_no_sign_off_to_the_older_live_text(client, summary, adviser):
    """(a) Between sign-off and publication readers see the live text without that sign-off."""
    edit_text(summary, adviser, "A new text the adviser signs off.")
    submit(summary, adviser)
    act(client, adviser, summary)
    assert SummarySignOff.objects.filter(summary=summary).count() == 1
    page = reader_sees(client, summary)
    assert "A new text" not in page
    assert "Signed off by" not in page and "Not signed off yet" in page


def test_an_edit_after_sign_off_publishes_without_the_sign_off(client, summary, adviser, editor):
    """(b) Edited during editor approval: nobody signed that text off, so readers are told it changed."""
    submit(summary, adviser)
    act(client, adviser, summary)
    edit_text(summary, editor, "The editor's own words, never signed off.")
    act(client, editor, summary)
    page = reader_sees(client, summary)
    assert "never signed off" in page
    assert "Signed off by" not in page
    assert "Changed since a public adviser signed it off" in page


def test_the_sign_off_is_of_the_text_the_adviser_saved_with_it(client, summary, adviser, moderator):
    """Edits saved with the Sign off button are what the adviser signed, and what readers then see signed."""
    submit(summary, adviser)
    edit_text(summary, adviser, "The adviser's last changes.")
    act(client, adviser, summary)
    act(client, moderator, summary)
    page = reader_sees(client, summary)
    assert "The adviser&#x27;s last changes." in page or "The adviser's last changes." in page
    assert f"Signed off by {adviser.get_full_name()}" in page


def co_author_rows(summary, rows):
    """Form data for the co-author rows: existing rows keep their ids, as the admin posts them."""
    data = {"co_authors-TOTAL_FORMS": str(len(rows)), "co_authors-INITIAL_FORMS": "1"}
    data.update({"co_authors-MIN_NUM_FORMS": "1", "co_authors-MAX_NUM_FORMS": "1000"})
    for index, (row_id, name, role, user) in enumerate(rows):
        prefix = f"co_authors-{index}-"
        data.update({prefix + "id": row_id or "", prefix + "name": name, prefix + "role": role})
        data.update({prefix + "user": user.pk if user else "", prefix + "ORDER": str(index + 1)})
        data[prefix + "DELETE"] = ""
    return data


@pytest.mark.parametrize("submitting", [False, True], ids=["saving", "submitting"])
def test_an_uncredited_adviser_cannot_link_their_own_account(client, summary, evaluation, other_adviser, submitting):
    """(c) The account field is not in an adviser's form: posted values are ignored, linked accounts kept."""
    client.force_login(other_adviser)
    url = reverse("wagtailadmin_pages:edit", args=[summary.pk])
    assert 'name="co_authors-0-user"' not in client.get(url).content.decode()
    credited = summary.co_authors.get(role=TeamRole.PUBLIC_ADVISER)
    data = summary_form_data(summary.title, summary.slug, evaluation, [("x", TeamRole.OTHER, None)])
    data.update(
        co_author_rows(
            summary,
            [
                (credited.pk, credited.name, TeamRole.PUBLIC_ADVISER, other_adviser),  # take over a row
                (None, "Me", TeamRole.PUBLIC_ADVISER, other_adviser),  # add one
            ],
        )
    )
    if submitting:
        data["action-submit"] = "Submit"
    response = client.post(url, data)
    assert response.status_code == (200 if submitting else 302)
    draft = PlainLanguageSummaryPage.objects.get(pk=summary.pk).get_latest_revision_as_object()
    assert not draft.credited_public_adviser(other_adviser)
    assert (
        next(row.user_id for row in draft.co_authors.all() if row.role == TeamRole.PUBLIC_ADVISER) == credited.user_id
    )
    assert not WorkflowState.objects.filter(object_id=str(summary.pk)).exists()


def test_editors_see_the_account_field(client, summary, editor):
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[summary.pk])).content.decode()
    assert 'name="co_authors-0-user"' in page


def test_an_uncredited_adviser_cannot_send_for_sign_off_and_keeps_their_text(
    client, summary, evaluation, other_adviser
):
    """(d) A clear message says why and who can; what they typed is still in the form."""
    client.force_login(other_adviser)
    data = summary_form_data(
        summary.title,
        summary.slug,
        evaluation,
        [("Adviser Tester", TeamRole.PUBLIC_ADVISER, None)],
        body="Words typed by an uncredited adviser.",
    )
    data["action-submit"] = "Submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[summary.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "only if you are credited on it as a public adviser co-author" in page
    assert "Words typed by an uncredited adviser." in page
    assert not WorkflowState.objects.filter(object_id=str(summary.pk)).exists()


def test_nobody_can_send_a_summary_no_linked_adviser_could_sign_off(client, evaluation, editor):
    client.force_login(editor)
    parent = reverse("wagtailadmin_pages:add", args=["evidence", "plainlanguagesummarypage", _summaries_pk()])
    data = summary_form_data("Unsignable", "unsignable", evaluation, [("Someone", TeamRole.PUBLIC_ADVISER, None)])
    data["action-submit"] = "Submit"
    response = client.post(parent, data)
    assert response.status_code == 200
    assert "Nobody can sign this summary off yet" in response.content.decode()
    assert not PlainLanguageSummaryPage.objects.filter(slug="unsignable").exists()


def _summaries_pk():
    from evidence.models import SummaryIndexPage

    return SummaryIndexPage.objects.get().pk


def test_an_editor_can_send_back_a_sign_off_nobody_can_give(client, summary, adviser, editor):
    """Nothing is left stuck: if the credited adviser's account is unlinked mid-way, an editor requests changes."""
    submit(summary, adviser)
    summary.co_authors.filter(user=adviser).update(user=None)
    task = summary.current_workflow_task
    assert [name for name, _label, _modal in task.get_actions(summary, editor)] == ["reject"]
    response = act(client, editor, summary, action="reject")
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(summary.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED).exists()


def test_copying_a_summary_gives_a_draft_without_the_evaluation(client, summary, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:copy", args=[summary.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"new_title": "Copy of the summary", "new_slug": "copy-of-summary", "new_parent_page": summary.get_parent().pk},
    )
    assert response.status_code == 302
    copy = PlainLanguageSummaryPage.objects.get(slug="copy-of-summary")
    assert copy.evaluation is None and not copy.live
    assert copy.co_authors.count() == summary.co_authors.count()


def test_a_credited_adviser_sends_the_summary_for_sign_off_through_the_editor(client, summary, evaluation, adviser):
    client.force_login(adviser)
    credited = summary.co_authors.get(user=adviser)
    data = summary_form_data(summary.title, summary.slug, evaluation, [("x", TeamRole.OTHER, None)])
    data.update(co_author_rows(summary, [(credited.pk, credited.name, TeamRole.PUBLIC_ADVISER, None)]))
    data["action-submit"] = "Submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[summary.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PlainLanguageSummaryPage.objects.get(pk=summary.pk).workflow_in_progress
