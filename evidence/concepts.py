"""Concepts: every service, equity dimension and equity framework is explained by one glossary entry.

The entry (`GlossaryTerm.service`, `.equity_dimension` or `.framework`) holds the concept's words: its plain
definition, its other names (aliases: SKOS altLabels) and its page, /glossary/<slug>/. The taxonomy holds its
structure: name, parent, framework and crosswalk. `concept_context` is what an entry's page says about the concept
it explains: where it sits, its neighbours (each linked to its own entry) and a search for its evidence.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from .models import EquityDimension, Framework, GlossaryTerm


@dataclass
class Neighbour:
    label: str
    url: str = ""  # its glossary entry, when it has a published one
    note: str = ""


@dataclass
class ConceptContext:
    kind: str  # "service" | "equity-dimension" | "framework"
    sentence: str
    groups: list = field(default_factory=list)  # [(heading, [Neighbour, …]), …]
    search_label: str = ""
    search_url: str = ""
    map_url: str = ""


def _entry_urls(services=(), dimensions=(), frameworks=()):
    """{("service", pk) | ("equity", pk) | ("framework", value): url} of published entries, in one query."""
    where = Q(service__in=list(services)) | Q(equity_dimension__in=list(dimensions)) | Q(framework__in=frameworks)
    urls = {}
    for entry in GlossaryTerm.objects.filter(where, live=True).only("slug", "service", "equity_dimension", "framework"):
        urls[entry.concept_key] = entry.url
    return urls


def _search(**params):
    return f"{reverse('search')}?{urlencode(params)}"


def _map(framework):
    return f"{reverse('gap_map:evidence_map')}?{urlencode({'framework': framework})}"


def concept_context(term):
    """What `term`'s page says about the concept it explains, or None. Three queries at most."""
    if term.service_id:
        return _service_context(term.service)
    if term.equity_dimension_id:
        return _dimension_context(term.equity_dimension)
    if term.framework:
        return _framework_context(term.framework)
    return None


def _service_context(service):
    parent = service.parent
    children = list(service.children.order_by("sort_order", "name"))
    urls = _entry_urls(services=[s.pk for s in [parent, *children] if s])
    groups = []
    if parent:
        sentence = f"{service.name} is a service in this portal. It is part of {parent.name}."
        groups.append(("Part of", [Neighbour(parent.name, urls.get(("service", parent.pk), ""))]))
    else:
        sentence = f"{service.name} is a group of services in this portal."
    if children:
        members = [Neighbour(c.name, urls.get(("service", c.pk), "")) for c in children]
        groups.append(("Services in this group", members))
    return ConceptContext(
        kind="service",
        sentence=sentence,
        groups=groups,
        search_label=f"Find evidence about {service.name}",
        search_url=_search(service=service.slug),
    )


def _dimension_context(dimension):
    framework = Framework(dimension.framework)
    exact = list(dimension.exact_matches.order_by("framework", "sort_order"))
    close = list(dimension.close_matches.order_by("framework", "sort_order"))
    urls = _entry_urls(dimensions=[d.pk for d in exact + close], frameworks=[framework.value])

    def neighbours(dimensions):
        return [Neighbour(d.name, urls.get(("equity", d.pk), ""), Framework(d.framework).label) for d in dimensions]

    groups = [("Part of", [Neighbour(framework.label, urls.get(("framework", framework.value), ""))])]
    if exact:
        groups.append(("The same group in other lists", neighbours(exact)))
    if close:
        groups.append(("Close to these groups in other lists", neighbours(close)))
    return ConceptContext(
        kind="equity-dimension",
        sentence=f"{dimension.name} is a group of people in {framework.label}. Evidence about them is tagged with it.",
        groups=groups,
        search_label="Find evidence about this group",
        search_url=_search(equity=dimension.slug),
        map_url=_map(framework.value),
    )


def _framework_context(value):
    framework = Framework(value)
    dimensions = list(EquityDimension.objects.filter(framework=value).order_by("sort_order", "name"))
    urls = _entry_urls(dimensions=[d.pk for d in dimensions])
    return ConceptContext(
        kind="framework",
        sentence=f"{framework.label} is one of the lists of groups that evidence in this portal is tagged with.",
        groups=[("Groups in this list", [Neighbour(d.name, urls.get(("equity", d.pk), "")) for d in dimensions])],
        map_url=_map(value),
    )
