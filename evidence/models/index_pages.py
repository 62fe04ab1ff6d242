"""Listing pages: /evaluations/, /summaries/ and /case-studies/ (newest first, paginated)."""

import copy

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import models
from django.db.models import Exists, OuterRef
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.models import BasePage
from core.pagination import paginate
from core.reader_memo import per_generation, public

from .taxonomy_pages import TAXONOMY_PREFETCH

MAX_CHILDREN = 256  # routed pages remembered per listing and generation (a few MB at most)


class OrderedByOwnColumns:
    """A listing ordered by its own table's columns: the ids of one slice come from that table alone (its index on
    the ordering column gives the order; the page-tree filters are a correlated EXISTS, looked up by primary key
    for the rows read) as a subquery of the one query that loads those pages. Joining the page tree to order
    makes SQLite scan and sort every live page (~21 ms at 10,000 evaluations); this reads the first page's 12
    index entries at any size (a deep page still reads the entries before it: OFFSET).

    Only what Paginator uses: count() and slicing."""

    def __init__(self, model, visible, ordering, load):
        self.ids = model.objects.filter(Exists(visible.filter(pk=OuterRef("pk")))).order_by(*ordering)
        self.ordering, self.load = ordering, load

    def count(self):
        return self.ids.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return list(self.query_for(index))

    def query_for(self, index):
        """The query that loads one slice: the slice of ids is a subquery (ORDER BY ... LIMIT inside IN)."""
        return self.load(self.ids.values("pk")[index]).order_by(*self.ordering)


class ListingPage(BasePage):
    introduction = models.TextField(blank=True)
    per_page = 12

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    # What a child page shows on every view, joined in the routing query (no query of its own later).
    child_select_related = ()

    class Meta:
        abstract = True

    def listing(self):
        raise NotImplementedError

    def route(self, request, path_components):
        """Children are of the one type in subpage_types: load the specific child in one query, not Wagtail's two
        (the base page, then its specific row). Anything else falls back to Wagtail's own routing."""
        if not path_components:
            return super().route(request, path_components)
        subpage = self.child(path_components[0])
        if subpage is None:
            return super().route(request, path_components)
        subpage._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return subpage.route(request, path_components[1:])

    def child(self, slug):
        """The specific child with this slug (live or not: its own route() answers for that), or None. For a reader,
        from this process's memo for the content generation, as the site root's children are (core/reader_memo.py):
        loading a page costs more than the rest of routing to it. A copy, since the request sets attributes on it."""
        children = per_generation(("listing_children", self.pk), dict)
        held = children.get(slug)
        if held is None:
            model = apps.get_model(self.subpage_types[0])
            held = model.objects.child_of(self).select_related(*self.child_select_related).filter(slug=slug).first()
            if held is None:
                return None
            if len(children) >= MAX_CHILDREN:
                children.clear()  # bounded: a crawl of every page starts again rather than growing
            children[slug] = held
        return copy.copy(held)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.listing()
        context["items"], context["page_notice"] = paginate(request, items, self.per_page, self.count(request, items))
        return context

    def count(self, request, items):
        """How many items, counted once per content generation (home/content_generation.py): only a publish,
        unpublish, move or restriction changes it, and each raises the generation. A COUNT over every live child
        is the one query here that grows with the corpus (~15 ms at 10,000 evaluations on SQLite)."""
        generation = getattr(request, "content_generation", None)  # set by portal/page_cache.py for readers
        if generation is None:
            return None
        cache = caches[settings.PAGE_CACHE_ALIAS]
        return cache.get_or_set(f"listing-count:{self.pk}:{generation}", items.count, settings.PAGE_CACHE_SECONDS)


class EvaluationIndexPage(ListingPage):
    subpage_types = ["evidence.EvaluationPage"]

    class Meta:
        verbose_name = "evaluations index"

    def listing(self):
        from .evaluation import EvaluationPage

        return OrderedByOwnColumns(
            EvaluationPage,
            public(Page.objects.child_of(self)),
            ("-completed", "-pk"),
            lambda ids: (
                EvaluationPage.objects.filter(pk__in=ids)
                .select_related("plain_summary")
                .prefetch_related(*TAXONOMY_PREFETCH)
            ),
        )


class SummaryIndexPage(ListingPage):
    subpage_types = ["evidence.PlainLanguageSummaryPage"]
    child_select_related = ("evaluation",)  # named, linked and cited on the summary

    class Meta:
        verbose_name = "summaries index"

    def listing(self):
        from .summary import PlainLanguageSummaryPage

        # Newest first published first: the summary's own copy of first_published_at (see own_columns.OwnColumnCopy).
        return OrderedByOwnColumns(
            PlainLanguageSummaryPage,
            public(Page.objects.child_of(self)),
            ("-first_published_copy", "-pk"),
            lambda ids: PlainLanguageSummaryPage.objects.filter(pk__in=ids).select_related("evaluation"),
        )


class CaseStudyIndexPage(ListingPage):
    subpage_types = ["evidence.CaseStudyPage"]
    child_select_related = ("lead_image",)  # its Open Graph image

    class Meta:
        verbose_name = "case studies index"
        verbose_name_plural = "case studies indexes"

    def listing(self):
        from .case_study import CaseStudyPage

        return OrderedByOwnColumns(
            CaseStudyPage,
            public(Page.objects.child_of(self)),
            ("-date", "-pk"),
            lambda ids: (
                CaseStudyPage.objects.filter(pk__in=ids)
                .select_related("lead_image")
                .prefetch_related("lead_image__renditions", *TAXONOMY_PREFETCH)
            ),
        )
