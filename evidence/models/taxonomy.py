"""The three taxonomies evidence is described by: services, equity dimensions and places.

Pages link to them through `PageService`, `PageEquityDimension` and `PagePlace`: one through-model per
taxonomy keyed on `wagtailcore.Page`, so evaluations and case studies share one table each, and search
can count facets with one query per taxonomy.
"""

from django.db import models
from django.db.models import UniqueConstraint
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyTerm(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in web addresses and search filters.")
    description = models.CharField(max_length=255, blank=True, help_text="One plain sentence for the public.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Service(TaxonomyTerm):
    """An NHS service category; two levels (e.g. Primary care › Community pharmacy)."""

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text="Leave empty for a top-level service area.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [*TaxonomyTerm.panels, FieldPanel("parent"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "Services have two levels: choose a top-level service area."})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "A service cannot be its own parent."})


class Framework(models.TextChoices):
    PROGRESS_PLUS = "progress-plus", "PROGRESS-Plus"
    EQUALITY_ACT = "equality-act", "Equality Act 2010 protected characteristics"
    CORE20PLUS5_ADULTS = "core20plus5-adults", "Core20PLUS5 (adults)"
    CORE20PLUS5_CYP = "core20plus5-cyp", "Core20PLUS5 (children and young people)"


class EquityDimension(TaxonomyTerm):
    """A way people can be unequally served, grouped by the framework it comes from."""

    framework = models.CharField(max_length=32, choices=Framework.choices)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("framework"), *TaxonomyTerm.panels, FieldPanel("sort_order")]
    search_fields = [*TaxonomyTerm.search_fields, index.FilterField("framework")]

    class Meta:
        ordering = ["framework", "sort_order", "name"]


class Place(TaxonomyTerm):
    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local-authority", "Local authority"
        ICB = "icb", "Integrated care board"
        NEIGHBOURHOOD = "neighbourhood", "Neighbourhood or primary care network"

    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.LOCAL_AUTHORITY)

    panels = [*TaxonomyTerm.panels, FieldPanel("kind")]


class PageService(models.Model):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="page_services")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="page_links")

    panels = [FieldPanel("service")]

    class Meta:
        constraints = [UniqueConstraint(fields=["page", "service"], name="unique_page_service")]

    def __str__(self):
        return str(self.service)


class PageEquityDimension(models.Model):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="page_equity_dimensions")
    equity_dimension = models.ForeignKey(EquityDimension, on_delete=models.CASCADE, related_name="page_links")

    panels = [FieldPanel("equity_dimension")]

    class Meta:
        constraints = [UniqueConstraint(fields=["page", "equity_dimension"], name="unique_page_equity_dimension")]

    def __str__(self):
        return str(self.equity_dimension)


class PagePlace(models.Model):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="page_places")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="page_links")

    panels = [FieldPanel("place")]

    class Meta:
        constraints = [UniqueConstraint(fields=["page", "place"], name="unique_page_place")]

    def __str__(self):
        return str(self.place)
