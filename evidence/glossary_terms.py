"""Loads published glossary terms for the linker: one query per page render."""

from portal.visibility import public_terms

from .glossary_links import GlossaryLinker, Term
from .models import GlossaryPage


def linkable_terms():
    """Each published entry with every name it is linked by: its term, its aliases and the label of the concept
    it explains (a service, an equity dimension or a framework), so taxonomy labels on pages link to it too."""
    base = GlossaryPage.base_url()
    entries = (
        public_terms()
        .select_related("service", "equity_dimension")
        .only("slug", "term", "definition", "aliases", "framework", "service__name", "equity_dimension__name")
    )
    return [
        Term(slug=t.slug, term=t.term, definition=t.definition, url=f"{base}{t.slug}/", aliases=tuple(t.names[1:]))
        for t in entries
    ]


def linker_for_page():
    return GlossaryLinker(linkable_terms())
