"""SEARCH_* environment variables -> WAGTAILSEARCH_BACKENDS, and the check that the client fits the backend."""

import os
from importlib.metadata import version

import pytest
from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends import import_backend

from portal.settings.search import ENGINE_BACKENDS, breaker_seconds, default_engine, search_backends
from search.backends.engine import check_engine_client


def test_without_search_url_the_database_backend_answers():
    assert search_backends({}) == {"default": {"BACKEND": "wagtail.search.backends.database"}}
    assert search_backends({"SEARCH_URL": " , "})["default"]["BACKEND"] == "wagtail.search.backends.database"


def test_several_nodes_and_index_settings_come_from_the_environment():
    conf = search_backends(
        {
            "SEARCH_URL": "http://10.0.0.1:9200, http://10.0.0.2:9200,,",
            "SEARCH_BACKEND": "elasticsearch8",
            "SEARCH_INDEX_PREFIX": "region_",
            "SEARCH_SHARDS": "3",
            "SEARCH_REPLICAS": "1",
            "SEARCH_TIMEOUT": "2",
        }
    )
    default = conf["default"]
    assert default["BACKEND"] == "modelsearch.backends.elasticsearch8"
    assert default["URLS"] == ["http://10.0.0.1:9200", "http://10.0.0.2:9200"]
    assert default["INDEX_PREFIX"] == "region_"
    assert default["TIMEOUT"] == 2
    assert default["INDEX_SETTINGS"]["settings"]["index"] == {"number_of_shards": 3, "number_of_replicas": 1}
    # The database backend stays configured: searches fall back to it when the engine cannot answer.
    assert conf["database"]["BACKEND"] == "wagtail.search.backends.database"


@pytest.mark.parametrize("name", sorted(ENGINE_BACKENDS))
def test_every_documented_backend_name_is_a_real_backend(name):
    backend = search_backends({"SEARCH_URL": "http://127.0.0.1:9200", "SEARCH_BACKEND": name})["default"]["BACKEND"]
    assert import_backend(backend)  # raises ImportError for a module that does not exist


def test_an_unknown_backend_name_is_refused_with_the_choices():
    with pytest.raises(ImproperlyConfigured, match="opensearch2"):
        search_backends({"SEARCH_URL": "http://127.0.0.1:9200", "SEARCH_BACKEND": "solr"})


def test_the_default_backend_fits_the_installed_client():
    major = int(version("opensearch-py").split(".")[0])
    assert default_engine() == ("opensearch3" if major >= 3 else "opensearch2")
    conf = search_backends({"SEARCH_URL": "http://127.0.0.1:9200"})
    assert conf["default"]["BACKEND"] == ENGINE_BACKENDS[default_engine()]


def test_the_check_names_a_backend_the_installed_client_cannot_serve(settings):
    major = int(version("opensearch-py").split(".")[0])
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        {"SEARCH_URL": "http://127.0.0.1:9200", "SEARCH_BACKEND": "opensearch2"}
    )
    errors = check_engine_client()
    assert [e.id for e in errors] == (["portal_search.E001"] if major >= 3 else [])
    settings.WAGTAILSEARCH_BACKENDS = search_backends({"SEARCH_URL": "http://127.0.0.1:9200"})
    assert check_engine_client() == []


def test_the_breaker_time_comes_from_the_environment():
    from django.conf import settings

    assert breaker_seconds({}) == 30
    assert breaker_seconds({"SEARCH_BREAKER_SECONDS": "2.5"}) == 2.5
    assert breaker_seconds(os.environ) == settings.SEARCH_BREAKER_SECONDS  # the settings read it
    for bad in ("soon", "-1"):
        with pytest.raises(ImproperlyConfigured, match="SEARCH_BREAKER_SECONDS"):
            breaker_seconds({"SEARCH_BREAKER_SECONDS": bad})
