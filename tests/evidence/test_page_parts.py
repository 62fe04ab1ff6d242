"""An evaluation page's glossary-linked body and JSON-LD are rendered once per revision and content generation in each
process (portal/page_cache_parts.py), for readers only: a later rendering is the same page, with fewer queries, and
any change the page shows (the page itself, a glossary term it links, a taxonomy label, the summary it links to)
reaches the very next rendering, in this process and in the others."""

import urllib.request

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from evidence.models import GlossaryTerm, Service
from portal import page_cache_parts
from tests.functional.site_data import build_site
from tests.servers import environment_for_other_processes, gunicorn, run_elsewhere


@pytest.fixture(autouse=True)
def forget_parts():
    page_cache_parts.rendered_parts.clear()


@pytest.fixture
def site(db):
    return build_site()


def reader_render(client, url, n):
    """A rendering (a query string the page cache never stores): (HTML, queries)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{url}?fresh={n}")
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
    return response.content.decode(), len(captured)


def publish(page, **fields):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_a_later_rendering_is_the_same_page_from_the_parts(site):
    client = Client()
    url = site["evaluation"].url
    first, first_queries = reader_render(client, url, 1)
    again, again_queries = reader_render(client, url, 2)
    assert again == first
    assert "Signed off by Amina Khan" in again and "application/ld+json" in again
    assert again_queries < first_queries  # the team, taxonomy, summary and case studies were not read again
    assert len(page_cache_parts.rendered_parts.entries) == 1


def test_signed_in_users_and_previews_get_no_parts(site, make_user):
    client = Client()
    client.force_login(make_user("editor", is_superuser=True))
    client.get(site["evaluation"].url)
    assert not page_cache_parts.rendered_parts.entries
    response = client.get(f"/admin/pages/{site['evaluation'].pk}/view_draft/")
    assert response.status_code == 200
    assert not page_cache_parts.rendered_parts.entries


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_every_change_the_page_shows_reaches_the_next_rendering(site):
    client = Client()
    url = site["evaluation"].url
    reader_render(client, url, 1)
    html, _ = reader_render(client, url, 2)
    assert "Pharmacists had less time for other work." in html

    publish(site["evaluation"], unintended_consequences="Pharmacists worked late on Thursdays.")
    html, _ = reader_render(client, url, 3)
    assert "Pharmacists worked late on Thursdays." in html and "less time for other work" not in html

    term = GlossaryTerm.objects.get(slug="deprivation")
    term.definition = "Having less than most people around you."
    term.save_revision().publish()
    html, _ = reader_render(client, url, 4)
    assert "Having less than most people around you." in html and "Not having the money" not in html

    service = Service.objects.get(pk=site["service"].pk)
    service.name = "High-street pharmacy"
    service.save()
    html, _ = reader_render(client, url, 5)
    assert "High-street pharmacy" in html and "Community pharmacy" not in html

    publish(site["summary"], title="What the checks found")
    html, _ = reader_render(client, url, 6)
    assert "What the checks found" in html and "Blood pressure checks: what we found" not in html


@pytest.mark.slow  # starts other processes
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_in_another_process_reaches_each_servers_next_rendering(tmp_path):
    site = build_site()
    env = environment_for_other_processes(tmp_path, PAGE_CACHE_URL="")  # each worker's own memory
    with gunicorn(env) as base:
        url = base + site["evaluation"].url

        def renders(start):
            pages = []
            for n in range(start, start + 6):  # both workers, each holding the page's parts after its first
                with urllib.request.urlopen(f"{url}?fresh={n}", timeout=20) as response:
                    pages.append(response.read().decode())
            return pages

        assert all("Pharmacists had less time for other work." in page for page in renders(0))
        code = (
            "from wagtail.models import Page\n"
            f"page = Page.objects.get(pk={site['evaluation'].pk}).specific\n"
            "page.unintended_consequences = 'Pharmacists worked late on Thursdays.'\n"
            "page.save_revision().publish()\n"
        )
        run_elsewhere(env, code)
        assert all("Pharmacists worked late on Thursdays." in page for page in renders(10))
        rename = "from evidence.models import Service\ns = Service.objects.get(slug='community-pharmacy')\n"
        run_elsewhere(env, rename + "s.name = 'High-street pharmacy'\ns.save()\n")  # a taxonomy label it shows
        assert all("High-street pharmacy" in page for page in renders(20))
