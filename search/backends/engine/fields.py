"""Column names in the engine's indexes, and the small pieces of query DSL built from them.

modelsearch names a FilterField `<field>_filter`, prefixed by `<app>_<model>__` when it is defined below the root
model (`wagtailcore.Page`). The facet fields are defined once, on the abstract `TaxonomySearchMixin`
(evidence/models/taxonomy_pages.py), so each has one column for every page type; `columns` still lists every
column a field has, and tests/engine/test_index_columns.py checks there is one.
"""

import functools

from modelsearch.index import AutocompleteField, FilterField, SearchField

from evidence.models import CaseStudyPage, EvaluationPage, PlainLanguageSummaryPage
from register.models import RegisteredProjectPage
from resources.models import EventPage, ResourcePage

# Every page type portal search returns (search/params.py TYPES; the facet fields from TaxonomySearchMixin).
PAGE_MODELS = (EvaluationPage, PlainLanguageSummaryPage, CaseStudyPage, ResourcePage, EventPage, RegisteredProjectPage)
MATCH_NONE = {"bool": {"must_not": [{"match_all": {}}]}}


def unique(values):
    return tuple(dict.fromkeys(values))


@functools.cache
def columns(mapping_class):
    """Column names in the page index: {(kind, field name): (column, ...)} over PAGE_MODELS."""
    found = {}
    for model in PAGE_MODELS:
        mapping = mapping_class(model)
        for field in model.get_search_fields():
            if isinstance(field, FilterField):
                kind = "filter"
            elif isinstance(field, AutocompleteField):
                continue
            elif isinstance(field, SearchField):
                kind = "text"
            else:
                continue
            found.setdefault((kind, field.field_name), []).append(mapping.get_field_column_name(field))
    return {key: unique(names) for key, names in found.items()}


def any_of(cols, values):
    """Documents whose column (any of `cols`) holds any of `values`."""
    if not values or not cols:
        return MATCH_NONE
    clauses = [{"terms": {col: list(values)}} for col in cols]
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}


def all_of(filters):
    return {"bool": {"filter": filters}} if filters else {"match_all": {}}


def hit_value(hit, columns):
    """The first of `columns` a hit has a doc value in (see `EngineSearch._hit_columns`), or None."""
    fields = hit.get("fields") or {}
    return next((fields[col][0] for col in columns if fields.get(col)), None)
