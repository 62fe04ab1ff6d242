"""The glossary linker remembers what it made (evidence/glossary_links.py, LinkedHtml): a text is parsed once per
change of the text or of the terms, and a remembered result is never one made for other terms or another page's
state. A term published, renamed or unpublished reaches the next rendering, in this process and in others."""

import urllib.request

import pytest
from django.test import Client

from devdata.factories import GlossaryTermFactory
from evidence import glossary_links
from evidence.glossary_links import GlossaryLinker, Term
from evidence.models import GlossaryTerm
from tests.functional.site_data import build_site
from tests.servers import environment_for_other_processes, gunicorn, run_elsewhere

CORE20 = Term("core20", "Core20", "The poorest fifth of areas.", "/glossary/core20/")
TEXT = "<p>People in Core20 areas.</p><p>Core20 again.</p>"


@pytest.fixture(autouse=True)
def forget_linked_html():
    glossary_links.linked_html.clear()


def test_a_text_is_linked_once_then_remembered_with_the_terms_it_linked():
    first = GlossaryLinker([CORE20])
    html = first.link(TEXT)
    assert html.count("glossary-term__link") == 1 and first.linked == [CORE20]
    assert len(glossary_links.linked_html.entries) == 1
    again = GlossaryLinker([CORE20])
    assert again.link(TEXT) == html
    assert again.linked == [CORE20]  # "Words explained on this page" still lists it
    assert len(glossary_links.linked_html.entries) == 1  # remembered, not parsed again


def test_a_remembered_text_is_never_used_for_other_terms_or_another_state_of_the_page():
    GlossaryLinker([CORE20]).link(TEXT)
    redefined = Term("core20", "Core20", "The most deprived fifth of areas.", "/glossary/core20/")
    assert "The most deprived fifth of areas." in GlossaryLinker([redefined]).link(TEXT)
    assert "glossary-term__link" not in GlossaryLinker([]).link(TEXT)
    already = GlossaryLinker([CORE20], linked=[CORE20])  # linked earlier on this page: not again
    assert "glossary-term__link" not in already.link(TEXT)
    other_prefix = GlossaryLinker([CORE20], id_prefix="summary")
    assert 'id="summary-core20-1"' in other_prefix.link(TEXT)


def test_the_memo_is_bounded_least_recently_used_first_out():
    memo = glossary_links.LinkedHtml(2)
    for key in "abc":
        memo.put(key, (key, ()))
        memo.get("a")
    assert list(memo.entries) == ["c", "a"]


def reader_render(client, url, n):
    """A rendering (a query string the page cache never stores), so the linker runs each time."""
    response = client.get(f"{url}?fresh={n}")
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_term_published_renamed_or_unpublished_reaches_the_next_rendering():
    site = build_site()
    client = Client()
    url = site["evaluation"].url
    assert 'href="/glossary/pharmacists/"' not in reader_render(client, url, 1)
    assert 'href="/glossary/pharmacists/"' not in reader_render(client, url, 2)  # remembered

    term = GlossaryTermFactory(term="Pharmacists", slug="pharmacists", definition="People who run a chemist's.")
    assert 'href="/glossary/pharmacists/"' in reader_render(client, url, 3)

    term = GlossaryTerm.objects.get(pk=term.pk)
    term.definition = "Health professionals in a pharmacy."
    term.save_revision().publish()
    html = reader_render(client, url, 4)
    assert "Health professionals in a pharmacy." in html and "People who run a chemist's." not in html

    term.unpublish()
    assert 'href="/glossary/pharmacists/"' not in reader_render(client, url, 5)


@pytest.mark.slow  # starts other processes
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_term_published_in_another_process_is_linked_by_the_servers_next_rendering(tmp_path):
    site = build_site()
    env = environment_for_other_processes(tmp_path, PAGE_CACHE_URL="")
    with gunicorn(env) as base:
        url = base + site["evaluation"].url

        def renders(start):
            pages = []
            for n in range(start, start + 6):  # both workers, each remembering its linked text
                with urllib.request.urlopen(f"{url}?fresh={n}", timeout=20) as response:
                    pages.append(response.read().decode())
            return pages

        assert not any('href="/glossary/pharmacists/"' in page for page in renders(0))
        terms = "from evidence.models import GlossaryTerm as Terms\n"
        run_elsewhere(env, terms + "Terms.objects.create(term='Pharmacists', slug='pharmacists', live=True)\n")
        assert all('href="/glossary/pharmacists/"' in page for page in renders(10))
        run_elsewhere(env, terms + "Terms.objects.get(slug='pharmacists').unpublish()\n")
        assert not any('href="/glossary/pharmacists/"' in page for page in renders(20))
