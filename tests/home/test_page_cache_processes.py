"""Never stale across processes: gunicorn (two worker processes, each with its own page cache) serves a page from
its cache; another process publishes a change; the very next request, to either worker, shows it."""

import urllib.request

import pytest

from tests.functional.site_data import build_site
from tests.servers import environment_for_other_processes, gunicorn, run_elsewhere

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fetch(url):
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read().decode(), response.headers


@pytest.fixture
def served(tmp_path):
    site = build_site()
    env = environment_for_other_processes(tmp_path, PAGE_CACHE_URL="")  # each worker's own memory: the hardest case
    with gunicorn(env) as base:
        yield site, base, env


def publish_elsewhere(env, page_pk, title):
    code = (
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={page_pk}).specific\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n"
    )
    run_elsewhere(env, code)


@pytest.mark.slow  # starts other processes
def test_a_publish_in_one_process_is_served_at_once_by_the_others(served):
    site, base, env = served
    url = base + site["evaluation"].url
    seen = [fetch(url) for _ in range(8)]  # both workers, cached after their first request
    assert all("<h1>Blood pressure checks in pharmacies</h1>" in body for body, _ in seen)
    assert "hit" in {headers["X-Page-Cache"] for _, headers in seen}

    publish_elsewhere(env, site["evaluation"].pk, "Evening blood pressure checks")

    for _ in range(8):
        body, _headers = fetch(url)
        assert "<h1>Evening blood pressure checks</h1>" in body  # the old title stays only in the citation
    listing, _ = fetch(base + "/evaluations/")
    assert "Evening blood pressure checks" in listing
