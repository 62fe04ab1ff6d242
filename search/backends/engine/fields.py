"""Column names in the engine's indexes, and the small pieces of query DSL built from them.

modelsearch names a FilterField `<field>_filter`, prefixed by `<app>_<model>__` when it is defined below the root
model (`wagtailcore.Page`), so one field may have a column per page type: `columns` lists them all.
"""

import functools

from django.apps import apps
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField

from evidence.models import CaseStudyPage, EvaluationPage, PlainLanguageSummaryPage

PAGE_MODELS = (EvaluationPage, PlainLanguageSummaryPage, CaseStudyPage)
MATCH_NONE = {"bool": {"must_not": [{"match_all": {}}]}}


def install_mapping_fix():
    """Name search fields defined on a plain (non-model) mixin, as modelsearch would name them on a model.

    modelsearch prefixes a field defined below the root model with the defining class's `_meta.app_label`.
    `TaxonomySearchMixin` (evidence/models/taxonomy_pages.py) is not a model, so building the mapping raised
    AttributeError, and no evidence page could be indexed in an engine. This gives such a field the prefix
    `<app label of the mixin's module>_<mixin name>__`, e.g. `evidence_taxonomysearchmixin__search_service_ids_filter`.
    That is exactly the name modelsearch gives if the mixin becomes an abstract model, so this is then a no-op.
    """
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseMapping

    original = ElasticsearchBaseMapping.get_field_column_name
    if getattr(original, "portal_mixin_fix", False):
        return

    @functools.wraps(original)
    def get_field_column_name(self, field):
        if not isinstance(field, RelatedFields):
            definition = field.get_definition_model(self.model)
            if definition is not None and not hasattr(definition, "_meta"):
                app = apps.get_containing_app_config(definition.__module__)
                if app is not None:
                    name = f"{app.label.lower()}_{definition.__name__.lower()}__{field.get_attname(self.model)}"
                    if isinstance(field, FilterField):
                        return name + "_filter"
                    if isinstance(field, AutocompleteField):
                        return name + "_edgengrams"
                    return name
        return original(self, field)

    get_field_column_name.portal_mixin_fix = True
    ElasticsearchBaseMapping.get_field_column_name = get_field_column_name


def unique(values):
    return tuple(dict.fromkeys(values))


@functools.cache
def columns(mapping_class):
    """Column names in the page index: {(kind, field name): (column, ...)} over the three evidence page types."""
    install_mapping_fix()
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


@functools.cache
def model_column(mapping_class, model, field_name):
    """The column of one model's FilterField."""
    install_mapping_fix()
    field = next(f for f in model.get_search_fields() if isinstance(f, FilterField) and f.field_name == field_name)
    return mapping_class(model).get_field_column_name(field)


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
