"""The one answer to "may an anonymous reader see this?", for every public surface.

A page is public when it is live and neither it nor an ancestor has a Wagtail view restriction (password, login,
groups): `PageQuerySet.live().public()`. A glossary term is public when it is live (its row holds the published
text; newer drafts live only in revisions). A document is public unless its collection, or an ancestor, has a
view restriction. Drafts, unpublished and restricted content are never named, linked or counted for readers.
"""

from django.apps import apps
from wagtail.models import Page


def public_pages(queryset=None):
    """Pages (of `queryset`, or all) an anonymous reader may see. Call it per request: `.public()` reads the
    current view restrictions when it is called."""
    return (Page.objects.all() if queryset is None else queryset).live().public()


def is_public_page(page):
    """One page, in one query (none for a page that is not live)."""
    return page is not None and page.live and not page.get_view_restrictions().exists()


def public_page_ids(ids):
    """The ids among `ids` of public pages, in one query."""
    ids = [pk for pk in ids if pk is not None]
    return set(public_pages().filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def restricted_page_q(path_field):
    """An expression for a queryset's rows: True where the page whose tree path is `path_field` (e.g.
    "evaluation__path") is under a view restriction. In the same query (no query of its own)."""
    from django.db.models import Exists, OuterRef
    from django.db.models.functions import Length, Substr
    from wagtail.models import PageViewRestriction

    outer = OuterRef(path_field)
    return Exists(PageViewRestriction.objects.filter(page__path=Substr(outer, 1, Length("page__path"))))


def public_terms():
    # From the app registry, not an import: the glossary's own models use this module.
    return apps.get_model("evidence", "GlossaryTerm").objects.filter(live=True)


def is_public_document(document):
    return document is not None and not document.collection.get_view_restrictions().exists()


def public_document_ids(ids):
    """The ids among `ids` of documents in no restricted collection, in two queries."""
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return set()
    documents = get_document_model().objects.filter(pk__in=ids)
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    hidden = Collection.objects.none()
    for path in restricted:
        hidden = hidden | Collection.objects.filter(path__startswith=path)
    return set(documents.exclude(collection__in=hidden).values_list("pk", flat=True))
