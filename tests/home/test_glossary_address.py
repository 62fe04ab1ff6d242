"""Every link to the glossary takes its address from the glossary page (GlossaryPage.base_url): header, footer,
the home page's card, the suggestion pages and a term page's way back, even when editors change its slug."""

import pytest

from evidence.models import GlossaryPage


@pytest.mark.django_db
def test_every_glossary_link_follows_the_glossary_page(client, glossary_term):
    glossary = GlossaryPage.objects.get()
    glossary.slug = "words-explained"
    glossary.save_revision().publish()

    for url in (
        "/",
        "/suggest-a-glossary-term/",
        "/suggest-a-glossary-term/thank-you/",
        "/words-explained/core20plus5/",
    ):
        body = client.get(url).content.decode()
        assert 'href="/glossary/"' not in body, url
        assert 'href="/words-explained/"' in body, url
    home = client.get("/").content.decode()
    assert home.count('href="/words-explained/"') == 3  # the header, the card and the footer
