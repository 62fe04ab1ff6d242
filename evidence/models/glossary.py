"""The shared glossary: terms co-authored with public advisers, linked automatically in evidence text."""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from .base import BasePage

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

    def __str__(self):
        return self.term

    @property
    def revisions(self):
        return self._revisions

    @property
    def alias_list(self):
        return split_aliases(self.aliases)

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
        self._check_aliases_unique()

    def _check_aliases_unique(self):
        names = [self.term, *self.alias_list]
        lowered = {name.lower() for name in names}
        clashes = []
        for other in GlossaryTerm.objects.exclude(pk=self.pk).only("term", "aliases"):
            for name in [other.term, *other.alias_list]:
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
        return GlossaryTerm.objects.filter(live=True).order_by("term")

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
        term = get_object_or_404(self.terms().prefetch_related("related_terms"), slug=slug)
        related = [related for related in term.related_terms.all() if related.live]
        return self.render(
            request,
            context_overrides={"term": term, "related": related},
            template="evidence/glossary_term_page.html",
        )
