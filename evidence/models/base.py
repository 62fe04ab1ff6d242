"""The abstract base page and small mixins shared by the evidence page types."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.models import Page
from wagtail.search import index

# Prefetches that let a listing of taxonomy-tagged pages render in a fixed number of queries.
TAXONOMY_PREFETCH = (
    "page_services__service__parent",
    "page_equity_dimensions__equity_dimension",
    "page_places__place",
)


def panels_without(panels, field_name):
    """`panels` less the one that edits `field_name`: by name, not by position, so a panel added to the list later
    (by Wagtail or here) is kept."""
    return [panel for panel in panels if getattr(panel, "field_name", None) != field_name]


class BasePage(Page):
    """Every portal page: a short plain summary used in listings, search results and metadata."""

    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One plain sentence for listings and search results (no more than 300 characters).",
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    promote_panels = [*Page.promote_panels, FieldPanel("summary")]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        from evidence.permissions import PortalPagePermissionTester

        return PortalPagePermissionTester(user, self)

    def get_url_parts(self, request=None):
        """Wagtail's (site id, root URL, path) with the site's own address (portal/site_address.py) as the root
        URL, instead of the Site record's hostname: `full_url`, the sitemap, canonical links and emails then
        name the address readers use. Only for the site being served (or the only one): another Wagtail Site's
        pages keep their own root URL."""
        parts = super().get_url_parts(request=request)
        if parts is None or parts[1] is None:
            return parts
        from portal.site_address import site_origin

        site_id, _root_url, page_path = parts
        origin = site_origin(request)
        if origin and self._is_served_site(site_id, request):
            return site_id, origin, page_path
        return parts

    def _is_served_site(self, site_id, request):
        if len({paths.site_id for paths in self._get_site_root_paths(request)}) == 1:
            return True
        from wagtail.models import Site

        site = Site.find_for_request(request) if request is not None else None
        return site is not None and site.pk == site_id

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        from evidence.glossary_terms import linker_for_page

        context = super().get_context(request, *args, **kwargs)
        # Lazy: pages without evidence text never load the glossary.
        context["glossary_linker"] = SimpleLazyObject(linker_for_page)
        return context


# For the search index only: each tagged dimension's crosswalk matches (search_equity_matched_ids).
CROSSWALK_PREFETCH = (
    "page_equity_dimensions__equity_dimension__exact_matches",
    "page_equity_dimensions__equity_dimension__close_matches",
)


class TaxonomySearchMixin:
    """Search index fields for an engine (OpenSearch/Elasticsearch); the database backend counts facets in SQL.

    `taxonomy_page()` is the page whose taxonomy applies: the page itself, or a summary's evaluation.
    """

    taxonomy_prefetch = (*TAXONOMY_PREFETCH, *CROSSWALK_PREFETCH)  # what get_indexed_objects() prefetches

    def taxonomy_page(self):
        return self

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
        return super().get_indexed_objects().prefetch_related(*cls.taxonomy_prefetch)


class TaxonomyMixin(TaxonomySearchMixin, models.Model):
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
    ]


class ReviewDatesMixin(models.Model):
    last_reviewed = models.DateField(null=True, blank=True, verbose_name="Page last reviewed")
    next_review = models.DateField(null=True, blank=True, verbose_name="Next review due")

    review_panels = [MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("next_review")], heading="Review")]

    class Meta:
        abstract = True

    @property
    def review_overdue(self):
        """True once the next review date has passed (the due date itself is not yet overdue), in local time."""
        from django.utils import timezone

        return self.next_review is not None and self.next_review < timezone.localdate()

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.last_reviewed and self.next_review and self.next_review < self.last_reviewed:
            raise ValidationError({"next_review": "The next review must come after the last review."})
