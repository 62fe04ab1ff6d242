"""The taxonomies and glossary names that search needs on every request, cached between requests.

Each web process keeps its own copy (a plain object: no unpickling on every use, as a cache backend would
need), made at a search signature (search/request_signature.py: the facet index's generation and change log, read
once per request and shared with the facet index). Whatever the vocabulary reads raises that signature in the same
transaction (search/signals.py): a glossary term published, unpublished, edited or deleted, a taxonomy label or
concept edited (a generation bump), a page published or unpublished (the years), a view restriction. So every
process answers with the new vocabulary on its very next request, without a TTL (decision record 0007). When only
pages changed, only the years are read again.
"""

import re
import threading
from dataclasses import dataclass, field, replace

from django.db import connection

from evidence.models import (
    CaseStudyPage,
    EquityDimension,
    EvaluationPage,
    Framework,
    GlossaryPage,
    Method,
    Place,
    Service,
)
from portal.visibility import public_pages, public_terms

from .concepts import concept_names
from .models import GENERATION_ROW, LOG_KEEP, SearchGeneration
from .request_signature import read_signature

_WORDS = re.compile(r"[\w+-]+")


@dataclass(frozen=True)
class Option:
    pk: object
    slug: str
    label: str
    group: str = ""
    parent: object = None  # pk of the parent service


@dataclass(frozen=True)
class GlossaryName:
    name: str
    term: str
    slug: str
    definition: str
    words: str = field(default="", compare=False)  # the name as lower-case words, for matching queries
    url: str = ""  # the term's page


@dataclass(frozen=True)
class Vocabulary:
    services: tuple
    equity: tuple
    places: tuple
    methods: tuple
    glossary: tuple
    years: tuple
    concepts: tuple = ()  # ConceptName (search/concepts.py): the names a query may use for a concept

    @property
    def service_slugs(self):
        return {o.slug for o in self.services}

    @property
    def equity_slugs(self):
        return {o.slug for o in self.equity}

    @property
    def place_slugs(self):
        return {o.slug for o in self.places}

    @property
    def method_slugs(self):
        return {o.slug for o in self.methods}

    def by_slug(self, group):
        return {o.slug: o for o in getattr(self, group)}

    def service_ids_for(self, slugs):
        """Selected service slugs as pks, a parent standing for itself and all its children."""
        chosen = {o.pk for o in self.services if o.slug in slugs}
        return sorted(chosen | {o.pk for o in self.services if o.parent in chosen})

    def glossary_match(self, query):
        """The glossary term named in the query (its name or an alias, as whole words); the longest name wins."""
        wanted = " " + " ".join(_WORDS.findall(query.lower())) + " "
        best = None
        for name in self.glossary:
            candidate = name.words
            if candidate and f" {candidate} " in wanted and (best is None or len(candidate) > len(best[0])):
                best = (candidate, name)
        return best[1] if best else None


def _years():
    # Only years of pages readers may see: a year that only a draft or restricted page has is never offered.
    years = {d.year for d in public_pages(EvaluationPage.objects.all()).dates("completed", "year")}
    years |= {d.year for d in public_pages(CaseStudyPage.objects.all()).dates("date", "year")}
    return tuple(sorted(years, reverse=True))


def _build():
    parents = {}
    services = []
    for service in Service.objects.order_by("parent__sort_order", "parent__name", "sort_order", "name").select_related(
        "parent"
    ):
        services.append(service)
        parents.setdefault(service.parent_id, []).append(service)
    ordered = []
    for top in parents.get(None, []):
        ordered.append(Option(top.pk, top.slug, top.name))
        ordered += [Option(c.pk, c.slug, c.name, group=top.name, parent=top.pk) for c in parents.get(top.pk, [])]
    frameworks = dict(Framework.choices)
    equity = tuple(
        Option(d.pk, d.slug, d.name, group=frameworks.get(d.framework, d.framework))
        for d in EquityDimension.objects.order_by("framework", "sort_order", "name")
    )
    places = tuple(Option(p.pk, p.slug, p.name) for p in Place.objects.order_by("name"))
    methods = tuple(Option(value, value, label) for value, label in Method.choices)
    glossary = []
    glossary_url = GlossaryPage.base_url()
    entry_names = {}  # the names of the entries that explain a service or an equity dimension
    fields = ("term", "slug", "definition", "aliases", "service", "equity_dimension", "framework")
    for term in public_terms().only(*fields):
        for name in [term.term, *term.alias_list]:
            words = " ".join(_WORDS.findall(name.lower()))
            url = f"{glossary_url}{term.slug}/"
            glossary.append(GlossaryName(name, term.term, term.slug, term.definition, words, url))
        if term.concept_key and term.concept_key[0] != "framework":  # search maps services and dimensions
            entry_names[term.concept_key] = [term.term, *term.alias_list]
    options = [*(("service", o) for o in ordered), *(("equity", o) for o in equity)]
    return Vocabulary(
        tuple(ordered),
        equity,
        places,
        methods,
        tuple(glossary),
        _years(),
        concept_names(options, entry_names),
    )


def _only_pages_changed(old, new):
    """Whether everything between two signatures was pages (published, unpublished, bulk-written), which change
    only the years: same database and generation, no glossary term in the change log since. One query."""
    if old[:2] != new[:2] or any(n < o for n, o in zip(new[2:], old[2:], strict=True)) or new[2] - old[2] > LOG_KEEP:
        return False  # a generation bump (taxonomy, concept links, restriction, move), or a rolled-back database
    if new[2] == old[2]:
        return True
    # Terms are logged as minus their id; the log keeps at least LOG_KEEP entries, so none is missed.
    sql = f"SELECT 1 FROM {SearchGeneration._meta.db_table} WHERE id > %s AND id > %s AND value < 0 LIMIT 1"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [old[2], GENERATION_ROW])
        return cursor.fetchone() is None


_lock = threading.Lock()
_memo = {}


def get_vocabulary():
    """This process's vocabulary at the current search signature (read once per request, with the facet index)."""
    signature = read_signature()
    held = _memo.get("vocabulary")
    if held is not None and held[0] == signature:
        return held[1]
    with _lock:
        held = _memo.get("vocabulary")
        if held is None or held[0] != signature:
            if held is not None and _only_pages_changed(held[0], signature):
                vocabulary = replace(held[1], years=_years())
            else:
                vocabulary = _build()
            held = (signature, vocabulary)
            _memo["vocabulary"] = held
    return held[1]


def clear_vocabulary(**kwargs):
    """Forget this process's copy at once (signals.py: a change made here, before the signature is read again)."""
    _memo.pop("vocabulary", None)
