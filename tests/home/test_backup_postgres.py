"""manage.py backup and restore on PostgreSQL (tools/test/matrix.sh postgres runs this folder there): the dump of
the test database is restored by the command into a second, empty database, table for table. The full round trip
on a populated portal is tests/backups/test_round_trip.py (SQLite)."""

import io
import json
import os
import subprocess
import sys
import tarfile

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (DATABASE_URL=postgres://…)"),
]


def row_counts(conninfo):
    with psycopg.connect(**conninfo) as conn:
        tables = [row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


@pytest.fixture
def empty_database():
    """A second database on the same server, dropped afterwards."""
    params = connection.get_connection_params()
    admin = {key: params[key] for key in ("host", "port", "user", "password") if params.get(key)}
    name = f"{connection.settings_dict['NAME']}_restore"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield {**admin, "dbname": name}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow  # starts other processes
def test_a_postgres_backup_restores_into_an_empty_database(tmp_path, empty_database):
    call_command("backup", "--output-dir", str(tmp_path), "--skip-media", stdout=io.StringIO())
    [archive] = tmp_path.glob("backup-*.tar.gz")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database_vendor"] == "postgresql"
    assert [entry["path"] for entry in manifest["files"]] == ["database/portal.dump"]

    source = {**empty_database, "dbname": connection.settings_dict["NAME"]}
    url = "postgres://{user}:{password}@{host}:{port}/{dbname}".format(**{"port": 5432, **empty_database})
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SEARCH_", "PYTEST"))}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL=url)
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), "--skip-media"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    before, after = row_counts(source), row_counts(empty_database)
    assert before["wagtailcore_page"] > 0
    index_tables = {"wagtailsearch_indexentry"}  # rebuilt by update_index
    assert {t: n for t, n in after.items() if t not in index_tables} == {
        t: n for t, n in before.items() if t not in index_tables
    }
