"""Template filters for what anonymous readers may see (portal/visibility.py)."""

from django import template

from portal.visibility import is_public_document

register = template.Library()


@register.filter
def public_document(document):
    """The document, or None if it is in a restricted collection (its address would name it, for a password
    form or a sign-in page)."""
    return document if is_public_document(document) else None
