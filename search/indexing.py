"""Keep every search index in step with what is published.

modelsearch indexes an object on post_save, which for a page runs before modelcluster writes its child rows
(taxonomy links, co-authors). So the portal re-indexes after Wagtail's own signals, when everything is
committed: publish, unpublish and move; and a summary follows its evaluation. A renamed taxonomy term changes
the searchable text of every page tagged with it, so those pages are re-indexed too.

Re-indexing never fails a publish: modelsearch logs and swallows engine errors (`catch_indexing_errors`), and the
callbacks run with `robust=True`, so anything else is logged too. `manage.py catch_up_index` repairs the engine
index after an outage.
"""

import logging

from django.db import transaction
from modelsearch.index import insert_or_update_object
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.bulk_saves import defer_search_reindex, run_at_end
from evidence.models import (
    CaseStudyPage,
    EquityDimension,
    EvaluationPage,
    Place,
    PlainLanguageSummaryPage,
    Service,
)
from register.models import RegisteredProjectPage
from resources.models import EventPage, ResourcePage

logger = logging.getLogger(__name__)
# Every page type portal search returns: re-indexed after publish, unpublish and move, with its taxonomy links.
EVIDENCE_PAGE_TYPES = (
    EvaluationPage,
    PlainLanguageSummaryPage,
    CaseStudyPage,
    ResourcePage,
    EventPage,
    RegisteredProjectPage,
)


def reindex_pages(pages):
    from .models import SearchGeneration

    if not defer_search_reindex(pages):  # a bulk load indexes each page once, at its end
        for page in pages:
            insert_or_update_object(page)
    # The text changed after the save that logged these pages: no process may keep full-text matches
    # (search/backends/database.py) made from the old text. Their facet bits are unchanged.
    if pages:
        SearchGeneration.text_changed()


def dependents(page):
    """The page and any page whose index document repeats its data (a summary repeats its evaluation's)."""
    page = page.specific
    pages = [page]
    if isinstance(page, EvaluationPage):
        pages += list(PlainLanguageSummaryPage.objects.filter(evaluation=page))
    return pages


def after_commit(run):
    """Runs `run` once the transaction commits, or, during a bulk load (core/bulk_saves.py), at the load's end with
    its pages saved, where the pages it re-indexes join those indexed once."""
    if not run_at_end(run):
        transaction.on_commit(run, robust=True)


def reindex_after_commit(instance, **kwargs):
    specific = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(specific, EVIDENCE_PAGE_TYPES):
        after_commit(lambda: reindex_pages(dependents(specific)))


def reindex_evaluation_after_commit(evaluation_id):
    """A 'What happened next' answer was approved, rejected or changed (search/signals.py): the evaluation's document
    says whether it led to a change (`search_led_to_change`), so it is indexed again once that is committed."""

    def run():
        reindex_pages(list(EvaluationPage.objects.filter(pk=evaluation_id)))

    after_commit(run)


def reindex_projects_after_commit(project_ids):
    """Registered projects closed, or handed over or back by their evaluation's publish or unpublish (search/signals.py
    `projects_changed`): indexed again once that is committed, so the engine's documents follow them too (which of
    them search finds is read from the database at each search: search/in_progress.py)."""
    ids = list(project_ids)

    def run():
        reindex_pages(list(RegisteredProjectPage.objects.filter(pk__in=ids)))

    if ids:
        after_commit(run)


def tagged_pages(lookup):
    """Evaluations and case studies matching `lookup` (on their own taxonomy links), and the summaries of such
    evaluations, ready to index."""
    pages = []
    for model in (EvaluationPage, CaseStudyPage):
        pages += list(model.get_indexed_objects().filter(**lookup).distinct())
    summary_lookup = {f"evaluation__{key}": value for key, value in lookup.items()}
    pages += list(PlainLanguageSummaryPage.get_indexed_objects().filter(**summary_lookup).distinct())
    return pages


def reindex_tagged_pages(sender, instance, created=False, **kwargs):
    if created:
        return
    relation = {Service: "page_services", EquityDimension: "page_equity_dimensions", Place: "page_places"}[sender]
    field = {Service: "service", EquityDimension: "equity_dimension", Place: "place"}[sender]
    lookup = {f"{relation}__{field}": instance}
    if sender is Service:  # renaming a service area changes the text of pages tagged with its children too
        lookup = {f"{relation}__{field}__in": [instance, *instance.children.all()]}

    def run():
        pages = tagged_pages(lookup)
        reindex_pages(pages)
        logger.info("Re-indexed %d pages after %s '%s' changed", len(pages), sender.__name__, instance)

    after_commit(run)


def reindex_after_crosswalk_change(sender, instance, action, pk_set=None, **kwargs):
    """A crosswalk match was added or removed: pages tagged with either dimension change their matched dimensions
    (search_equity_matched_ids), and the database's facet index must be rebuilt."""
    if action == "pre_clear":  # remember who was matched: after the clear nobody knows
        instance._crosswalk_cleared = _matched_ids(sender, instance)
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    ids = {instance.pk, *(pk_set or ()), *getattr(instance, "_crosswalk_cleared", ())}

    def run():
        from .models import SearchGeneration

        reindex_pages(tagged_pages({"page_equity_dimensions__equity_dimension__in": ids}))
        SearchGeneration.bump()

    after_commit(run)


def _matched_ids(through, dimension):
    return set(
        through.objects.filter(from_equitydimension_id=dimension.pk).values_list("to_equitydimension_id", flat=True)
    )


def reindex_after_restriction(sender, instance, **kwargs):
    """A view restriction hides or shows a section: summaries of evaluations in it gain or lose their evaluation's
    year, method and tags (PlainLanguageSummaryPage.public_evaluation)."""
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path is None:  # the restricted page itself is being deleted
        return

    def run():
        summaries = PlainLanguageSummaryPage.get_indexed_objects().filter(evaluation__path__startswith=path)
        reindex_pages(list(summaries))

    after_commit(run)


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (page_published, page_unpublished, page_slug_changed):
        signal.connect(reindex_after_commit, dispatch_uid=f"portal-reindex-{signal}")
    post_page_move.connect(reindex_after_commit, dispatch_uid="portal-reindex-move")
    for model in (Service, EquityDimension, Place):
        post_save.connect(reindex_tagged_pages, sender=model, dispatch_uid=f"portal-reindex-{model.__name__}")
    post_save.connect(reindex_after_restriction, sender=PageViewRestriction, dispatch_uid="portal-reindex-restrict")
    for field in (EquityDimension.exact_matches, EquityDimension.close_matches):
        m2m_changed.connect(
            reindex_after_crosswalk_change, sender=field.through, dispatch_uid=f"portal-reindex-{field.field.name}"
        )
    post_delete.connect(reindex_after_restriction, sender=PageViewRestriction, dispatch_uid="portal-reindex-open")
