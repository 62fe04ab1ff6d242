"""The demo loader refuses production settings (its accounts' password is published in the README), writing
nothing; --force-production loads the content with demo accounts that cannot sign in."""

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from evidence.management.commands.load_demo_content import DEMO_PASSWORD, DEMO_USERS, production_reason
from evidence.models import EvaluationPage, GlossaryTerm, Service
from tests.servers import copy_of_the_migrated_database

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def run_manage(database, settings_module, *args):
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DEBUG")},
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "a-production-secret-key-of-at-least-32-characters",
        "ALLOWED_HOSTS": "evidence.example.org",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environment, capture_output=True, text=True
    )


def dump(database):
    with sqlite3.connect(database) as connection:
        return list(connection.iterdump())


@pytest.mark.slow  # starts other processes
def test_under_the_real_production_settings_it_refuses_and_writes_nothing(tmp_path, django_db_setup):
    database = tmp_path / "portal.sqlite3"
    if not copy_of_the_migrated_database(database):
        migrated = run_manage(database, "portal.settings.test", "migrate", "--noinput", "-v0")
        assert migrated.returncode == 0, migrated.stderr
    before = dump(database)
    refused = run_manage(database, "portal.settings.production", "load_demo_content")
    assert refused.returncode == 1
    assert "Refusing to load demo content" in refused.stderr
    assert "the settings module is portal.settings.production" in refused.stderr
    assert "Nothing was written" in refused.stderr and "Traceback" not in refused.stderr
    assert dump(database) == before


MODELS = [get_user_model(), Service, GlossaryTerm, EvaluationPage]


def counts():
    return [model.objects.count() for model in MODELS]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("module", "debug", "demo_settings"),
    [
        ("portal.settings.production", False, False),
        ("portal.settings.base", False, False),
        ("deployment.settings", False, False),
        ("deployment.production", False, True),
    ],
)
def test_production_like_settings_are_refused_with_nothing_written(settings, module, debug, demo_settings):
    settings.DEBUG, settings.PORTAL_DEMO_SETTINGS = debug, demo_settings
    settings.SETTINGS_MODULE = module  # last: each later override would hide it (UserSettingsHolder)
    before = counts()
    with pytest.raises(CommandError, match="Refusing to load demo content"):
        call_command("load_demo_content", verbosity=0)
    assert counts() == before


@pytest.mark.parametrize(
    ("module", "debug", "demo_settings"),
    [
        ("portal.settings.dev", True, True),
        ("portal.settings.test", False, True),
        ("tools.browser.screenshot_settings", False, True),  # built on test.py
        ("my.local.settings", True, False),  # DEBUG on: production.py refuses that
    ],
)
def test_development_and_test_settings_may_load_the_demo(settings, module, debug, demo_settings):
    settings.DEBUG, settings.PORTAL_DEMO_SETTINGS = debug, demo_settings
    settings.SETTINGS_MODULE = module  # last: each later override would hide it (UserSettingsHolder)
    assert production_reason() == ""


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_forced_under_production_settings_no_account_can_sign_in_with_the_published_password(settings, client):
    settings.DEBUG = False
    settings.SETTINGS_MODULE = "portal.settings.production"
    User = get_user_model()
    User.objects.create_user("editor", password=DEMO_PASSWORD)  # loaded earlier, before this check existed
    out, err = StringIO(), StringIO()
    call_command("load_demo_content", "--force-production", stdout=out, stderr=err)
    assert EvaluationPage.objects.live().count() >= 40
    for username, *_ in DEMO_USERS:
        user = User.objects.get(username=username)
        assert not user.has_usable_password(), username
        assert not client.login(username=username, password=DEMO_PASSWORD), username
    assert User.objects.get(username="admin").is_superuser
    assert "PRODUCTION SETTINGS (--force-production)" in err.getvalue()
    assert "Demo account editor had the published password: removed." in err.getvalue()
