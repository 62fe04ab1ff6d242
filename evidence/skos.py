"""The portal's whole vocabulary as SKOS in JSON-LD: served at /api/v1/glossary/skos.jsonld (evidence/api.py).

Concept schemes: the NHS services (two levels: skos:broader / skos:narrower), one scheme per equity framework
(with the crosswalk as skos:exactMatch / skos:closeMatch between them) and the glossary (published terms only,
with their aliases as skos:altLabel). Glossary terms keep their page address as their IRI; services, equity
dimensions and the schemes have fragment IRIs in this document (`…/skos.jsonld#service-general-practice`), and
rdfs:seeAlso leads to the evidence tagged with them.

Always five queries (services, dimensions, the crosswalk, glossary terms, their related terms; and the glossary's
address until it is cached), whatever the size of the vocabulary.
"""

import datetime
from urllib.parse import urlencode

from django.db.models import Prefetch

from portal.site_address import absolute_url
from portal.visibility import public_terms

from .crosswalk import crosswalk_pairs
from .models import EquityDimension, Framework, Service

CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
LANGUAGE = "en-GB"
MATCH_PROPERTY = {"exact": "skos:exactMatch", "close": "skos:closeMatch"}


def text(value):
    return {"@value": value, "@language": LANGUAGE}


def ref(iri):
    return {"@id": iri}


def vocabulary_document(request):
    """The JSON-LD document (a dict) for `request`: every IRI on the site's own address."""
    here = absolute_url(request.path, request)
    search = absolute_url("/search/", request)

    def fragment(name):
        return f"{here}#{name}"

    def see_also(facet, slug):
        return ref(f"{search}?{urlencode({facet: slug})}")

    # The glossary first: this address served the glossary alone before, and its scheme led the graph.
    graph = [
        *_glossary(request),
        *_services(fragment, see_also),
        *_frameworks(fragment, see_also),
    ]
    return {"@context": CONTEXT, "@graph": graph}


def _scheme(iri, label, top):
    return {
        "@id": iri,
        "@type": "skos:ConceptScheme",
        "skos:prefLabel": text(label),
        "skos:hasTopConcept": [ref(t) for t in top],
        "dct:modified": datetime.date.today().isoformat(),
    }


def _concept(iri, label, definition, scheme, top=False, **more):
    return {
        "@id": iri,
        "@type": "skos:Concept",
        "skos:prefLabel": text(label),
        **({"skos:definition": text(definition)} if definition else {}),
        "skos:inScheme": ref(scheme),
        **({"skos:topConceptOf": ref(scheme)} if top else {}),
        **more,
    }


def _services(fragment, see_also):
    scheme = fragment("services")
    services = list(Service.objects.order_by("sort_order", "name"))
    iri = {s.pk: fragment(f"service-{s.slug}") for s in services}
    children = {}
    for service in services:
        children.setdefault(service.parent_id, []).append(iri[service.pk])
    concepts = []
    for service in services:
        top = service.parent_id is None
        relations = {"skos:narrower": [ref(c) for c in children.get(service.pk, [])]} if top else {}
        if not top:
            relations["skos:broader"] = ref(iri[service.parent_id])
        concepts.append(
            _concept(
                iri[service.pk],
                service.name,
                service.description,
                scheme,
                top=top,
                **relations,
                **{"rdfs:seeAlso": see_also("service", service.slug)},
            )
        )
    return [_scheme(scheme, "NHS services", children.get(None, [])), *concepts]


def _frameworks(fragment, see_also):
    dimensions = list(EquityDimension.objects.all())
    iri = {d.pk: fragment(f"equity-{d.slug}") for d in dimensions}
    matches = {}
    for source, target, kind in crosswalk_pairs():
        matches.setdefault((source, kind), []).append(ref(iri[target]))
    graph = []
    for value, label in Framework.choices:
        scheme = fragment(f"framework-{value}")
        members = [d for d in dimensions if d.framework == value]
        graph.append(_scheme(scheme, label, [iri[d.pk] for d in members]))
        for dimension in members:
            crosswalk = {
                prop: sorted(matches[(dimension.pk, kind)], key=lambda r: r["@id"])
                for kind, prop in MATCH_PROPERTY.items()
                if (dimension.pk, kind) in matches
            }
            graph.append(
                _concept(
                    iri[dimension.pk],
                    dimension.name,
                    dimension.description,
                    scheme,
                    top=True,
                    **crosswalk,
                    **{"rdfs:seeAlso": see_also("equity", dimension.slug)},
                )
            )
    return graph


def _glossary(request):
    scheme = absolute_url("/glossary/", request)
    terms = list(public_terms().prefetch_related(Prefetch("related_terms", queryset=public_terms())).order_by("term"))
    concepts = []
    for term in terms:
        iri = absolute_url(term.url, request)
        concepts.append(
            _concept(
                iri,
                term.term,
                term.definition,
                scheme,
                top=True,
                **{
                    "skos:altLabel": [text(alias) for alias in term.alias_list],
                    "skos:related": [ref(absolute_url(r.url, request)) for r in term.related_terms.all()],
                    **({"dct:source": term.source} if term.source else {}),
                },
            )
        )
    top = [c["@id"] for c in concepts]
    return [_scheme(scheme, "Health inequalities glossary", top), *concepts]
