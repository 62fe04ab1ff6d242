"""Evidence records in the open-data API: one evaluation in full, and the glossary (plain JSON and SKOS)."""

import datetime

from django.http import Http404, JsonResponse
from ninja import Router, Schema, Status

from portal.site_address import absolute_url

from .records import evaluation_record, published_evaluation, published_terms

router = Router(tags=["evidence"])


class ErrorOut(Schema):
    error: str


@router.get("/evaluations/{slug}", response={200: dict, 404: ErrorOut}, summary="One evaluation, in full")
def evaluation(request, slug: str):
    try:
        record = published_evaluation(slug)
    except Http404 as missing:
        return Status(404, {"error": str(missing)})
    return Status(200, evaluation_record(record, request))


def _term(term, request):
    return {
        "term": term.term,
        "slug": term.slug,
        "url": absolute_url(term.url, request),
        "definition": term.definition,
        "aliases": term.alias_list,
        "related": [r.slug for r in term.related_terms.all() if r.live],
        "source": term.source,
    }


@router.get("/glossary", response=dict, summary="The glossary: every published term with its definition")
def glossary(request):
    terms = [_term(t, request) for t in published_terms()]
    return {"count": len(terms), "terms": terms}


@router.get("/glossary/skos.jsonld", summary="The glossary as a SKOS concept scheme in JSON-LD")
def glossary_skos(request):
    scheme = absolute_url("/glossary/", request)
    concepts = []
    for term in published_terms():
        concepts.append(
            {
                "@id": absolute_url(term.url, request),
                "@type": "skos:Concept",
                "skos:prefLabel": {"@value": term.term, "@language": "en-GB"},
                "skos:altLabel": [{"@value": a, "@language": "en-GB"} for a in term.alias_list],
                "skos:definition": {"@value": term.definition, "@language": "en-GB"},
                "skos:related": [{"@id": absolute_url(r.url, request)} for r in term.related_terms.all() if r.live],
                "skos:inScheme": {"@id": scheme},
                **({"dct:source": term.source} if term.source else {}),
            }
        )
    document = {
        "@context": {"skos": "http://www.w3.org/2004/02/skos/core#", "dct": "http://purl.org/dc/terms/"},
        "@graph": [
            {
                "@id": scheme,
                "@type": "skos:ConceptScheme",
                "skos:prefLabel": {"@value": "Health inequalities glossary", "@language": "en-GB"},
                "dct:modified": datetime.date.today().isoformat(),
            },
            *concepts,
        ],
    }
    return JsonResponse(document, content_type="application/ld+json")
