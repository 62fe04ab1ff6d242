"""Never stale across processes: gunicorn (two worker processes, each with its own page cache) serves a page from
its cache; another process publishes a change; the very next request, to either worker, shows it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.functional.site_data import build_site

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_for_other_processes(tmp_path):
    """The committed test data, where another process can read it."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "shared.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM INTO '{copy}'")
        return f"sqlite:///{copy}"
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def fetch(url):
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read().decode(), response.headers


@pytest.fixture
def served(tmp_path):
    site = build_site()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url_for_other_processes(tmp_path),
        "PAGE_CACHE_URL": "",  # each worker's own memory: the hardest case
    }
    port = free_port()
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "portal.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                fetch(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.25)
        yield site, base, env
    finally:
        server.terminate()
        server.wait(timeout=20)


def publish_elsewhere(env, page_pk, title):
    code = (
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={page_pk}).specific\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)


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
