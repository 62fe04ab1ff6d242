"""The feedback admin renders with production's static files storage (a manifest after collectstatic): a static
path that no installed app provides (django.contrib.admin's yes/no icons) is a 500 there and a 404 under
`make run`."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from tests.feedback import test_admin

admin_urls = test_admin.admin_urls
submissions = test_admin.submissions  # the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "portal.storage.StaticFilesStorage"}}
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", "--noinput", "--verbosity", "0")
    return {"STATIC_ROOT": root, "STORAGES": storages}


@pytest.mark.parametrize("model", ["pagefeedback", "glossarysuggestion", "evaluationproposal"])
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_every_feedback_admin_page_renders_with_the_manifest_storage(
    client, editor, submissions, collected_static, model
):
    client.force_login(editor)
    with override_settings(**collected_static):
        for url in admin_urls(model, submissions[model][0].pk):
            response = client.get(url)
            assert response.status_code == 200, url
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"admin/img/" not in body, url
