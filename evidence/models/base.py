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

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        from evidence.glossary_terms import linker_for_page

        context = super().get_context(request, *args, **kwargs)
        # Lazy: pages without evidence text never load the glossary.
        context["glossary_linker"] = SimpleLazyObject(linker_for_page)
        return context


class TaxonomyMixin(models.Model):
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


class ReviewDatesMixin(models.Model):
    last_reviewed = models.DateField(null=True, blank=True, verbose_name="Page last reviewed")
    next_review = models.DateField(null=True, blank=True, verbose_name="Next review due")

    review_panels = [MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("next_review")], heading="Review")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.last_reviewed and self.next_review and self.next_review < self.last_reviewed:
            raise ValidationError({"next_review": "The next review must come after the last review."})
