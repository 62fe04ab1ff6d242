"""'Was this page helpful?': the include on every page, POST to /feedback/, and the error page."""

import pytest

from feedback.forms import PageFeedbackForm
from feedback.models import PageFeedback

pytestmark = pytest.mark.django_db


def post(client, page, **data):
    return client.post("/feedback/", {"page": page.pk, "path": page.url, "helpful": "yes", "comment": "", **data})


def test_valid_feedback_is_stored_and_redirects_back_to_the_page(client, evaluation):
    response = post(client, evaluation, helpful="no", comment="Say who did the checks.")
    assert response.status_code == 302
    assert response["Location"] == f"{evaluation.url}?feedback=thanks#feedback"
    feedback = PageFeedback.objects.get()
    assert (feedback.page_id, feedback.page_url) == (evaluation.pk, evaluation.url)
    assert feedback.helpful is False
    assert feedback.comment == "Say who did the checks."
    assert feedback.reviewed is False


def test_feedback_outlives_its_page(client, evaluation):
    post(client, evaluation, helpful="no")
    evaluation.delete()
    feedback = PageFeedback.objects.get()
    assert (feedback.page_id, feedback.page_url) == (None, "/evaluations/bp-checks/")


def test_yes_without_a_comment_is_enough(client, evaluation):
    assert post(client, evaluation).status_code == 302
    assert PageFeedback.objects.get().helpful is True


def test_feedback_on_a_glossary_term_goes_back_to_the_term(client, glossary_page, glossary_term):
    response = post(client, glossary_page, path="/glossary/core20plus5/")
    assert response["Location"] == "/glossary/core20plus5/?feedback=thanks#feedback"
    assert PageFeedback.objects.get().page_url == "/glossary/core20plus5/"


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/",
        "https://evil.example/evaluations/bp-checks/",
        "/evaluations/bp-checks//evil.example",
        "/evaluations/bp-checks/\\evil.example",
        "/evaluations/bp-checks/?next=https://evil.example",
        "/evaluations/bp-checks/#x",
        "/somewhere-else/",
        "/evaluations/bp-checks/" + "x" * 600,
    ],
)
def test_return_address_is_only_ever_under_the_page(client, evaluation, path):
    response = post(client, evaluation, path=path)
    assert response.status_code == 302
    if path == "/evaluations/bp-checks//evil.example":
        # Still a path on this site under the page (Location is relative): harmless, and not another host.
        assert response["Location"].startswith("/evaluations/bp-checks//evil.example?")
    else:
        assert response["Location"] == f"{evaluation.url}?feedback=thanks#feedback"
    assert not response["Location"].startswith("//")


def test_no_answer_shows_errors_on_its_own_page_and_keeps_the_comment(client, evaluation):
    response = client.post(
        "/feedback/", {"page": evaluation.pk, "path": evaluation.url, "comment": "Too long & <hard> to read"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error: Give feedback on a page" in body
    assert 'class="nhsuk-error-summary"' in body
    assert '<a href="#id_helpful">Select yes if this page was helpful, or no if it was not</a>' in body
    assert 'id="id_helpful-error"' in body and 'aria-describedby="id_helpful-error"' in body
    assert "Too long &amp; &lt;hard&gt; to read</textarea>" in body
    assert f'<a href="{evaluation.url}">Go back to Blood pressure checks in pharmacies</a>' in body
    assert f'name="path" value="{evaluation.url}"' in body  # posting again still returns to the page
    assert not PageFeedback.objects.exists()


def test_too_long_comment_is_an_error_and_the_answer_stays_chosen(client, evaluation):
    response = post(client, evaluation, helpful="no", comment="x" * 1001)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_comment">What could be better must be 1,000 characters or fewer</a>' in body
    assert 'value="no" checked' in body and 'value="yes" checked' not in body
    assert "x" * 1001 + "</textarea>" in body
    assert not PageFeedback.objects.exists()
    assert post(client, evaluation, comment="x" * 1000).status_code == 302


@pytest.mark.parametrize("page_id", ["", "abc", "999999", "99999999999999999999999", "1"])
def test_unknown_page_is_explained_not_an_error(client, page_id):
    # "1" is the tree root: never a page people give feedback on.
    response = client.post("/feedback/", {"page": page_id, "helpful": "yes"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "We could not tell which page your feedback is about" in body
    assert 'href="#id_helpful"' not in body  # no link to a form that is not shown
    assert not PageFeedback.objects.exists()


def test_draft_pages_take_no_feedback(client, evaluation):
    evaluation.unpublish()
    assert post(client, evaluation).status_code == 200
    assert not PageFeedback.objects.exists()


def test_filled_honeypot_pretends_success_and_stores_nothing(client, evaluation):
    response = post(client, evaluation, comment="Buy things", website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == f"{evaluation.url}?feedback=thanks#feedback"
    assert not PageFeedback.objects.exists()


def test_standalone_page_for_a_page_id(client, evaluation):
    body = client.get(f"/feedback/?page={evaluation.pk}").content.decode()
    assert f'name="page" value="{evaluation.pk}"' in body
    assert "nhsuk-error-summary" not in body


@pytest.mark.parametrize("query", ["", "?page=", "?page=x", "?page=99999999999999999999", "?page=%00"])
def test_standalone_page_without_a_page_explains_itself(client, query):
    response = client.get(f"/feedback/{query}")
    assert response.status_code == 200
    assert "at the bottom of the page you want to tell us about" in response.content.decode()


def test_include_posts_the_page_and_where_the_reader_is(render_include, evaluation):
    html = render_include(evaluation, url="/evaluations/bp-checks/")
    assert 'action="/feedback/" method="post"' in html
    assert 'name="csrfmiddlewaretoken"' not in html  # no token, so no cookie on every page (decision 0005)
    assert f'name="page" value="{evaluation.pk}"' in html
    assert 'name="path" value="/evaluations/bp-checks/"' in html
    assert 'id="feedback"' in html and "Was this page helpful?" in html
    assert "Thank you for your feedback" not in html


def test_include_says_thank_you_after_feedback(render_include, evaluation):
    html = render_include(evaluation, url="/evaluations/bp-checks/?feedback=thanks")
    assert 'id="feedback"' in html and "Thank you for your feedback" in html
    assert "<form" not in html


def test_include_renders_nothing_without_a_page(render_include):
    assert render_include(None).strip() == ""


def test_include_matches_the_form(render_include, evaluation):
    """The include is plain HTML (no form object on Wagtail pages): keep its wording and names in step with the form."""
    html = render_include(evaluation)
    form = PageFeedbackForm()
    assert form.fields["comment"].help_text in html
    assert form.honeypot.label in html
    for name in ("page", "path", "helpful", "comment", form.honeypot_name):
        assert f'name="{name}"' in html
