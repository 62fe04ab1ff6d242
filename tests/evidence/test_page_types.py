"""Every page type can be created only where it belongs, and renders."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from evidence.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    EvaluationIndexPage,
    EvaluationPage,
    GlossaryPage,
    PlainLanguageSummaryPage,
    SummaryIndexPage,
)
from home.models import HomePage, StandardPage

ALL_TYPES = [
    HomePage,
    StandardPage,
    EvaluationIndexPage,
    EvaluationPage,
    SummaryIndexPage,
    PlainLanguageSummaryPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    GlossaryPage,
]

ALLOWED_PARENTS = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage},
    EvaluationIndexPage: {HomePage},
    EvaluationPage: {EvaluationIndexPage},
    SummaryIndexPage: {HomePage},
    PlainLanguageSummaryPage: {SummaryIndexPage},
    CaseStudyIndexPage: {HomePage},
    CaseStudyPage: {CaseStudyIndexPage},
    GlossaryPage: {HomePage},
}


class TestPageTree(WagtailPageTestCase):
    def test_allowed_parents(self):
        for child, parents in ALLOWED_PARENTS.items():
            self.assertAllowedParentPageTypes(child, parents)

    def test_cannot_be_created_elsewhere(self):
        for child, parents in ALLOWED_PARENTS.items():
            for parent in ALL_TYPES:
                if parent not in parents:
                    self.assertCanNotCreateAt(parent, child)

    def test_sections_are_singletons(self):
        # The migration created one of each; a second cannot be added under the home page.
        home = HomePage.objects.get()
        for model in (EvaluationIndexPage, SummaryIndexPage, CaseStudyIndexPage, GlossaryPage):
            assert model.objects.count() == 1
            assert not model.can_create_at(home)


@pytest.mark.django_db
def test_every_page_type_renders(client, evaluation, summary, case_study, glossary_term):
    home = HomePage.objects.get()
    about = home.add_child(instance=StandardPage(title="About", slug="about", body=[("paragraph", "<p>Hi</p>")]))
    pages = [
        home,
        about,
        evaluation,
        summary,
        case_study,
        *[m.objects.get() for m in (EvaluationIndexPage, SummaryIndexPage, CaseStudyIndexPage, GlossaryPage)],
    ]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title.encode() in response.content or page.title.replace("'", "&#x27;").encode() in response.content
    assert client.get("/glossary/core20plus5/").status_code == 200


@pytest.mark.django_db
def test_evaluation_page_links_summary_and_case_study(client, evaluation, summary, case_study):
    body = client.get(evaluation.url).content.decode()
    assert summary.url in body
    assert case_study.url in body
    summary_body = client.get(summary.url).content.decode()
    assert evaluation.url in summary_body
    assert "Reading age about" in summary_body


@pytest.mark.django_db
def test_unknown_glossary_term_is_404(client):
    assert client.get("/glossary/not-a-term/").status_code == 404
