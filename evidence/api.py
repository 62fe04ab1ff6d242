"""Evidence records in the open-data API: one evaluation in full, the glossary, and the vocabulary as SKOS."""

from django.http import Http404, JsonResponse
from ninja import Router, Schema, Status

from portal.site_address import absolute_url

from .records import evaluation_record, published_evaluation, published_terms
from .skos import vocabulary_document

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
        "related": [r.slug for r in term.related_terms.all()],  # prefetched: public terms only
        "source": term.source,
    }


@router.get("/glossary", response=dict, summary="The glossary: every published term with its definition")
def glossary(request):
    terms = [_term(t, request) for t in published_terms()]
    return {"count": len(terms), "terms": terms}


@router.get(
    "/glossary/skos.jsonld",
    summary="The whole vocabulary as SKOS in JSON-LD",
    description="Concept schemes for the NHS services (with broader and narrower), each equity framework (with "
    "the crosswalk between them as skos:exactMatch and skos:closeMatch) and the published glossary "
    "(aliases as skos:altLabel).",
)
def glossary_skos(request):
    return JsonResponse(vocabulary_document(request), content_type="application/ld+json")
