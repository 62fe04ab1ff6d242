"""Choose the search backend: the database always works; an engine (OpenSearch/Elasticsearch) when configured."""


def select_backend(vocabulary):
    from .database import DatabaseSearch

    return DatabaseSearch(vocabulary)
