"""Glossary terms on pages: linked where they first appear, drafts never used, A–Z and term pages."""

import pytest

from devdata.factories import GlossaryTermFactory, PlainLanguageSummaryPageFactory, paragraphs


@pytest.mark.django_db
def test_terms_are_linked_in_summaries_and_explained_at_the_end(client, glossary_term, evaluation):
    summary = PlainLanguageSummaryPageFactory(
        slug="linked", body=paragraphs("The Core20PLUS5 plan helps.", "Core20PLUS5 again.")
    )
    body = client.get(summary.url).content.decode()
    assert body.count('class="glossary-term__link" href="/glossary/core20plus5/"') == 1
    assert "Words explained on this page" in body


@pytest.mark.django_db
def test_terms_link_in_evaluation_equity_text(client, glossary_term, evaluation):
    # Core20PLUS5 is linked earlier on this page (its framework label), so the equity text needs a term of its own.
    GlossaryTermFactory(term="Digital exclusion", slug="digital-exclusion", aliases="digitally excluded")
    evaluation.who_left_out = "People who are digitally excluded, outside Core 20 PLUS 5 areas & <others>."
    evaluation.save_revision().publish()
    body = client.get(evaluation.url).content.decode()
    assert 'href="/glossary/digital-exclusion/">digitally excluded</a>' in body
    assert body.count('class="glossary-term__link" href="/glossary/core20plus5/"') == 1
    assert "&amp; &lt;others&gt;" in body


@pytest.mark.django_db
def test_draft_terms_are_not_linked_or_listed(client, evaluation):
    GlossaryTermFactory(term="Secret term", slug="secret-term", definition="Hidden.", live=False)
    summary = PlainLanguageSummaryPageFactory(slug="s", body=paragraphs("A secret term here."))
    assert "glossary-term__link" not in client.get(summary.url).content.decode()
    assert "Secret term" not in client.get("/glossary/").content.decode()
    assert client.get("/glossary/secret-term/").status_code == 404


@pytest.mark.django_db
def test_glossary_a_to_z_and_term_page(client, glossary_term):
    GlossaryTermFactory(term="Access", slug="access", definition="Being able to get care.")
    index = client.get("/glossary/").content.decode()
    assert index.index("Access") < index.index("Core20PLUS5")
    assert 'href="#letter-A"' in index and 'href="#letter-C"' in index
    term_page = client.get("/glossary/core20plus5/").content.decode()
    assert "An NHS England plan to close gaps in health care." in term_page
    assert "Core 20 PLUS 5" in term_page  # aliases are listed


@pytest.mark.django_db
def test_term_addresses_follow_the_glossary_page_when_its_slug_changes(glossary_term):
    from evidence.models import GlossaryPage

    glossary = GlossaryPage.objects.get()
    assert glossary_term.url == "/glossary/core20plus5/"  # remembered now
    glossary.slug = "words-explained"
    glossary.save_revision().publish()
    assert glossary_term.url == "/words-explained/core20plus5/"
