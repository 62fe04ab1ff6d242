"""Faceted search on the database: SQLite FTS5 or PostgreSQL full text, through Wagtail's database backend.

Counting facets with SQL means grouping every document on every request, which takes hundreds of
milliseconds at 10,000 evaluations. Instead each web process keeps a small *facet index* built from the
database: for every facet value, the set of documents that have it, as a bitset (a Python int). A search
then counts every facet value with a few bitwise ANDs and popcounts, whatever the number of documents.

The facet index is rebuilt when the data behind it changes: every request asks the database for a cheap
signature of the tables it was built from (one query), so all processes see a publish at once. Full-text
matching still goes to the database (one query); the index holds no text.
"""

import heapq
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Q
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from wagtail.models import Page

from evidence.crosswalk import crosswalk_pairs
from evidence.models import (
    CaseStudyPage,
    EvaluationPage,
    GlossaryTerm,
    PageEquityDimension,
    PagePlace,
    PageService,
    PlainLanguageSummaryPage,
)
from search.models import SearchGeneration
from search.results import BackendAnswer, DocRef, FacetCounts

GROUPS = ("service", "equity", "place", "year", "method", "type")


@dataclass(frozen=True)
class DocType:
    key: str
    model: type


DOC_TYPES = (
    DocType("evaluation", EvaluationPage),
    DocType("summary", PlainLanguageSummaryPage),
    DocType("case-study", CaseStudyPage),
)


def database_backend():
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


def _bits(indices):
    """A bitset (int) with the given bit positions set; built in a bytearray to avoid copying a big int per bit."""
    indices = list(indices)
    if not indices:
        return 0
    buffer = bytearray(max(indices) // 8 + 1)
    for i in indices:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def _set_bits(value):
    """Indices of the set bits, lowest first: one pass over the bytes (shifting a big int per bit copies it)."""
    for byte_index, byte in enumerate(value.to_bytes((value.bit_length() + 7) // 8, "little")):
        if byte:
            base = byte_index << 3
            for bit in range(8):
                if (byte >> bit) & 1:
                    yield base + bit


@dataclass
class FacetIndex:
    signature: tuple
    docs: list  # position -> (type, pk)
    positions: dict  # (kind, pk) -> position; kind is "page" or "glossary"
    values: dict  # group -> {key: bitset}
    newest: list  # positions in "newest first" order (glossary terms last, A to Z)
    rank: list  # position -> its place in `newest`
    everything: int
    by_type: dict = field(default_factory=dict)
    entries: dict = field(default_factory=dict)  # SQLite: full-text index rowid -> position (no join per search)
    text_matches: OrderedDict = field(default_factory=OrderedDict)  # recent queries' matches (see _matches)

    def matching(self, group, keys):
        bits = 0
        for key in keys:
            bits |= self.values[group].get(str(key), 0)
        return bits


def _signature():
    """Changes whenever the data behind the facet index changes, in one cheap query.

    SearchGeneration is bumped by signals on every save and delete; the largest ids catch bulk inserts
    (which send no signals), such as the synthetic-data generator's, and new full-text index entries (modelsearch
    updates an entry in place, so an entry's id never changes).
    """
    tables = [SearchGeneration, Page, PageService, PageEquityDimension, PagePlace, _index_entry_model()]
    parts = [f"(SELECT value FROM {SearchGeneration._meta.db_table} WHERE id = 1)"]
    parts += [f"(SELECT MAX(id) FROM {model._meta.db_table})" for model in tables[1:]]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def _index_entry_model():
    return get_app_config().get_model("IndexEntry")


def _doc_content_types():
    """{content type id: "page" | "glossary"} for the indexed models that are search results."""
    page_types = ContentType.objects.get_for_models(*(t.model for t in DOC_TYPES)).values()
    kinds = {ct.pk: "page" for ct in page_types}
    kinds[ContentType.objects.get_for_model(GlossaryTerm).pk] = "glossary"
    return kinds


def _fts_table():
    if connection.vendor != "sqlite":
        return None
    try:
        return get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
    except LookupError:
        return None


def _entry_positions(positions, entry_filter=None):
    """{index entry id: position} for the entries of documents in the facet index."""
    kinds = _doc_content_types()
    entries = _index_entry_model().objects.filter(content_type_id__in=list(kinds))
    if entry_filter is not None:
        entries = entries.filter(pk__in=entry_filter)
    found = {}
    for entry_id, content_type, object_id in entries.values_list("pk", "content_type_id", "object_id"):
        position = positions.get((kinds[content_type], int(object_id))) if str(object_id).isdigit() else None
        if position is not None:
            found[entry_id] = position
    return found


def _ranks(order):
    rank = [0] * len(order)
    for place, position in enumerate(order):
        rank[position] = place
    return rank


def _build(signature):
    # Published: live, no view restriction, and not an alias (an alias is the same document at another address).
    private = Page.objects.all().private_q() | Q(alias_of__isnull=False)
    docs, positions, newest_pages = [], {}, []
    by_tax = {}  # taxonomy page id -> positions of the documents it describes
    years, methods, types = {}, {}, {}

    def add(kind, pk, type_key, tax, date, method):
        position = len(docs)
        docs.append((type_key, pk))
        positions[(kind, pk)] = position
        types.setdefault(type_key, []).append(position)
        if tax is not None:
            by_tax.setdefault(tax, []).append(position)
        if date is not None:
            years.setdefault(str(date.year), []).append(position)
            newest_pages.append((date, pk, position))
        if method:
            methods.setdefault(method, []).append(position)

    public_evaluations = set()
    for pk, completed, method in (
        EvaluationPage.objects.live().exclude(private).values_list("pk", "completed", "method")
    ):
        add("page", pk, "evaluation", pk, completed, method)
        public_evaluations.add(pk)
    summaries = PlainLanguageSummaryPage.objects.live().exclude(private)
    for pk, tax, completed, method in summaries.values_list(
        "pk", "evaluation_id", "evaluation__completed", "evaluation__method"
    ):
        if tax not in public_evaluations:  # a draft or restricted evaluation lends its summary no year or tags
            tax = completed = method = None
        add("page", pk, "summary", tax, completed, method)
    for pk, date in CaseStudyPage.objects.live().exclude(private).values_list("pk", "date"):
        add("page", pk, "case-study", pk, date, None)
    newest = [position for _date, _pk, position in sorted(newest_pages, key=lambda row: (row[0], row[1]), reverse=True)]
    undated = sorted(set(range(len(docs))) - set(newest), key=lambda p: -docs[p][1])
    newest += undated
    for pk, _term in GlossaryTerm.objects.filter(live=True).order_by("term").values_list("pk", "term"):
        add("glossary", pk, "glossary-term", None, None, None)
        newest.append(len(docs) - 1)

    values = {group: {} for group in (*GROUPS, "service-parent", "equity-matched")}

    def tag(group, key, tax):
        for position in by_tax.get(tax, ()):
            values[group].setdefault(str(key), []).append(position)

    for tax, service, parent in PageService.objects.values_list("page_id", "service_id", "service__parent_id"):
        tag("service", service, tax)
        tag("service-parent", parent or service, tax)
    # "equity-matched": each document under the dimensions it is tagged with and every dimension the crosswalk
    # matches with them, for search with matching groups from other frameworks included (the default).
    matches = {}
    for source, target, _kind in crosswalk_pairs():
        matches.setdefault(source, set()).add(target)
    for tax, dimension in PageEquityDimension.objects.values_list("page_id", "equity_dimension_id"):
        tag("equity", dimension, tax)
        for key in (dimension, *matches.get(dimension, ())):
            tag("equity-matched", key, tax)
    for tax, place in PagePlace.objects.values_list("page_id", "place_id"):
        tag("place", place, tax)
    # A document tagged with a service area and one of its services counts once for the area: sets, not lists.
    values = {group: {key: _bits(set(ps)) for key, ps in keys.items()} for group, keys in values.items()}
    values["year"] = {key: _bits(ps) for key, ps in years.items()}
    values["method"] = {key: _bits(ps) for key, ps in methods.items()}
    values["type"] = {key: _bits(ps) for key, ps in types.items()}
    return FacetIndex(
        signature=signature,
        docs=docs,
        positions=positions,
        values=values,
        newest=newest,
        rank=_ranks(newest),
        everything=(1 << len(docs)) - 1,
        entries=_entry_positions(positions) if _fts_table() else {},
    )


_lock = threading.Lock()
_cache = {}
# How many recent queries' full-text matches each process keeps, and for how long at most. Scoring every match
# with bm25 is most of a query's cost (about 10 ms for 3,600 matches at 10,000 evaluations).
TEXT_MATCH_ENTRIES = 64
TEXT_MATCH_SECONDS = 60


def facet_index():
    """The current facet index for this database, rebuilt when the data changed (one cheap query otherwise)."""
    signature = (connection.settings_dict["NAME"], *_signature())
    current = _cache.get("index")
    if current is not None and current.signature == signature:
        return current
    with _lock:
        current = _cache.get("index")
        if current is None or current.signature != signature:
            current = _build(signature)
            _cache["index"] = current
    return current


class DatabaseSearch:
    name = "database"

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary

    def _matches(self, params, index, scored):
        """{position: score} of documents matching the query; lower score is better (None when not `scored`).

        Recent answers are kept with the facet index, so they are dropped with it whenever the data changes
        (search/signals.py and search/indexing.py bump its generation), and after TEXT_MATCH_SECONDS anyway.
        """
        key = (tuple(params.terms), scored)
        cache = index.text_matches
        held = cache.get(key)
        if held is not None and held[0] > time.monotonic():
            cache.move_to_end(key)
            return held[1]
        matches = self._query_matches(params, index, scored)
        with _lock:
            cache[key] = (time.monotonic() + TEXT_MATCH_SECONDS, matches)
            while len(cache) > TEXT_MATCH_ENTRIES:
                cache.popitem(last=False)
        return matches

    def _query_matches(self, params, index, scored):
        terms = params.terms
        fts_table = _fts_table()
        if fts_table:
            # One pass over the FTS5 index; its rowids map straight to facet-index positions (no join). bm25
            # costs about four times the match alone, so it is only asked for when results are sorted by it.
            match = "{body title} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"
            columns = f"rowid, bm25({fts_table}, 0.0, 1.0, 2.0)" if scored else "rowid, NULL"
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {columns} FROM {fts_table} WHERE {fts_table} MATCH %s", [match])
                rows = cursor.fetchall()
            entries = index.entries
            unknown = [rowid for rowid, _score in rows if rowid not in entries]
            if unknown:  # indexed since the facet index was built (rare: the signature tracks new entries)
                entries = {**entries, **_entry_positions(index.positions, unknown)}
            return {entries[rowid]: score for rowid, score in rows if rowid in entries}

        # PostgreSQL (and other database backends): modelsearch ranks within one query per model.
        from modelsearch.query import PlainText

        rows = []
        backend = database_backend()
        query = PlainText(" ".join(terms), operator="and")
        for kind, queryset in (("page", Page.objects.live()), ("glossary", GlossaryTerm.objects.filter(live=True))):
            results = backend.search(query, queryset, order_by_relevance=True).annotate_score("_score")
            ranked = results.get_queryset()
            first = ranked.query.order_by[0] if ranked.query.order_by else ""
            descending = first.startswith("-") if isinstance(first, str) else getattr(first, "descending", False)
            for pk, score in ranked.order_by().values_list("pk", F("_score")):
                rows.append((pk, kind, -(score or 0) if descending else (score or 0)))
        positions = index.positions
        return {positions[(kind, pk)]: score for pk, kind, score in rows if (kind, pk) in positions}

    def run(self, params, offset, limit):
        index = facet_index()
        vocab = self.vocabulary
        selected = {
            "service": vocab.service_ids_for(set(params.services)),
            "equity": [o.pk for o in vocab.equity if o.slug in params.equity],
            "place": [o.pk for o in vocab.places if o.slug in params.places],
            "year": list(params.years),
            "method": list(params.methods),
            "type": list(params.types),
        }
        scores = self._matches(params, index, scored=params.sort == "relevance") if params.terms else None
        base = _bits(scores) if scores is not None else index.everything

        # A group's mask: the documents matching its selection (everything when nothing is selected there).
        # A slug that no longer exists selects nothing, not everything.
        # With the crosswalk on, equity dimensions select and count through their matches too ("equity-matched").
        column = {"equity": "equity-matched" if params.crosswalk else "equity"}
        masks = {}
        for group in GROUPS:
            chosen = selected[group]
            asked = {"service": params.services, "equity": params.equity, "place": params.places}.get(group, chosen)
            masks[group] = index.matching(column.get(group, group), chosen) if asked else index.everything

        def others(group):
            bits = base
            for other in GROUPS:
                if other != group:
                    bits &= masks[other]
            return bits

        facets = {}
        for group in GROUPS:
            pool = others(group)
            for key_group in ("service", "service-parent") if group == "service" else (group,):
                counts = FacetCounts()
                for key, bits in index.values[column.get(key_group, key_group)].items():
                    inside = (pool & bits & masks[group]).bit_count()
                    outside = (pool & bits).bit_count() - inside
                    if inside:
                        counts.in_selection[key] = inside
                    if outside:
                        counts.outside[key] = outside
                facets[key_group] = counts

        result = base
        for group in GROUPS:
            result &= masks[group]
        total = result.bit_count()

        refs = []
        if limit > 0 and offset < total:
            docs = index.docs
            if params.sort == "relevance" and scores is not None:
                # Glossary terms first (a definition is what someone typing a term wants), then by score.
                key = lambda p: (docs[p][0] != "glossary-term", scores.get(p) or 0.0, -docs[p][1])  # noqa: E731
            else:
                key = index.rank.__getitem__
            chosen = heapq.nsmallest(offset + limit, _set_bits(result), key=key)[offset:]
            refs = [DocRef(*index.docs[p]) for p in chosen]
        return BackendAnswer(total=total, refs=refs, facets=facets, backend=self.name)
