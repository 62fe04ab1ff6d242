"""The portal's whole vocabulary as SKOS in JSON-LD: served at /api/v1/glossary/skos.jsonld (evidence/api.py).

Concept schemes: the NHS services (two levels: skos:broader / skos:narrower), one scheme per equity framework
(with the crosswalk as skos:exactMatch / skos:closeMatch between them) and the glossary (published terms only,
with their aliases as skos:altLabel). Glossary terms keep their page address as their IRI; services, equity
dimensions and the schemes have fragment IRIs in this document (`…/skos.jsonld#service-general-practice`), and
rdfs:seeAlso leads to the evidence tagged with them.

A service or an equity dimension takes its words from the published glossary entry that explains it
(evidence/concepts.py): skos:definition, and as skos:altLabel the entry's term and aliases; the two are the same
concept in two schemes (skos:exactMatch). A framework's scheme takes its entry's definition likewise.

Always five queries (services, dimensions, the crosswalk, glossary terms, their related terms; and the glossary's
address until it is cached), whatever the size of the vocabulary.
"""

import datetime
from urllib.parse import urlencode

from django.db.models import Prefetch

from portal.site_address import absolute_url
from portal.visibility import public_terms

from .crosswalk import crosswalk_pairs
from .models import EquityDimension, Framework, GlossaryPage, Service

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

    entries = list(
        public_terms()
        .select_related("service", "equity_dimension")
        .prefetch_related(Prefetch("related_terms", queryset=public_terms()))
        .order_by("term")
    )
    words = {_explains(entry): _Words(entry, absolute_url(entry.url, request)) for entry in entries}
    # The glossary first: this address served the glossary alone before, and its scheme led the graph.
    graph = [
        *_glossary(entries, request, fragment),
        *_services(fragment, see_also, words),
        *_frameworks(fragment, see_also, words),
    ]
    return {"@context": CONTEXT, "@graph": graph}


def _explains(entry):
    """The key of the concept a glossary entry explains (`GlossaryTerm.concept_key`), or its own slug."""
    return entry.concept_key or ("term", entry.slug)


class _Words:
    """A concept's words from the glossary entry that explains it."""

    def __init__(self, entry, iri):
        self.entry, self.iri = entry, iri

    def properties(self, label):
        """skos:definition, the entry's other names as skos:altLabel, and the entry as skos:exactMatch."""
        others = [name for name in [self.entry.term, *self.entry.alias_list] if name.lower() != label.lower()]
        return {
            "skos:definition": text(self.entry.definition),
            "skos:altLabel": [text(name) for name in others],
            "skos:exactMatch": [ref(self.iri)],
        }


def _words(words, key, label):
    return words[key].properties(label) if key in words else {}


def _merged(*property_maps):
    """Property maps joined; a property in several (skos:exactMatch from the crosswalk and the glossary) keeps
    all their values."""
    merged = {}
    for properties in property_maps:
        for name, values in properties.items():
            if name in merged:
                merged[name] = [*merged[name], *values]
            else:
                merged[name] = values
    return merged


def _scheme(iri, label, top, **more):
    return {
        "@id": iri,
        "@type": "skos:ConceptScheme",
        "skos:prefLabel": text(label),
        "skos:hasTopConcept": [ref(t) for t in top],
        "dct:modified": datetime.date.today().isoformat(),
        **more,
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


def _services(fragment, see_also, words):
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
                "",
                scheme,
                top=top,
                **relations,
                **{"rdfs:seeAlso": see_also("service", service.slug)},
                **_words(words, ("service", service.pk), service.name),
            )
        )
    return [_scheme(scheme, "NHS services", children.get(None, [])), *concepts]


def _frameworks(fragment, see_also, words):
    dimensions = list(EquityDimension.objects.all())
    iri = {d.pk: fragment(f"equity-{d.slug}") for d in dimensions}
    matches = {}
    for source, target, kind in crosswalk_pairs():
        matches.setdefault((source, kind), []).append(ref(iri[target]))
    graph = []
    for value, label in Framework.choices:
        scheme = fragment(f"framework-{value}")
        members = [d for d in dimensions if d.framework == value]
        described = {}
        if ("framework", value) in words:
            entry = words[("framework", value)]
            described = {"skos:definition": text(entry.entry.definition), "rdfs:seeAlso": ref(entry.iri)}
        graph.append(_scheme(scheme, label, [iri[d.pk] for d in members], **described))
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
                    "",
                    scheme,
                    top=True,
                    **_merged(crosswalk, _words(words, ("equity", dimension.pk), dimension.name)),
                    **{"rdfs:seeAlso": see_also("equity", dimension.slug)},
                )
            )
    return graph


def _glossary(entries, request, fragment):
    scheme = absolute_url(GlossaryPage.base_url(), request)
    concepts = []
    for term in entries:
        iri = absolute_url(term.url, request)
        explains = {}
        if term.service_id:
            explains = {"skos:exactMatch": [ref(fragment(f"service-{term.service.slug}"))]}
        elif term.equity_dimension_id:
            explains = {"skos:exactMatch": [ref(fragment(f"equity-{term.equity_dimension.slug}"))]}
        elif term.framework:
            explains = {"rdfs:seeAlso": ref(fragment(f"framework-{term.framework}"))}
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
                    **explains,
                },
            )
        )
    top = [c["@id"] for c in concepts]
    return [_scheme(scheme, "Health inequalities glossary", top), *concepts]
