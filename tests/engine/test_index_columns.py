"""The facet fields are defined once, on the abstract TaxonomySearchMixin, so modelsearch gives each one column for
every evidence page type (no run-time patch of its mapping, no per-type sub-searches). Fails loudly if modelsearch
changes how it names fields defined on an abstract model, or a page type defines its own `search_*`."""

import pytest
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseMapping

from evidence.models.taxonomy_pages import TaxonomySearchMixin
from search.backends.engine.faceted import FACETS
from search.backends.engine.fields import PAGE_MODELS, columns


def test_every_facet_field_has_one_column_for_every_page_type():
    cols = columns(ElasticsearchBaseMapping)
    for field_name in [*FACETS.values(), "search_date", "search_equity_matched_ids"]:
        assert cols[("filter", field_name)] == (f"evidence_taxonomysearchmixin__{field_name}_filter",), field_name


@pytest.mark.parametrize("model", PAGE_MODELS)
def test_no_page_type_defines_its_own_search_fields(model):
    own = {name for name in vars(model) if name.startswith("search_") and name != "search_fields"}
    assert not own, f"{model.__name__} defines {own}: define evidence_date()/evidence_method() instead"
    assert issubclass(model, TaxonomySearchMixin)
    assert TaxonomySearchMixin._meta.abstract
