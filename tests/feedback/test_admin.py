"""Editors review feedback in the admin (wagtail-modeladmin); nobody else can reach it."""

import csv
import io

import pytest

from feedback.models import EvaluationProposal, GlossarySuggestion, PageFeedback

pytestmark = pytest.mark.django_db
ADMIN = "/admin/feedback/"


@pytest.fixture
def submissions(evaluation, taxonomy):
    return {
        "pagefeedback": [
            PageFeedback.objects.create(
                page=evaluation, page_url=evaluation.url, helpful=False, comment='=HYPERLINK("http://x")'
            ),
            PageFeedback.objects.create(page=None, page_url="/gone/", helpful=True, comment="", reviewed=True),
        ],
        "glossarysuggestion": [
            GlossarySuggestion.objects.create(term="Health literacy", email="sam@example.org"),
            GlossarySuggestion.objects.create(term="Deprivation", status=GlossarySuggestion.Status.ACCEPTED),
        ],
        "evaluationproposal": [
            EvaluationProposal.objects.create(
                service=taxonomy["pharmacy"],
                equity_dimension=taxonomy["core20"],
                description="Evening checks for shift workers",
                role=EvaluationProposal.Role.PRACTITIONER,
            ),
            EvaluationProposal.objects.create(
                description="Interpreters in A&E", role=EvaluationProposal.Role.PUBLIC, status="planned"
            ),
        ],
    }


def admin_urls(model, pk):
    return [
        f"{ADMIN}{model}/",
        f"{ADMIN}{model}/?export=csv",
        f"{ADMIN}{model}/inspect/{pk}/",
        f"{ADMIN}{model}/edit/{pk}/",
        f"{ADMIN}{model}/delete/{pk}/",
    ]


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("model", ["pagefeedback", "glossarysuggestion", "evaluationproposal"])
def test_anonymous_visitors_are_sent_to_sign_in(client, submissions, model):
    for url in admin_urls(model, submissions[model][0].pk):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/?next="), url
    assert client.post(f"{ADMIN}{model}/delete/{submissions[model][0].pk}/").status_code == 302
    assert PageFeedback.objects.count() == GlossarySuggestion.objects.count() == 2


@pytest.mark.parametrize("model", ["pagefeedback", "glossarysuggestion", "evaluationproposal"])
def test_public_advisers_cannot_see_feedback(client, adviser, submissions, model):
    client.force_login(adviser)
    for url in admin_urls(model, submissions[model][0].pk):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    assert "Page feedback" not in client.get("/admin/").content.decode()


def test_editors_have_a_feedback_menu(client, editor):
    client.force_login(editor)
    body = client.get("/admin/").content.decode()
    for label in ("Feedback", "Page feedback", "Glossary suggestions", "Evaluation proposals"):
        assert label in body


@pytest.mark.parametrize(
    "model, shown",
    [
        ("pagefeedback", ["/evaluations/bp-checks/", "/gone/"]),
        ("glossarysuggestion", ["Health literacy", "Deprivation"]),
        ("evaluationproposal", ["Evening checks for shift workers", "Interpreters in A&amp;E"]),
    ],
)
def test_editor_index_lists_submissions_without_an_add_button(client, editor, submissions, model, shown):
    client.force_login(editor)
    response = client.get(f"{ADMIN}{model}/")
    body = response.content.decode()
    assert response.status_code == 200
    for text in shown:
        assert text in body
    assert f"{ADMIN}{model}/create/" not in body
    assert f'href="{ADMIN}{model}/?export=csv"' in body


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("pagefeedback/?reviewed__exact=1", "/gone/", "/evaluations/bp-checks/"),
        ("pagefeedback/?helpful__exact=0", "/evaluations/bp-checks/", "/gone/"),
        ("pagefeedback/?q=gone", "/gone/", "/evaluations/bp-checks/"),
        ("glossarysuggestion/?status__exact=accepted", "Deprivation", "Health literacy"),
        ("glossarysuggestion/?q=literacy", "Health literacy", "Deprivation"),
        ("evaluationproposal/?status__exact=planned", "Interpreters in A&amp;E", "Evening checks"),
        ("evaluationproposal/?role__exact=practitioner", "Evening checks", "Interpreters in A&amp;E"),
        ("evaluationproposal/?equity_dimension__id__exact={core20}", "Evening checks", "Interpreters in A&amp;E"),
        ("evaluationproposal/?q=pharmacy", "Evening checks", "Interpreters in A&amp;E"),
    ],
)
def test_editor_filters_and_search(client, editor, submissions, taxonomy, query, shown, hidden):
    client.force_login(editor)
    response = client.get(ADMIN + query.format(core20=taxonomy["core20"].pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert shown in body and hidden not in body


def test_filter_lists_only_choices_in_use(client, editor, submissions, taxonomy):
    client.force_login(editor)
    body = client.get(f"{ADMIN}evaluationproposal/").content.decode()
    assert f"service__id__exact={taxonomy['pharmacy'].pk}" in body
    assert f"service__id__exact={taxonomy['gp'].pk}" not in body


def test_page_feedback_csv_export(client, editor, submissions):
    client.force_login(editor)
    response = client.get(f"{ADMIN}pagefeedback/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="page-feedback.csv"'
    rows = csv_rows(response)
    assert rows[0] == ["Received", "Page address", "Page title", "Helpful", "What could be better", "Reviewed"]
    by_address = {row[1]: row for row in rows[1:]}
    assert by_address["/evaluations/bp-checks/"][2:] == [
        "Blood pressure checks in pharmacies",
        "No",
        '\'=HYPERLINK("http://x")',  # a formula typed by the public is text in a spreadsheet
        "No",
    ]
    assert by_address["/gone/"][2:] == ["", "Yes", "", "Yes"]  # blanks stay blank


def test_glossary_suggestion_csv_export_respects_filters(client, editor, submissions):
    client.force_login(editor)
    response = client.get(f"{ADMIN}glossarysuggestion/?status__exact=new&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == ["Received", "Term", "Where they saw it", "What they think it means", "Name", "Email", "Status"]
    assert [row[1:] for row in rows[1:]] == [["Health literacy", "", "", "", "sam@example.org", "New"]]


def test_evaluation_proposal_csv_export(client, editor, submissions):
    client.force_login(editor)
    response = client.get(f"{ADMIN}evaluationproposal/?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0][1:] == [
        "Service",
        "Equity dimension",
        "Place",
        "What should be evaluated, and why",
        "Who they are",
        "Contact email",
        "Status",
    ]
    assert [
        "Primary care › Community pharmacy",
        "Core20",
        "",
        "Evening checks for shift workers",
        "Practitioner",
        "",
        "New",
    ] in [row[1:] for row in rows[1:]]


def test_editor_marks_feedback_reviewed_but_cannot_change_what_was_said(client, editor, submissions):
    client.force_login(editor)
    feedback = submissions["pagefeedback"][0]
    url = f"{ADMIN}pagefeedback/edit/{feedback.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reviewed": "on", "comment": "Rewritten", "helpful": "on", "page_url": "/x/"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.reviewed is True
    assert (feedback.comment, feedback.helpful, feedback.page_url) == (
        '=HYPERLINK("http://x")',
        False,
        "/evaluations/bp-checks/",
    )


def test_editor_sets_a_proposal_status(client, editor, submissions):
    client.force_login(editor)
    proposal = submissions["evaluationproposal"][0]
    response = client.post(
        f"{ADMIN}evaluationproposal/edit/{proposal.pk}/", {"status": "under-review", "description": "Changed"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.description) == ("under-review", "Evening checks for shift workers")


def test_editor_can_read_and_delete(client, editor, submissions):
    client.force_login(editor)
    suggestion = submissions["glossarysuggestion"][0]
    body = client.get(f"{ADMIN}glossarysuggestion/inspect/{suggestion.pk}/").content.decode()
    assert "Health literacy" in body and "sam@example.org" in body
    assert client.post(f"{ADMIN}glossarysuggestion/delete/{suggestion.pk}/").status_code == 302
    assert not GlossarySuggestion.objects.filter(pk=suggestion.pk).exists()


@pytest.mark.parametrize("model", ["pagefeedback", "glossarysuggestion", "evaluationproposal"])
def test_nobody_adds_submissions_in_the_admin(client, admin_user, model):
    client.force_login(admin_user)  # not even a superuser
    response = client.get(f"{ADMIN}{model}/create/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert f"{ADMIN}{model}/create/" not in client.get(f"{ADMIN}{model}/").content.decode()
