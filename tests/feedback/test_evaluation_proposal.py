"""Propose an evaluation: /propose-an-evaluation/, linked from the evidence gap map with a service and equity pair."""

import pytest

from feedback.models import EvaluationProposal

pytestmark = pytest.mark.django_db
URL = "/propose-an-evaluation/"


def selected(slug):
    return f'<option value="{slug}" selected>'


def test_form_page_groups_the_choices(client, taxonomy):
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Propose an evaluation</h1>" in body
    assert '<optgroup label="Primary care">' in body
    assert '<option value="primary-care">Primary care (general)</option>' in body
    assert '<option value="community-pharmacy">Community pharmacy</option>' in body
    # Frameworks in their own order: Equality Act before Core20PLUS5.
    assert body.index('<optgroup label="Equality Act 2010') < body.index('<optgroup label="Core20PLUS5 (adults)">')
    assert body.count('<option value="" selected>Not sure, or not listed</option>') == 3
    for role in ("Member of the public", "Patient or carer", "Practitioner", "Commissioner", "Researcher", "Other"):
        assert f">{role}</label>" in body


def test_gap_map_link_preselects_service_and_equity_dimension(client, taxonomy):
    body = client.get(f"{URL}?service=community-pharmacy&equity=core20&place=northshore").content.decode()
    assert selected("community-pharmacy") in body
    assert selected("core20") in body
    assert selected("northshore") in body


@pytest.mark.parametrize(
    "query",
    [
        "?service=no-such-service&equity=core20",
        "?service=core20&equity=community-pharmacy",  # a slug from the wrong taxonomy
        "?service=" + "x" * 5000,
        "?service=%00&equity=%ff%fe",
        "?service=community-pharmacy&service=&equity[]=x",
    ],
)
def test_unknown_or_odd_query_values_are_ignored(client, taxonomy, query):
    response = client.get(URL + query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "nhsuk-error-summary" not in body
    assert body.count(" selected>") == 3  # one choice per list: "Not sure", or the one known slug
    assert (selected("core20") in body) == query.startswith("?service=no-such")  # a known slug is still used


def test_valid_proposal_is_stored(client, taxonomy):
    response = client.post(
        URL,
        {
            "service": "community-pharmacy",
            "equity_dimension": "core20",
            "place": "northshore",
            "description": "Do evening blood pressure checks reach shift workers?",
            "role": "practitioner",
            "email": "pat@example.org",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/propose-an-evaluation/thank-you/"
    proposal = EvaluationProposal.objects.get()
    assert proposal.service == taxonomy["pharmacy"]
    assert proposal.equity_dimension == taxonomy["core20"]
    assert proposal.place == taxonomy["place"]
    assert proposal.role == EvaluationProposal.Role.PRACTITIONER
    assert proposal.status == EvaluationProposal.Status.NEW
    assert proposal.email == "pat@example.org"


def test_only_description_and_role_are_needed(client):
    assert client.post(URL, {"description": "Interpreters at A&E", "role": "patient-carer"}).status_code == 302
    proposal = EvaluationProposal.objects.get()
    assert (proposal.service, proposal.equity_dimension, proposal.place) == (None, None, None)


def test_thank_you_page(client):
    body = client.get("/propose-an-evaluation/thank-you/").content.decode()
    assert '<h1 class="nhsuk-panel__title">Proposal sent</h1>' in body


def test_missing_answers_show_errors_and_keep_choices(client, taxonomy):
    response = client.post(URL, {"service": "community-pharmacy", "equity_dimension": "age", "email": "a@b.org"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Propose an evaluation" in body
    assert '<a href="#id_description">Enter what should be evaluated, and why</a>' in body
    assert '<a href="#id_role">Select who you are</a>' in body
    assert 'id="id_role" name="role" type="radio" value="public"' in body  # the link target is the first radio
    assert '<fieldset class="nhsuk-fieldset" aria-describedby="id_role-error">' in body
    assert selected("community-pharmacy") in body and selected("age") in body
    assert 'value="a@b.org"' in body
    assert not EvaluationProposal.objects.exists()


def test_too_long_description_keeps_the_text_and_role(client):
    response = client.post(URL, {"description": "y" * 2001, "role": "researcher"})
    body = response.content.decode()
    assert '<a href="#id_description">What should be evaluated, and why must be 2,000 characters or fewer</a>' in body
    assert "y" * 2001 + "</textarea>" in body
    assert 'value="researcher" checked' in body
    assert "You can enter up to 2,000 characters" in body
    assert not EvaluationProposal.objects.exists()


def test_unknown_slug_in_a_post_is_an_error_not_a_crash(client, taxonomy):
    response = client.post(URL, {"service": "gone", "description": "x", "role": "other"})
    assert response.status_code == 200
    assert '<a href="#id_service">Select a service from the list' in response.content.decode()
    assert not EvaluationProposal.objects.exists()


def test_filled_honeypot_pretends_success_and_stores_nothing(client):
    response = client.post(URL, {"description": "Spam", "role": "other", "website": "x"})
    assert response.status_code == 302
    assert response["Location"] == "/propose-an-evaluation/thank-you/"
    assert not EvaluationProposal.objects.exists()
