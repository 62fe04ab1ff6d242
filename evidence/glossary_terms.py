"""Loads published glossary terms for the linker: one query per page render (none for a reader's page when this
process already read them in the same content generation)."""

from core.generation import request_generation
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


_terms_by_generation = {}


def linker_for_page():
    """A new linker per page (it remembers what it linked); for a reader's page the terms come from this process's
    memo for the request's content generation, which any glossary, taxonomy or glossary-page change raises."""
    generation = request_generation.get()
    if generation is None:
        return GlossaryLinker(linkable_terms())
    terms = _terms_by_generation.get(generation)
    if terms is None:
        terms = tuple(linkable_terms())  # one tuple per generation: its linked texts are remembered under it
        _terms_by_generation.clear()
        _terms_by_generation[generation] = terms
    return GlossaryLinker(terms)
