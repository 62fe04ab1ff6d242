"""Keep cached search data fresh: the vocabulary (labels, slugs) and the facet index generation."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from evidence.models import (
    EquityDimension,
    GlossaryTerm,
    PageEquityDimension,
    PagePlace,
    PageService,
    Place,
    Service,
)

from .vocabulary import clear_vocabulary

FACET_MODELS = {PageService, PageEquityDimension, PagePlace, GlossaryTerm, PageViewRestriction, Service}


def bump_generation(sender, instance=None, **kwargs):
    """The in-process facet index (search/backends/database.py) is rebuilt when the generation changes."""
    if sender in FACET_MODELS or isinstance(instance, Page):
        from .models import SearchGeneration

        SearchGeneration.bump()


def connect():
    from . import indexing

    indexing.connect()
    for model in (Service, EquityDimension, Place, GlossaryTerm):
        post_save.connect(clear_vocabulary, sender=model, dispatch_uid=f"search-vocab-save-{model.__name__}")
        post_delete.connect(clear_vocabulary, sender=model, dispatch_uid=f"search-vocab-delete-{model.__name__}")
    m2m_changed.connect(clear_vocabulary, sender=GlossaryTerm.related_terms.through, dispatch_uid="search-vocab-m2m")
    # The year facet offers the years of public pages only: forget them when what is public changes.
    post_save.connect(clear_vocabulary, sender=PageViewRestriction, dispatch_uid="search-vocab-restrict")
    post_delete.connect(clear_vocabulary, sender=PageViewRestriction, dispatch_uid="search-vocab-unrestrict")
    page_published.connect(clear_vocabulary, dispatch_uid="search-vocab-publish")
    page_unpublished.connect(clear_vocabulary, dispatch_uid="search-vocab-unpublish")
    post_save.connect(bump_generation, dispatch_uid="search-generation-save")
    post_delete.connect(bump_generation, dispatch_uid="search-generation-delete")
