"""Faceted search on the database: SQLite FTS5 or PostgreSQL full text, through Wagtail's database backend.

Counting facets with SQL means grouping every document on every request, which takes hundreds of
milliseconds at 10,000 evaluations. Instead each web process keeps a small *facet index* (facet_index.py): for
every facet value, the set of documents that have it, as a bitset (a Python int). A search then counts every
facet value with a few bitwise ANDs and popcounts, whatever the number of documents. Full-text matching still
goes to the database (one query); the index holds no text.
"""

import heapq
import threading
import time

from django.conf import settings
from django.db import connection
from django.db.models import F
from modelsearch.backends import get_search_backend
from wagtail.models import Page

from evidence.models import GlossaryTerm
from search.params import EXCLUDED_BY_DEFAULT
from search.results import BackendAnswer, DocRef, FacetCounts

from .facet_index import GROUPS, bitset, entry_positions, facet_index, set_bits
from .stemmed_text import match_expression, stemmed_table

__all__ = ["GROUPS", "DatabaseSearch", "database_backend", "facet_index"]


def database_backend():
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


_lock = threading.Lock()
# How many recent queries' full-text matches each process keeps, and for how long at most. Scoring every match
# with bm25 is most of a query's cost (about 10 ms for 3,600 matches at 10,000 evaluations).
TEXT_MATCH_ENTRIES = 64
TEXT_MATCH_SECONDS = 60


def _add(a, b):
    return None if a is None or b is None else a + b


def _best(a, b):
    return None if a is None or b is None else min(a, b)


class DatabaseSearch:
    name = "database"

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary

    def _matches(self, terms, index, scored):
        """{position: score} of documents whose text has every one of `terms`; lower score is better (None when
        not `scored`).

        Recent answers are kept with the facet index, so they are dropped whenever it changes (a publish,
        unpublish or re-index of any document: search/signals.py, search/indexing.py), and after
        TEXT_MATCH_SECONDS anyway.
        """
        key = (tuple(terms), scored)
        cache = index.text_matches
        held = cache.get(key)
        if held is not None and held[0] > time.monotonic():
            cache.move_to_end(key)
            return held[1]
        matches = self._query_matches(terms, index, scored)
        with _lock:
            cache[key] = (time.monotonic() + TEXT_MATCH_SECONDS, matches)
            while len(cache) > TEXT_MATCH_ENTRIES:
                cache.popitem(last=False)
        return matches

    def _found(self, params, index):
        """{position: score} of the documents the query finds.

        Without concepts, every term must be in the text. With concepts (search/concepts.py), the terms no concept
        was found for must be in the text, and each concept's phrase must be in the text OR the document tagged
        with the concept; a tagged document scores as well as the phrase's best text match, and better still
        with the words too. With OR alternatives, a document found by any of them, scored by its best."""
        scored = params.sort == "relevance"
        if params.alternatives:
            found = {}
            for alternative in params.alternatives:
                for position, score in self._found(alternative, index).items():
                    found[position] = _best(found[position], score) if position in found else score
            return found
        if not params.concepts:
            return self._matches(params.terms, index, scored)
        rest = params.unmapped_terms
        found = self._matches(rest, index, scored) if rest else None
        for concept in params.concepts:
            phrase = self._matches(concept.terms, index, scored)
            tagged = set_bits(self._tagged(concept, index, params) & index.everything)
            group = dict(phrase)
            if scored:
                bonus = min((score for score in phrase.values() if score is not None), default=-1.0)
                group.update({p: (phrase.get(p) or 0.0) + bonus for p in tagged})
            else:
                group.update(dict.fromkeys(tagged))
            both = group.keys() if found is None else found.keys() & group.keys()
            found = {p: group[p] if found is None else _add(found[p], group[p]) for p in both}
        return found

    def _tagged(self, concept, index, params):
        """The documents tagged with a concept, as the facet filter for it would select them."""
        if concept.kind == "service":
            return index.matching("service", self.vocabulary.service_ids_for({concept.slug}))
        return index.matching("equity-matched" if params.crosswalk else "equity", [concept.pk])

    def _query_matches(self, terms, index, scored):
        table = stemmed_table()
        if table:
            # One pass over the stemmed FTS5 index (stemmed_text.py); its rowids are index entry ids, which map
            # straight to facet-index positions (no join). bm25 costs about four times the match alone, so it is
            # only asked for when results are sorted by it. Title counts twice the body.
            match = match_expression(terms)
            columns = f"rowid, bm25({table}, 2.0, 1.0)" if scored else "rowid, NULL"
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {columns} FROM {table} WHERE {table} MATCH %s", [match])
                rows = cursor.fetchall()
            entries = index.entries
            unknown = [rowid for rowid, _score in rows if rowid not in entries]
            if unknown:  # indexed since the facet index was built: a draft's entry, remembered as none of ours
                found = entry_positions(index.positions, unknown)
                entries.update({rowid: found.get(rowid) for rowid in unknown})
            return {entries[rowid]: score for rowid, score in rows if entries.get(rowid) is not None}

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

    # A spelling correction is counted afterwards, only for a search that found little (search/spelling.py).
    counts_alongside = False

    def run(self, params, offset, limit, also_count=None):
        index = facet_index()
        vocab = self.vocabulary
        selected = {
            "service": vocab.service_ids_for(set(params.services)),
            "equity": [o.pk for o in vocab.equity if o.slug in params.equity],
            "place": [o.pk for o in vocab.places if o.slug in params.places],
            "year": list(params.years),
            "method": list(params.methods),
            "type": list(params.types),
            "changed": list(params.changed),
        }
        scores = self._found(params, index) if params.terms else None
        # Matches are masked with `everything`: a document that left the index keeps its full-text entry.
        base = bitset(scores) & index.everything if scores is not None else index.everything

        # A group's mask: the documents matching its selection (everything when nothing is selected there).
        # A slug that no longer exists selects nothing, not everything.
        # With the crosswalk on, equity dimensions select and count through their matches too ("equity-matched").
        column = {"equity": "equity-matched" if params.crosswalk else "equity"}
        masks = {}
        for group in GROUPS:
            chosen = selected[group]
            asked = {"service": params.services, "equity": params.equity, "place": params.places}.get(group, chosen)
            masks[group] = index.matching(column.get(group, group), chosen) if asked else index.everything
        if not params.types:  # no type asked for: every type but those left out by default (in progress)
            masks["type"] = index.everything & ~index.matching("type", EXCLUDED_BY_DEFAULT)

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
                # Evidence first, by score; glossary terms after it (the page shows the best one's definition
                # above the results already).
                key = lambda p: (docs[p][0] == "glossary-term", scores.get(p) or 0.0, -docs[p][1])  # noqa: E731
            else:
                key = index.rank.__getitem__
            chosen = heapq.nsmallest(offset + limit, set_bits(result), key=key)[offset:]
            refs = [DocRef(*index.docs[p]) for p in chosen]
        return BackendAnswer(total=total, refs=refs, facets=facets, backend=self.name)
