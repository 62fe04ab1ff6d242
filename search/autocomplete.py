"""Title and glossary suggestions for the search box (progressively enhanced: the form works without them).

Answered by the engine when one is configured, by the database when not or when the engine does not answer.
"""

from wagtail.models import Page

from evidence.models import CaseStudyPage, EvaluationPage, GlossaryTerm, PlainLanguageSummaryPage

from .backends import with_fallback
from .backends.database import database_backend
from .backends.engine import engine_backend, engine_configured
from .params import SearchParams

LIMIT = 8
PAGE_TYPES = (EvaluationPage, PlainLanguageSummaryPage, CaseStudyPage)


def _suggest(backend, words, request):
    terms = list(backend.autocomplete(words, GlossaryTerm.objects.filter(live=True))[:3])
    found = [{"label": t.term, "type": "glossary-term", "url": t.url} for t in terms]
    pages = Page.objects.live().public().type(*PAGE_TYPES)
    type_keys = {EvaluationPage: "evaluation", PlainLanguageSummaryPage: "summary", CaseStudyPage: "case-study"}
    for page in backend.autocomplete(words, pages)[: LIMIT - len(found)]:
        found.append(
            {"label": page.title, "type": type_keys.get(page.specific_class, "page"), "url": page.get_url(request)}
        )
    return found


def suggestions(query, request=None):
    words = SearchParams(q=query).engine_query
    if len(words) < 2:
        return []
    if not engine_configured():
        return _suggest(database_backend(), words, request)
    found, _ = with_fallback(
        lambda: _suggest(engine_backend(), words, request),
        lambda: _suggest(database_backend(), words, request),
        what="autocomplete",
    )
    return found
