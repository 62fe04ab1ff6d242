"""The three taxonomies evidence is described by: services, equity dimensions and places.

Pages link to them through `PageService`, `PageEquityDimension` and `PagePlace`: one through-model per
taxonomy keyed on `wagtailcore.Page`, so evaluations and case studies share one table each, and search
can count facets with one query per taxonomy.
"""

from django import forms
from django.db import models
from django.db.models import UniqueConstraint
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from core.choices import Framework
from evidence.panels import ConceptEntryPanel


class TaxonomyTerm(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in web addresses and search filters.")

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Service(TaxonomyTerm):
    """An NHS service category; two levels (e.g. Primary care › Community pharmacy).

    Services and equity dimensions are concepts: their words (plain definition, other names) are in the glossary
    entry that explains them (`GlossaryTerm.service`), edited with drafts and the glossary's approval workflow."""

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

    panels = [*TaxonomyTerm.panels, FieldPanel("parent"), FieldPanel("sort_order"), ConceptEntryPanel("service")]

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
        if self.parent_id and self.pk and self.children.exists():
            # Its services would become a third level, which facets and the gap map leave out.
            raise ValidationError(
                {"parent": "This service area has services in it. Move them to another area before giving it one."}
            )


def crosswalk_errors(dimension, exact_matches, close_matches):
    """Why these matches cannot be saved for `dimension`, as {field: message}; {} when they can.

    A crosswalk relates frameworks, so a dimension never matches itself or one of its own framework, and a pair
    is either the same (exact) or close, not both. Used by the admin form and the demo loader."""
    errors = {}
    for field, matches in (("exact_matches", exact_matches), ("close_matches", close_matches)):
        own = [m.name for m in matches if m.framework == dimension.framework or (m.pk and m.pk == dimension.pk)]
        if own:
            errors[field] = (
                f"Match only dimensions of other frameworks: {', '.join(sorted(own))} "
                f"{'is' if len(own) == 1 else 'are'} in {dimension.get_framework_display()} too."
            )
    both = sorted({m.name for m in exact_matches} & {m.name for m in close_matches})
    if both and "close_matches" not in errors:
        errors["close_matches"] = f"Choose “same as” or “close to”, not both: {', '.join(both)}."
    return errors


class EquityDimensionForm(WagtailAdminModelForm):
    """Crosswalk choices as checkboxes grouped by framework, without the dimension's own framework."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = EquityDimension.objects.exclude(pk=self.instance.pk) if self.instance.pk else None
        for name in ("exact_matches", "close_matches"):
            field = self.fields.get(name)
            if field is None:
                continue
            if others is not None:
                field.queryset = others
            own = self.instance.framework if self.instance.pk else None
            groups = {label: [] for value, label in Framework.choices if value != own}
            for dimension in field.queryset.order_by("sort_order", "name"):
                if dimension.framework != own:
                    groups[dimension.get_framework_display()].append((dimension.pk, dimension.name))
            field.choices = [(label, choices) for label, choices in groups.items() if choices]

    def clean(self):
        cleaned = super().clean()
        if "exact_matches" in cleaned and "close_matches" in cleaned and cleaned.get("framework"):
            probe = EquityDimension(pk=self.instance.pk, framework=cleaned["framework"])
            for field, message in crosswalk_errors(probe, cleaned["exact_matches"], cleaned["close_matches"]).items():
                self.add_error(field, message)
        return cleaned


class EquityDimension(TaxonomyTerm):
    """A way people can be unequally served, grouped by the framework it comes from.

    The crosswalk (SKOS exactMatch / closeMatch) relates dimensions of different frameworks. Both relations are
    symmetrical: marking Sex (Equality Act) the same as Gender and sex (PROGRESS-Plus) marks it both ways.
    `evidence/crosswalk.py` reads them; docs/crosswalk.md explains the demo crosswalk."""

    framework = models.CharField(max_length=32, choices=Framework.choices)
    sort_order = models.PositiveSmallIntegerField(default=0)
    exact_matches = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        verbose_name="Same as (in other frameworks)",
        help_text="Dimensions of other frameworks that mean the same group of people (SKOS exactMatch).",
    )
    close_matches = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        verbose_name="Close to (in other frameworks)",
        help_text="Dimensions of other frameworks that overlap a lot but are not the same (SKOS closeMatch).",
    )

    base_form_class = EquityDimensionForm
    panels = [
        FieldPanel("framework"),
        *TaxonomyTerm.panels,
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [
                FieldPanel("exact_matches", widget=forms.CheckboxSelectMultiple),
                FieldPanel("close_matches", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Crosswalk to other frameworks",
        ),
        ConceptEntryPanel("equity_dimension"),
    ]
    search_fields = [*TaxonomyTerm.search_fields, index.FilterField("framework")]

    class Meta:
        ordering = ["framework", "sort_order", "name"]


class Place(TaxonomyTerm):
    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local-authority", "Local authority"
        ICB = "icb", "Integrated care board"
        NEIGHBOURHOOD = "neighbourhood", "Neighbourhood or primary care network"

    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.LOCAL_AUTHORITY)
    description = models.CharField(max_length=255, blank=True, help_text="One plain sentence for the public.")

    panels = [*TaxonomyTerm.panels, FieldPanel("description"), FieldPanel("kind")]


class JoinedTermManager(models.Manager):
    """A page's taxonomy links come with their term (and a service's area) in the same query: TAXONOMY_PREFETCH
    then costs one query per taxonomy instead of two or three (prefetching skips what a join already filled).
    `joined` is a class attribute: Django builds related managers from the class, without arguments."""

    joined = ()

    def get_queryset(self):
        return super().get_queryset().select_related(*self.joined)


def joined_manager(*joined):
    return type("JoinedTermManager", (JoinedTermManager,), {"joined": joined})()


class PageService(models.Model):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="page_services")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="page_links")

    objects = joined_manager("service__parent")

    panels = [FieldPanel("service")]

    class Meta:
        constraints = [UniqueConstraint(fields=["page", "service"], name="unique_page_service")]

    def __str__(self):
        return str(self.service)


class PageEquityDimension(models.Model):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="page_equity_dimensions")
    equity_dimension = models.ForeignKey(EquityDimension, on_delete=models.CASCADE, related_name="page_links")

    objects = joined_manager("equity_dimension")

    panels = [FieldPanel("equity_dimension")]

    class Meta:
        constraints = [UniqueConstraint(fields=["page", "equity_dimension"], name="unique_page_equity_dimension")]

    def __str__(self):
        return str(self.equity_dimension)


class PagePlace(models.Model):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="page_places")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="page_links")

    objects = joined_manager("place")

    panels = [FieldPanel("place")]

    class Meta:
        constraints = [UniqueConstraint(fields=["page", "place"], name="unique_page_place")]

    def __str__(self):
        return str(self.place)
