"""Keep cached search vocabulary fresh."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from evidence.models import EquityDimension, GlossaryTerm, Place, Service

from .vocabulary import clear_vocabulary


def connect():
    from . import indexing

    indexing.connect()
    for model in (Service, EquityDimension, Place, GlossaryTerm):
        post_save.connect(clear_vocabulary, sender=model, dispatch_uid=f"search-vocab-save-{model.__name__}")
        post_delete.connect(clear_vocabulary, sender=model, dispatch_uid=f"search-vocab-delete-{model.__name__}")
    m2m_changed.connect(clear_vocabulary, sender=GlossaryTerm.related_terms.through, dispatch_uid="search-vocab-m2m")
