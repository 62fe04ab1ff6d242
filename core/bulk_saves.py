"""Many saves, each object indexed once: `indexed_once()` wraps a bulk load (the demo loaders).

A page is saved three or four times as it is created, revised and published, and every save asks Wagtail to
rebuild its reference-index rows (once more for each child row, which climbs to its page) and modelsearch to
re-index it; the portal re-indexes it again after publishing (search/indexing.py). Loading the demo made about
2,000 reference-index updates and 1,500 search-index updates for some 400 objects: over half the load's time.
Inside `indexed_once()` both wait, and at the end of the block each saved object is indexed once (in bulk), from the
database, as the per-save handlers would have left it. Decision record: docs/decisions/0008-indexed-once.md.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

logger = logging.getLogger(__name__)
_state = threading.local()


class Pending:
    """What the block saved: {model: {pk}} for the search index and for the reference index."""

    def __init__(self):
        self.search = {}
        self.references = {}
        self.at_end = []  # after-commit work asked for by saves in the block (search/indexing.py)

    def add(self, bucket, instance):
        bucket.setdefault(type(instance), set()).add(instance.pk)


def defer_search_reindex(instances):
    """True when a bulk load is running: the search index is brought up to date at its end instead."""
    pending = getattr(_state, "pending", None)
    if pending is None:
        return False
    for instance in instances:
        pending.add(pending.search, instance)
    return True


def run_at_end(callback):
    """True when a bulk load is running: `callback` runs at its end, before the objects are indexed."""
    pending = getattr(_state, "pending", None)
    if pending is None:
        return False
    pending.at_end.append(callback)
    return True


def _reference_owner(instance):
    """The object whose reference-index rows cover this one: a child row's page or snippet (as Wagtail's task)."""
    while True:
        keys = [field for field in instance._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
        if instance is None:
            return None


def _remember(sender, instance, raw=False, **kwargs):
    pending = getattr(_state, "pending", None)
    if pending is None or raw:
        return
    if sender in _state.searched:
        pending.add(pending.search, instance)
    if ReferenceIndex.is_indexed(sender) or any(isinstance(f, ParentalKey) for f in sender._meta.get_fields()):
        owner = _reference_owner(instance)
        if owner is not None and ReferenceIndex.is_indexed(owner._meta.model):
            pending.add(pending.references, owner)


def _searched_models():
    return [model for model in search_index.get_indexed_models() if getattr(model, "search_auto_update", True)]


@contextmanager
def indexed_once():
    """Saves inside the block are indexed (reference index, search index) once each, when the block ends."""
    if getattr(_state, "pending", None) is not None:  # nested: the outer block indexes
        yield
        return
    searched = _searched_models()
    for model in searched:
        if not post_save.disconnect(post_save_signal_handler, sender=model):
            for earlier in searched[: searched.index(model)]:
                post_save.connect(post_save_signal_handler, sender=earlier)
            raise RuntimeError(
                f"modelsearch no longer indexes {model.__name__} through post_save_signal_handler: "
                "core/bulk_saves.py must follow it (docs/decisions/0008-indexed-once.md)"
            )
    _state.pending, _state.searched = Pending(), set(searched)
    post_save.connect(_remember, weak=False, dispatch_uid="core.bulk_saves")
    try:
        with disable_reference_index_auto_update():
            yield
        pending = _state.pending
        for callback in pending.at_end:  # still collecting: what they re-index joins the objects indexed once
            try:
                callback()
            except Exception:
                logger.exception("after-commit work of a bulk load failed")  # as on_commit(robust=True)
    finally:
        post_save.disconnect(dispatch_uid="core.bulk_saves")
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
        _state.pending = _state.searched = None
    _index(pending)


def _index(pending):
    with transaction.atomic():
        for model, pks in pending.references.items():
            for instance in model._default_manager.filter(pk__in=pks):
                ReferenceIndex.create_or_update_for_object(instance)
    _index_search(pending.search)


def _index_search(saved):
    """Each saved object indexed once, in one bulk request per model and backend, as `update_index` indexes: what
    modelsearch's insert_or_update_object does per object (its most specific instance, only if still among the
    model's indexed objects, an engine's error logged rather than raised), for many at a time."""
    by_class = {}
    for model, pks in saved.items():
        for instance in model._default_manager.filter(pk__in=pks):
            indexed = instance.get_indexed_instance()  # a page's specific instance
            if indexed is not None:
                by_class.setdefault(type(indexed), set()).add(indexed.pk)
    for model, pks in by_class.items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        if not objects:
            continue
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(model, objects)
            except Exception:
                logger.exception(
                    "Exception raised while adding %d %s into the '%s' search backend",
                    len(objects),
                    model.__name__,
                    name,
                )
                if not backend.catch_indexing_errors:
                    raise
