"""The shared glossary: terms co-authored with public advisers, linked automatically in evidence text."""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from core.models import BasePage
from portal.visibility import public_terms

from .taxonomy import Framework

MAX_DEFINITION_WORDS = 40
GLOSSARY_URL_CACHE_KEY = "evidence:glossary-base-url"


def split_aliases(text):
    """Aliases are typed one per line (commas also accepted); blanks and duplicates dropped, order kept."""
    seen, aliases = set(), []
    for alias in re.split(r"[\n,]", text or ""):
        alias = " ".join(alias.split())
        if alias and alias.lower() not in seen:
            seen.add(alias.lower())
            aliases.append(alias)
    return aliases


class GlossaryTerm(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel
):
    term = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="The term's web address: /glossary/<slug>/.")
    definition = models.TextField(
        help_text=f"A short plain definition a 12-year-old can read: no more than {MAX_DEFINITION_WORDS} words."
    )
    explanation = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    aliases = models.TextField(
        blank=True,
        help_text="Other words for the same thing, one per line (plurals, abbreviations). They are linked too.",
    )
    related_terms = ParentalManyToManyField("self", blank=True, symmetrical=False, related_name="+")
    source = models.CharField(max_length=300, blank=True, help_text="Where the definition comes from.")
    # The concept this entry explains: its definition and aliases are the concept's words (SKOS definition and
    # altLabel), its page the concept's page, and the concept's own label is linked like the term.
    service = models.ForeignKey(
        "evidence.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_terms",
        help_text="If this word is the name of a service in the portal.",
    )
    equity_dimension = models.ForeignKey(
        "evidence.EquityDimension",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_terms",
        help_text="If this word is the name of an equity dimension (a group of people) in the portal.",
    )
    framework = models.CharField(
        max_length=32,
        choices=Framework.choices,
        blank=True,
        help_text="If this word is the name of an equity framework.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="glossaryterm")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="glossaryterm",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("explanation"),
        FieldPanel("aliases"),
        FieldPanel("related_terms"),
        FieldPanel("source"),
        MultiFieldPanel(
            [FieldPanel("service"), FieldPanel("equity_dimension"), FieldPanel("framework")],
            heading="What it explains",
            help_text="Choose one at most. Its name is then linked to this entry wherever readers meet it.",
        ),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("aliases", boost=2),
        index.SearchField("definition"),
        index.SearchField("explanation"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["term"]
        constraints = [
            models.CheckConstraint(
                condition=~(
                    (Q(service__isnull=False) & Q(equity_dimension__isnull=False))
                    | (Q(service__isnull=False) & ~Q(framework=""))
                    | (Q(equity_dimension__isnull=False) & ~Q(framework=""))
                ),
                name="glossary_term_explains_one_concept",
            )
        ]

    def __str__(self):
        return self.term

    @property
    def revisions(self):
        return self._revisions

    @property
    def alias_list(self):
        return split_aliases(self.aliases)

    @property
    def concept_key(self):
        """The concept this entry explains, as ("service", pk), ("equity", pk) or ("framework", value); None for
        an entry that explains none. The one key concept pages, SKOS and search use for it."""
        if self.service_id:
            return ("service", self.service_id)
        if self.equity_dimension_id:
            return ("equity", self.equity_dimension_id)
        if self.framework:
            return ("framework", self.framework)
        return None

    @property
    def concept_label(self):
        """The name of the service, equity dimension or framework this entry explains ("" for none)."""
        if self.service_id:
            return self.service.name
        if self.equity_dimension_id:
            return self.equity_dimension.name
        return self.get_framework_display() if self.framework else ""

    @property
    def names(self):
        """Every name the linker links to this entry: the term, its aliases and the concept's own label."""
        names, seen = [], set()
        for name in (self.term, *self.alias_list, self.concept_label):
            if name and name.lower() not in seen:
                seen.add(name.lower())
                names.append(name)
        return names

    @property
    def first_letter(self):
        return self.term[:1].upper()

    def get_url(self, request=None):
        return f"{GlossaryPage.base_url()}{self.slug}/"

    url = property(get_url)

    def clean(self):
        super().clean()
        definition = " ".join((self.definition or "").split())
        if not definition:
            raise ValidationError({"definition": "Write a short definition: readers see it wherever the term appears."})
        words = len(definition.split())
        if words > MAX_DEFINITION_WORDS:
            raise ValidationError(
                {"definition": f"Keep the definition to {MAX_DEFINITION_WORDS} words or fewer (it has {words})."}
            )
        self.definition = definition
        self._check_one_concept()
        self._check_names_unique()

    def _check_one_concept(self):
        pointers = {
            "service_id": self.service_id,
            "equity_dimension_id": self.equity_dimension_id,
            "framework": self.framework,
        }
        chosen = {column: value for column, value in pointers.items() if value}
        fields = [column.removesuffix("_id") for column in chosen]
        if len(chosen) > 1:
            raise ValidationError(dict.fromkeys(fields, "An entry explains one thing: choose only one of these."))
        if chosen:
            other = GlossaryTerm.objects.exclude(pk=self.pk).filter(**chosen).only("term").first()
            if other:
                message = f"“{other.term}” already explains this. Each has one glossary entry."
                raise ValidationError({fields[0]: message})

    def _check_names_unique(self):
        lowered = {name.lower() for name in self.names}
        clashes = []
        others = GlossaryTerm.objects.exclude(pk=self.pk).select_related("service", "equity_dimension")
        for other in others.only("term", "aliases", "framework", "service__name", "equity_dimension__name"):
            for name in other.names:
                if name.lower() in lowered:
                    clashes.append(f"“{name}” is already used by “{other.term}”")
        if clashes:
            raise ValidationError({"aliases": "Each word can explain only one term: " + "; ".join(clashes) + "."})

    def get_preview_template(self, request, mode_name):
        return "evidence/glossary_term_page.html"

    def get_preview_context(self, request, mode_name):
        return {"term": self, "page": GlossaryPage.objects.live().first(), "preview": True}


class GlossaryPage(RoutablePageMixin, BasePage):
    """/glossary/: the A–Z list, and each published term at /glossary/<slug>/."""

    introduction = models.TextField(blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    @classmethod
    def forget_base_url(cls, **kwargs):
        """Signal receiver (evidence/apps.py): any page published, unpublished, moved or renamed, since moving or
        renaming an ancestor moves the glossary too. Forgetting costs one query on the next read."""
        cache.delete(GLOSSARY_URL_CACHE_KEY)

    @classmethod
    def base_url(cls):
        """Where term pages live (normally /glossary/); cached, and forgotten when a page is published,
        unpublished, moved or renamed (forget_base_url)."""

        def lookup():
            page = cls.objects.live().only("url_path").first()
            return page.url if page and page.url else "/glossary/"

        return cache.get_or_set(GLOSSARY_URL_CACHE_KEY, lookup, 3600)

    def terms(self):
        return public_terms().order_by("term")

    def get_sitemap_urls(self, request=None):
        """The A–Z page and every published term's own page."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for slug, published in self.terms().values_list("slug", "last_published_at"):
            urls.append({"location": f"{base}{slug}/", "lastmod": published})
        return urls

    @path("")
    def index_route(self, request):
        terms = list(self.terms())
        letters = {}
        for term in terms:
            letters.setdefault(term.first_letter, []).append(term)
        return self.render(
            request,
            context_overrides={"letters": letters, "alphabet": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
            template="evidence/glossary_page.html",
        )

    @path("<slug:slug>/", name="term")
    def term_route(self, request, slug):
        terms = self.terms().select_related("service__parent", "equity_dimension").prefetch_related("related_terms")
        term = get_object_or_404(terms, slug=slug)
        related = [related for related in term.related_terms.all() if related.live]
        return self.render(
            request,
            context_overrides={"term": term, "related": related},
            template="evidence/glossary_term_page.html",
        )
