"""The content generation: one number, raised whenever anything a reader's page shows may have changed.

Every anonymous page request reads it (one primary-key query): it is part of the page cache's key and of the
ETag (portal/page_cache.py), so a page cached before a change is never served after it, by any process, from any
cache. It goes up in the same transaction as the change, so a reader who sees the new number sees the new content.

Raised by: a page published, unpublished, moved, deleted or saved in full while live; a glossary term saved (not a
draft save) or deleted; a taxonomy term or crosswalk match; a view restriction (pages, and documents through
collections); the Site and portal settings; an image or document edited; a sign-off record. A draft save
(`save_revision`: only bookkeeping fields) raises nothing.
"""

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

ROW = 1


def current():
    """(value, changed_at) in one query; (0, None) before the first change on a database without the row."""
    from .models import ContentGeneration

    row = ContentGeneration.objects.filter(pk=ROW).values_list("value", "changed_at").first()
    return row or (0, None)


def bump(**kwargs):
    from .models import ContentGeneration

    now = timezone.now()
    if not ContentGeneration.objects.filter(pk=ROW).update(value=F("value") + 1, changed_at=now):
        ContentGeneration.objects.update_or_create(pk=ROW, defaults={"value": 1, "changed_at": now})


def bump_unless_draft_save(sender, update_fields=None, raw=False, **kwargs):
    """A full save, or one that changes `live`; Wagtail's draft saves only touch bookkeeping fields."""
    if not raw and (update_fields is None or "live" in update_fields):
        bump()


def bump_unless_created(sender, created=False, **kwargs):
    """Site settings are created with their defaults the first time a page reads them: that changes no page."""
    if not created:
        bump()


def bump_on_m2m(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def connect():
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from evidence.models import EquityDimension, GlossaryTerm, Place, Service, SummarySignOff

    from .models import PortalSettings

    page_published.connect(bump, dispatch_uid="content-generation-publish")
    page_unpublished.connect(bump, dispatch_uid="content-generation-unpublish")
    post_page_move.connect(bump, dispatch_uid="content-generation-move")
    # Receivers with sender=, so every other model keeps Django's fast delete.
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in [*page_models, GlossaryTerm]:
        uid = f"content-generation-{model._meta.label}"
        post_save.connect(bump_unless_draft_save, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}-delete")
    others = (
        Service,
        EquityDimension,
        Place,
        PageViewRestriction,
        CollectionViewRestriction,
        Site,
        SummarySignOff,
        get_image_model(),
        get_document_model(),
    )
    for model in others:
        uid = f"content-generation-{model._meta.label}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(bump_unless_created, sender=PortalSettings, dispatch_uid="content-generation-settings-save")
    post_delete.connect(bump, sender=PortalSettings, dispatch_uid="content-generation-settings-delete")
    for field in (EquityDimension.exact_matches, EquityDimension.close_matches, GlossaryTerm.related_terms):
        m2m_changed.connect(bump_on_m2m, sender=field.through, dispatch_uid=f"content-generation-{field.field.name}")
