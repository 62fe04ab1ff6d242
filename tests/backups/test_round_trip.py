"""The whole operator path, through manage.py in subprocesses (the real commands, real SQLite files, uploads on disk):
a populated portal is backed up while a connection holds unflushed writes in its -wal file, restored into a new
empty installation, and both are compared table by table, file by file and search answer by search answer."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings

from tests.servers import copy_of_the_migrated_database

ROOT = Path(settings.BASE_DIR)
# Rebuilt by `update_index` after a restore (with entries for the index pages too): compared through search answers.
SEARCH_INDEX_TABLES = ("wagtailsearch_indexentry", "search_stemmed_text")


def manage(installation, *args):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SEARCH_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.backups.settings",
        DATABASE_URL=f"sqlite:///{installation / 'db.sqlite3'}",
        MEDIA_ROOT=str(installation / "media"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def shell(installation, call):
    command = f"from tests.backups import portal_steps; portal_steps.{call}()"
    return manage(installation, "shell", "--no-imports", "-c", command)


def tables(database):
    """{table: (row count, hash of every row)} for every table; sqlite_sequence without the search index's rows."""
    with sqlite3.connect(database) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        found = {}
        for name in names:
            if name.startswith(SEARCH_INDEX_TABLES):
                continue
            rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"'))  # noqa: S608 (from the schema)
            if name == "sqlite_sequence":
                rows = [row for row in rows if not row.startswith(tuple(f"('{t}" for t in SEARCH_INDEX_TABLES))]
            found[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return found


def files(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.slow  # starts other processes
def test_backup_while_running_then_restore_into_an_empty_installation_gives_the_same_portal(tmp_path, django_db_setup):
    source, target, out = tmp_path / "source", tmp_path / "target", tmp_path / "backups"
    for folder in (source, target, out):
        folder.mkdir()
    if not copy_of_the_migrated_database(source / "db.sqlite3"):
        manage(source, "migrate", "--noinput", "--verbosity", "0")
    manage(source, "load_demo_content")
    shell(source, "populate")

    # A write the site has committed but SQLite has not yet copied from the -wal file into db.sqlite3; the
    # connection stays open during the backup, as a running web process's would.
    writer = sqlite3.connect(source / "db.sqlite3", isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE feedback_pagefeedback SET comment = 'Written just before the backup'")
    try:
        assert (source / "db.sqlite3-wal").stat().st_size > 0
        manage(source, "backup", "--output-dir", str(out))
        before = tables(source / "db.sqlite3")
    finally:
        writer.close()

    [archive] = out.glob("backup-*.tar.gz")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database_vendor"] == "sqlite"
    assert manifest["wagtail"] and manifest["django"] and manifest["created"]
    listed = {entry["path"] for entry in manifest["files"]}
    assert "database/db.sqlite3" in listed
    assert any(path.startswith("media/images/") for path in listed), "the rendition is in the backup"
    assert any(path.startswith("media/documents/") for path in listed), "the document is in the backup"

    manage(target, "restore", str(archive))

    after = tables(target / "db.sqlite3")
    assert before["feedback_pagefeedback"][0] == 1
    assert before["wagtailcore_workflowstate"][0] >= 1 and before["wagtailcore_comment"][0] == 1
    assert before["evidence_summarysignoff"][0] > 0 and before["wagtailimages_rendition"][0] == 1
    differing = {name: (before.get(name), after.get(name)) for name in before.keys() | after.keys()}
    differing = {name: pair for name, pair in differing.items() if pair[0] != pair[1]}
    assert differing == {}
    with sqlite3.connect(target / "db.sqlite3") as conn:
        assert conn.execute("SELECT comment FROM feedback_pagefeedback").fetchone() == (
            "Written just before the backup",
        )
    assert files(target / "media") == files(source / "media")

    seen_before = json.loads(shell(source, "probe"))
    seen_after = json.loads(shell(target, "probe"))
    assert seen_after == seen_before
    assert seen_after["document"][0] == 200 and seen_after["rendition_on_disk"] and seen_after["renditions"] == 1
    for query, answer in seen_after["search"].items():
        assert answer["status"] == 200 and answer["body"]["results"], query
