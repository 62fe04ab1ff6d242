"""CACHE_URL=db://table: the counters are kept in the database cache, shared by every process and machine."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from feedback.models import GlossarySuggestion
from portal.settings.cache import cache_from_url
from tests.security.limits import limits

pytestmark = pytest.mark.django_db


@limits(forms="2/m")
@override_settings(CACHES={"default": cache_from_url("db://portal_test_cache")})
def test_counters_in_the_database_cache(client):
    call_command("createcachetable", verbosity=0)
    codes = [client.post("/suggest-a-glossary-term/", {"term": f"W{n}"}).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert GlossarySuggestion.objects.count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_test_cache WHERE cache_key LIKE %s", ["%rl:%"])
        assert cursor.fetchone()[0] == 1  # one counter for this client and form
