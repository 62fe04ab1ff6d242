"""Keep cached search data fresh: the vocabulary (labels, slugs) and the in-process facet index.

Both follow the search signature (generation and change log, search/request_signature.py), read once per web
request: every change below raises it, so every process sees it on its next request.

Only changes that alter public answers reach the facet index (docs/decisions/0004-facet-index.md):

- a page or glossary term saved in full (publish, unpublish, a loader's or a test's save) or deleted while live:
  a change-log entry, applied by every process to that document's bits alone;
- a taxonomy term, crosswalk match or view restriction saved or deleted, or a page moved: a generation bump,
  a full rebuild in every process;
- a registered project closed (a queryset update: register/answers.py calls `projects_changed`), or handed over or
  back by its evaluation's publish, unpublish or deletion: a change-log entry for each project, which is in search
  only while under way (search/in_progress.py), and a re-index after commit for the engine.

A draft save (`save_revision`, which saves only bookkeeping fields) changes nothing. Every receiver is connected
with `sender=`, so models the index does not read keep Django's fast delete.
"""

from django.core.signals import got_request_exception, request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from evidence.models import (
    EquityDimension,
    EvaluationPage,
    GlossaryTerm,
    Place,
    Service,
)
from outcomes.models import FollowUp

from . import indexing, request_signature
from .in_progress import linked_project_ids
from .models import SearchGeneration
from .vocabulary import clear_vocabulary

TAXONOMIES = (Service, EquityDimension, Place)
# Fields the facet index reads. A save limited to other fields (Wagtail's draft bookkeeping: latest_revision,
# has_unpublished_changes, draft_title, locks) changes no answer.
INDEXED_FIELDS = {
    *("live", "completed", "method", "date", "evaluation", "evaluation_id", "alias_of", "alias_of_id"),
    *("closed_at", "published_evaluation", "published_evaluation_id"),  # whether a project is under way
}
INDEXED_TERM_FIELDS = {"live", "term", "aliases", "definition", "slug"}


def _changes_answers(update_fields, fields):
    return update_fields is None or bool(fields & set(update_fields))


def page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw and _changes_answers(update_fields, INDEXED_FIELDS):
        SearchGeneration.pages_changed([instance.pk])
        request_signature.forget()


def projects_changed(project_ids):
    """Registered projects closed, handed over or back: every process re-reads them (in search only while under
    way), and the engine's documents are indexed again after commit. Call it after the change is written."""
    project_ids = list(project_ids)
    if project_ids:
        SearchGeneration.pages_changed(project_ids)
        request_signature.forget()
        indexing.reindex_projects_after_commit(project_ids)


def page_published_or_unpublished(sender, instance, **kwargs):
    # Logged again after Wagtail has written the page's taxonomy links (modelcluster saves them after post_save,
    # outside any transaction): a process that applied the post_save entry in between reads them now.
    SearchGeneration.pages_changed([instance.pk])
    request_signature.forget()
    if isinstance(instance, EvaluationPage):  # its register entries hand over (publish) or back (unpublish)
        projects_changed(linked_project_ids(instance.pk))


def evaluation_deleting(sender, instance, **kwargs):
    """Remember a live evaluation's register entries: the deletion empties their link (SET_NULL, no signal), and
    they are under way again."""
    if instance.live:
        instance._search_register_entries = linked_project_ids(instance.pk)


def page_deleted(sender, instance, **kwargs):
    if instance.live:  # a draft was never in the index
        SearchGeneration.pages_changed([instance.pk])
        request_signature.forget()
    projects_changed(getattr(instance, "_search_register_entries", ()))


def term_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw and _changes_answers(update_fields, INDEXED_TERM_FIELDS):
        SearchGeneration.terms_changed([instance.pk])
        request_signature.forget()
        clear_vocabulary()


def term_deleted(sender, instance, **kwargs):
    clear_vocabulary()
    if instance.live:
        SearchGeneration.terms_changed([instance.pk])
        request_signature.forget()


FOLLOW_UP_FIELDS = {"status", "led_to_change", "changed", "evaluation", "evaluation_id"}


def follow_up_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    """A 'What happened next' answer approved, rejected or changed: its evaluation may have led to a change or no
    longer (the "Led to a change" facet). Logged like a page change: every process re-reads that evaluation."""
    if not raw and _changes_answers(update_fields, FOLLOW_UP_FIELDS):
        SearchGeneration.pages_changed([instance.evaluation_id])
        request_signature.forget()
        indexing.reindex_evaluation_after_commit(instance.evaluation_id)  # and the engine's document


def rebuild_everywhere(sender, **kwargs):
    """Taxonomy, crosswalk, view restriction or tree position: rare, and can touch many documents at once."""
    if kwargs.get("action", "post_add") in ("post_add", "post_remove", "post_clear"):
        SearchGeneration.bump()
        request_signature.forget()


def connect():
    indexing.connect()
    # The signature is read at most once per request (the vocabulary and the facet index share it).
    request_started.connect(request_signature.request_started, dispatch_uid="search-signature-request-started")
    request_finished.connect(request_signature.request_finished, dispatch_uid="search-signature-request-finished")
    # The test client re-raises a view's exception without finishing the request: never keep its signature.
    got_request_exception.connect(request_signature.request_finished, dispatch_uid="search-signature-request-failed")
    for model in indexing.EVIDENCE_PAGE_TYPES:  # every page type portal search returns
        post_save.connect(page_saved, sender=model, dispatch_uid=f"search-page-save-{model.__name__}")
        post_delete.connect(page_deleted, sender=model, dispatch_uid=f"search-page-delete-{model.__name__}")
        for name, signal in (("publish", page_published), ("unpublish", page_unpublished)):
            uid = f"search-{name}-{model.__name__}"
            signal.connect(page_published_or_unpublished, sender=model, dispatch_uid=uid)
    pre_delete.connect(evaluation_deleting, sender=EvaluationPage, dispatch_uid="search-evaluation-deleting")
    post_save.connect(term_saved, sender=GlossaryTerm, dispatch_uid="search-term-save")
    post_save.connect(follow_up_changed, sender=FollowUp, dispatch_uid="search-follow-up-save")
    post_delete.connect(follow_up_changed, sender=FollowUp, dispatch_uid="search-follow-up-delete")
    post_delete.connect(term_deleted, sender=GlossaryTerm, dispatch_uid="search-term-delete")
    post_page_move.connect(rebuild_everywhere, dispatch_uid="search-page-move")
    for model in (*TAXONOMIES, PageViewRestriction):
        post_save.connect(rebuild_everywhere, sender=model, dispatch_uid=f"search-rebuild-save-{model.__name__}")
        post_delete.connect(rebuild_everywhere, sender=model, dispatch_uid=f"search-rebuild-delete-{model.__name__}")
    for field in (EquityDimension.exact_matches, EquityDimension.close_matches):
        m2m_changed.connect(rebuild_everywhere, sender=field.through, dispatch_uid=f"search-rebuild-{field.field.name}")

    # The vocabulary follows the signature everywhere; the process that made a change also drops its copy at once.
    for model in TAXONOMIES:
        post_save.connect(clear_vocabulary, sender=model, dispatch_uid=f"search-vocab-save-{model.__name__}")
        post_delete.connect(clear_vocabulary, sender=model, dispatch_uid=f"search-vocab-delete-{model.__name__}")
    m2m_changed.connect(clear_vocabulary, sender=GlossaryTerm.related_terms.through, dispatch_uid="search-vocab-m2m")
    post_save.connect(clear_vocabulary, sender=PageViewRestriction, dispatch_uid="search-vocab-restrict")
    post_delete.connect(clear_vocabulary, sender=PageViewRestriction, dispatch_uid="search-vocab-unrestrict")
    page_published.connect(clear_vocabulary, dispatch_uid="search-vocab-publish")
    page_unpublished.connect(clear_vocabulary, dispatch_uid="search-vocab-unpublish")
