"""What pages tagged with the three taxonomies (taxonomy.py) share: chooser panels, the prefetches that keep a
listing's queries constant, and the fields an engine indexes for facets."""

from django.db import models
from django.db.models import ExpressionWrapper, Q
from wagtail.admin.panels import MultipleChooserPanel
from wagtail.search import index

# Prefetches that let a listing of taxonomy-tagged pages render in a fixed number of queries.
TAXONOMY_PREFETCH = (
    "page_services__service__parent",
    "page_equity_dimensions__equity_dimension",
    "page_places__place",
)


# For the search index only: each tagged dimension's crosswalk matches (search_equity_matched_ids).
CROSSWALK_PREFETCH = (
    "page_equity_dimensions__equity_dimension__exact_matches",
    "page_equity_dimensions__equity_dimension__close_matches",
)


class TaxonomySearchMixin(models.Model):
    """Search index fields for an engine (OpenSearch/Elasticsearch); the database backend counts facets in SQL.

    An abstract model, so modelsearch names each field once for every page type (`evidence_taxonomysearchmixin__
    search_year_filter`): one column per facet and one date to sort on, whatever the type. Page types say what
    differs through `taxonomy_page()` (whose taxonomy applies: the page itself, or a summary's evaluation),
    `evidence_date()` and `evidence_method()`.
    """

    taxonomy_prefetch = (*TAXONOMY_PREFETCH, *CROSSWALK_PREFETCH)  # what get_indexed_objects() prefetches
    doc_type = ""  # each page type's type in search: "evaluation", "summary", "case-study"

    class Meta:
        abstract = True

    def taxonomy_page(self):
        return self

    def evidence_date(self):
        """When the evidence was completed (or the story told), or None."""
        return None

    def evidence_method(self):
        return None

    def search_doc_type(self):
        return self.doc_type

    def search_date(self):
        return self.evidence_date()

    def search_year(self):
        date = self.evidence_date()
        return date.year if date else None

    def search_method(self):
        return self.evidence_method()

    def search_led_to_change(self):
        """ "yes" for an evaluation with an approved 'What happened next' answer saying something changed (the
        "Led to a change" facet, search/facets.py); None otherwise. Read from get_indexed_objects()' annotation when
        there is one (no query per page in update_index)."""
        if self.doc_type != "evaluation":
            return None
        acted_on = getattr(self, "search_acted_on", None)
        if acted_on is None:
            from outcomes.acted_on import acted_on_evaluation_ids

            acted_on = acted_on_evaluation_ids().filter(evaluation_id=self.pk).exists()
        return "yes" if acted_on else None

    def _links(self, relation):
        page = self.taxonomy_page()
        return list(getattr(page, relation).all()) if page is not None else []

    def search_service_ids(self):
        return [link.service_id for link in self._links("page_services")]

    def search_service_rollup(self):
        """Services with their parents: a parent's facet counts every document tagged with any of its children."""
        ids = set()
        for link in self._links("page_services"):
            ids.add(link.service_id)
            if link.service.parent_id:
                ids.add(link.service.parent_id)
        return sorted(ids)

    def search_equity_ids(self):
        return [link.equity_dimension_id for link in self._links("page_equity_dimensions")]

    def search_equity_matched_ids(self):
        """The dimensions tagged, and every dimension the crosswalk matches with them (evidence/crosswalk.py): what
        search counts and filters on with "include matching groups from other frameworks" on (the default)."""
        ids = set()
        for link in self._links("page_equity_dimensions"):
            dimension = link.equity_dimension
            ids.add(dimension.pk)
            ids.update(match.pk for match in dimension.exact_matches.all())
            ids.update(match.pk for match in dimension.close_matches.all())
        return sorted(ids)

    def search_place_ids(self):
        return [link.place_id for link in self._links("page_places")]

    def search_taxonomy_text(self):
        names = [link.service.name for link in self._links("page_services")]
        names += [link.equity_dimension.name for link in self._links("page_equity_dimensions")]
        names += [link.place.name for link in self._links("page_places")]
        return " ".join(names)

    @classmethod
    def get_indexed_objects(cls):
        objects = super().get_indexed_objects().prefetch_related(*cls.taxonomy_prefetch)
        if cls.doc_type == "evaluation":
            from outcomes.acted_on import acted_on_evaluation_ids

            acted_on = ExpressionWrapper(Q(pk__in=acted_on_evaluation_ids()), output_field=models.BooleanField())
            objects = objects.annotate(search_acted_on=acted_on)
        return objects


class TaxonomyMixin(TaxonomySearchMixin):
    """Adds the three taxonomies (through-models in taxonomy.py) with chooser panels."""

    taxonomy_panels = [
        MultipleChooserPanel("page_services", chooser_field_name="service", label="Services", min_num=1),
        MultipleChooserPanel(
            "page_equity_dimensions", chooser_field_name="equity_dimension", label="Equity dimensions", min_num=1
        ),
        MultipleChooserPanel("page_places", chooser_field_name="place", label="Places"),
    ]

    class Meta:
        abstract = True

    # These read the prefetched rows (TAXONOMY_PREFETCH) so templates never query per item.
    @property
    def services(self):
        return [link.service for link in self.page_services.all()]

    @property
    def equity_dimensions(self):
        return [link.equity_dimension for link in self.page_equity_dimensions.all()]

    @property
    def places(self):
        return [link.place for link in self.page_places.all()]


def taxonomy_search_fields():
    """Search fields of every page type that search facets over (see TaxonomySearchMixin)."""
    return [
        index.SearchField("search_taxonomy_text"),
        index.FilterField("search_doc_type"),
        index.FilterField("search_service_ids"),
        index.FilterField("search_service_rollup"),
        index.FilterField("search_equity_ids"),
        index.FilterField("search_equity_matched_ids"),
        index.FilterField("search_place_ids"),
        index.FilterField("search_year"),
        index.FilterField("search_method"),
        index.FilterField("search_date"),
        index.FilterField("search_led_to_change"),
    ]
