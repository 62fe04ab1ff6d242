"""Loads published glossary terms for the linker: one query per page render."""

from .glossary_links import GlossaryLinker, Term
from .models import GlossaryPage, GlossaryTerm


def published_terms():
    base = GlossaryPage.base_url()
    return [
        Term(slug=t.slug, term=t.term, definition=t.definition, url=f"{base}{t.slug}/", aliases=tuple(t.alias_list))
        for t in GlossaryTerm.objects.filter(live=True).only("slug", "term", "definition", "aliases")
    ]


def linker_for_page():
    return GlossaryLinker(published_terms())
