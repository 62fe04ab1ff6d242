"""Other processes for the tests that cross a process boundary: gunicorn serving the portal, and Django code run in
a process of its own, both on the committed test data (so the tests using them are transactional)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


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


MIGRATED = {}  # "sqlite": a file holding what the migrations made (tests/conftest.py's django_db_setup)


def snapshot_the_migrated_database(folder):
    """On SQLite, a copy of the test database as the migrations left it, taken once per test process before any
    test runs (a transactional test may empty the database later)."""
    if connection.vendor == "sqlite":
        MIGRATED["sqlite"] = folder / "migrated.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(MIGRATED["sqlite"])])


def copy_of_the_migrated_database(target):
    """Writes the migrated test database to the SQLite file `target` and returns True: what `manage.py migrate`
    makes in another process in ~30 s, in well under a second (the test asks for `django_db_setup`, which takes
    the copy). False when the run is not on SQLite: the caller migrates instead."""
    if "sqlite" not in MIGRATED:
        return False
    shutil.copyfile(MIGRATED["sqlite"], target)
    return True


def environment_for_other_processes(tmp_path, **overrides):
    """This process's environment with the test settings and its database; an override of None drops a variable."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url_for_other_processes(tmp_path),
        **overrides,
    }
    return {key: value for key, value in env.items() if value is not None}


@contextmanager
def gunicorn(env, workers=2):
    """portal.wsgi under gunicorn on a free loopback port; yields its base URL once /healthz answers."""
    port = free_port()
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "portal.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=20):
                    break
            except OSError:
                time.sleep(0.25)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def run_elsewhere(env, code):
    """Run Django code in a process of its own (manage.py shell), on the database the server reads."""
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)
