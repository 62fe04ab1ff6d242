"""The in-process facet index: for every facet value, the set of public documents that have it, as a bitset.

Each web process keeps one (see docs/decisions/0004-facet-index.md). Every request reads a signature in one
query: the generation and change log (search/models.py) and the newest ids of the tables bulk writers fill. When
it changed, the process applies the log entries newer than its last look to the changed documents' bits alone;
only a generation bump (taxonomy, crosswalk, restriction, move), a process too far behind, or a database that went
back in time (a rolled-back test) rebuilds the whole index.
"""

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q
from modelsearch.conf import get_app_config
from wagtail.models import Page, PageViewRestriction

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
from outcomes.acted_on import acted_on_evaluation_ids
from register.models import RegisteredProjectPage
from resources.models import EventPage, ResourcePage
from search.facets import GROUPS
from search.in_progress import under_way_annotation
from search.models import GENERATION_ROW, LOG_KEEP, SearchGeneration
from search.request_signature import TAG_MODELS, read_signature, request_finished

TAG_GROUPS = ("service", "service-parent", "equity", "equity-matched", "place")
DOC_MODELS = {"evaluation": EvaluationPage, "summary": PlainLanguageSummaryPage, "case-study": CaseStudyPage}
# The types around the evidence, read together in one query: no year; a resource has its method (methods advice), a
# project in progress its own taxonomy links, the others none.
OTHER_MODELS = {"resource": ResourcePage, "event": EventPage, "in-progress": RegisteredProjectPage}
SEARCHED_MODELS = {**DOC_MODELS, **OTHER_MODELS}
# How often this process rebuilt or updated its index (read by tests and the benchmark).
stats = {"builds": 0, "updates": 0}


def bitset(indices):
    """A bitset (int) with the given bit positions set; built in a bytearray to avoid copying a big int per bit."""
    indices = list(indices)
    if not indices:
        return 0
    buffer = bytearray(max(indices) // 8 + 1)
    for i in indices:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def set_bits(value):
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
    docs: list  # position -> (type, pk), or None once the document left
    positions: dict  # (kind, pk) -> position; kind is "page" or "glossary"
    values: dict  # group -> {key: bitset}
    newest: list  # positions in "newest first" order (glossary terms last, A to Z)
    rank: list  # position -> its place in `newest`
    everything: int
    sort_keys: list = field(default_factory=list)  # position -> its key in `newest`
    tax_of: list = field(default_factory=list)  # position -> the page whose tags it has (a summary: its evaluation)
    by_tax: dict = field(default_factory=dict)  # tagged page id -> frozenset of positions with its tags
    matches: dict = field(default_factory=dict)  # crosswalk: dimension id -> ids of dimensions matched to it
    entries: dict = field(default_factory=dict)  # SQLite: full-text index rowid -> position (None: not a document)
    text_matches: OrderedDict = field(default_factory=OrderedDict)  # recent queries' matches (see database.py)

    def matching(self, group, keys):
        bits = 0
        for key in keys:
            bits |= self.values[group].get(str(key), 0)
        return bits


@dataclass(frozen=True)
class DocRow:
    type: str
    pk: int
    tax: int | None  # the page whose taxonomy links describe it
    date: object
    method: str | None
    changed: bool = False  # an evaluation that led to a change (outcomes.acted_on)

    @property
    def sort_key(self):
        # Newest first (then highest id); undated pages after them.
        return (0, -self.date.toordinal(), -self.pk) if self.date else (1, 0, -self.pk)


def _term_key(pk, term):
    return (2, term, pk)  # glossary terms after every page, A to Z


def _index_entry_model():
    return get_app_config().get_model("IndexEntry")


def _doc_content_types():
    """{content type id: "page" | "glossary"} for the indexed models that are search results."""
    page_types = ContentType.objects.get_for_models(*SEARCHED_MODELS.values()).values()
    kinds = {ct.pk: "page" for ct in page_types}
    kinds[ContentType.objects.get_for_model(GlossaryTerm).pk] = "glossary"
    return kinds


def fts_table():
    if connection.vendor != "sqlite":
        return None
    try:
        return get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
    except LookupError:
        return None


def entry_positions(positions, entry_filter=None, object_ids=None):
    """{index entry id: position} for the entries of documents in the facet index (of some entries or objects)."""
    kinds = _doc_content_types()
    entries = _index_entry_model().objects.filter(content_type_id__in=list(kinds))
    if entry_filter is not None:
        entries = entries.filter(pk__in=entry_filter)
    if object_ids is not None:
        entries = entries.filter(object_id__in=[str(pk) for pk in object_ids])
    found = {}
    for entry_id, content_type, object_id in entries.values_list("pk", "content_type_id", "object_id"):
        position = positions.get((kinds[content_type], int(object_id))) if str(object_id).isdigit() else None
        if position is not None:
            found[entry_id] = position
    return found


def _acted_on():
    """Whether an evaluation led to a change, in the same query (a subquery: outcomes.acted_on's contract)."""
    return ExpressionWrapper(Q(pk__in=acted_on_evaluation_ids()), output_field=BooleanField())


def _other_row(pk, content_type, method, types):
    kind = types[content_type]
    return DocRow(kind, pk, pk if kind == "in-progress" else None, None, method or None)


def _others(queryset):
    """The pages of OTHER_MODELS in `queryset`, leaving out projects not under way (search/in_progress.py: closed
    or handed over), in the same query."""
    return queryset.annotate(under_way=under_way_annotation()).filter(under_way=True)


def _other_types():
    """{content type id: type} of OTHER_MODELS (ContentType's cache: no query after the first)."""
    found = ContentType.objects.get_for_models(*OTHER_MODELS.values())
    return {found[model].pk: kind for kind, model in OTHER_MODELS.items()}


def _page_rows(ids=None):
    """DocRows of the public documents (all, or those among `ids`). Public: live, no view restriction, and not
    an alias (an alias is the same document at another address); a registered project only while it is under way
    (search/in_progress.py). Five queries."""
    if ids is not None:
        return _changed_page_rows(ids)
    private = Page.objects.all().private_q() | Q(alias_of__isnull=False)

    def public(model):
        return model.objects.live().exclude(private).order_by()

    rows, public_evaluations = [], set()
    evaluations = public(EvaluationPage).annotate(acted_on=_acted_on())
    for pk, completed, method, changed in evaluations.values_list("pk", "completed", "method", "acted_on"):
        rows.append(DocRow("evaluation", pk, pk, completed, method, changed))
        public_evaluations.add(pk)
    summaries = public(PlainLanguageSummaryPage).values_list(
        "pk", "evaluation_id", "evaluation__completed", "evaluation__method"
    )
    for pk, tax, completed, method in summaries:
        if tax not in public_evaluations:  # a draft or restricted evaluation lends its summary no year or tags
            tax = completed = method = None
        rows.append(DocRow("summary", pk, tax, completed, method))
    for pk, date in public(CaseStudyPage).values_list("pk", "date"):
        rows.append(DocRow("case-study", pk, pk, date, None))
    types = _other_types()
    others = _others(Page.objects.live().exclude(private).filter(content_type_id__in=list(types)).order_by())
    for pk, content_type, method in others.values_list("pk", "content_type_id", "resourcepage__method"):
        rows.append(_other_row(pk, content_type, method, types))
    return rows


def _changed_page_rows(ids):
    """_page_rows for a few pages, in five simple queries: the same rules, with the view restrictions read once and
    checked in Python (a restricted page's section is every path starting with its path, as `private_q` says)."""
    sections = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))

    def public(live, path, alias_of):
        return live and alias_of is None and not path.startswith(sections)

    base = ("pk", "live", "path", "alias_of_id")
    rows = []
    evaluations = EvaluationPage.objects.filter(pk__in=ids).order_by().annotate(acted_on=_acted_on())
    for pk, live, path, alias, completed, method, changed in evaluations.values_list(
        *base, "completed", "method", "acted_on"
    ):
        if public(live, path, alias):
            rows.append(DocRow("evaluation", pk, pk, completed, method, changed))
    evaluation = ("evaluation_id", "evaluation__live", "evaluation__path", "evaluation__alias_of_id")
    summaries = PlainLanguageSummaryPage.objects.filter(pk__in=ids).order_by()
    for pk, live, path, alias, tax, e_live, e_path, e_alias, completed, method in summaries.values_list(
        *base, *evaluation, "evaluation__completed", "evaluation__method"
    ):
        if public(live, path, alias):
            if tax is None or not public(e_live, e_path, e_alias):
                tax = completed = method = None
            rows.append(DocRow("summary", pk, tax, completed, method))
    for pk, live, path, alias, date in CaseStudyPage.objects.filter(pk__in=ids).order_by().values_list(*base, "date"):
        if public(live, path, alias):
            rows.append(DocRow("case-study", pk, pk, date, None))
    types = _other_types()
    others = _others(Page.objects.filter(pk__in=ids, content_type_id__in=list(types)).order_by())
    for pk, live, path, alias, content_type, method in others.values_list(
        *base, "content_type_id", "resourcepage__method"
    ):
        if public(live, path, alias):
            rows.append(_other_row(pk, content_type, method, types))
    return rows


def _term_rows(ids=None):
    terms = GlossaryTerm.objects.filter(live=True).order_by()
    if ids is not None:
        terms = terms.filter(pk__in=ids)
    return list(terms.values_list("pk", "term"))


def _crosswalk_matches():
    matches = {}
    for source, target, _kind in crosswalk_pairs():
        matches.setdefault(source, set()).add(target)
    return matches


def _tag_rows(matches, tax_ids=None):
    """(group, key, tagged page id) for every taxonomy link (of the given pages). Three queries."""

    def scoped(model):
        queryset = model.objects.order_by()
        return queryset if tax_ids is None else queryset.filter(page_id__in=tax_ids)

    for tax, service, parent in scoped(PageService).values_list("page_id", "service_id", "service__parent_id"):
        yield "service", service, tax
        yield "service-parent", parent or service, tax
    # "equity-matched": each document under the dimensions it is tagged with and every dimension the crosswalk
    # matches with them, for search with matching groups from other frameworks included (the default).
    for tax, dimension in scoped(PageEquityDimension).values_list("page_id", "equity_dimension_id"):
        yield "equity", dimension, tax
        for key in (dimension, *matches.get(dimension, ())):
            yield "equity-matched", key, tax
    for tax, place in scoped(PagePlace).values_list("page_id", "place_id"):
        yield "place", place, tax


def _own_values(row, position, values):
    """The facet values a document has by itself (type, year, method, led to a change), added to `values`
    (group -> key -> list)."""
    values["type"].setdefault(row.type, []).append(position)
    if row.date is not None:
        values["year"].setdefault(str(row.date.year), []).append(position)
    if row.method:
        values["method"].setdefault(row.method, []).append(position)
    if row.changed:
        values["changed"].setdefault("yes", []).append(position)


def _ranks(order, size):
    rank = [0] * size
    for place, position in enumerate(order):
        rank[position] = place
    return rank


def build(signature):
    stats["builds"] += 1
    docs, positions, sort_keys, tax_of, by_tax = [], {}, [], [], {}
    values = {group: {} for group in (*GROUPS, "service-parent", "equity-matched")}
    for row in _page_rows():
        position = len(docs)
        docs.append((row.type, row.pk))
        positions[("page", row.pk)] = position
        sort_keys.append(row.sort_key)
        tax_of.append(row.tax)
        if row.tax is not None:
            by_tax.setdefault(row.tax, []).append(position)
        _own_values(row, position, values)
    for pk, term in _term_rows():
        position = len(docs)
        docs.append(("glossary-term", pk))
        positions[("glossary", pk)] = position
        sort_keys.append(_term_key(pk, term))
        tax_of.append(None)
        values["type"].setdefault("glossary-term", []).append(position)
    matches = _crosswalk_matches()
    for group, key, tax in _tag_rows(matches):
        for position in by_tax.get(tax, ()):
            values[group].setdefault(str(key), []).append(position)
    # A document tagged with a service area and one of its services counts once for the area: sets, not lists.
    values = {group: {key: bitset(set(found)) for key, found in keys.items()} for group, keys in values.items()}
    newest = sorted(range(len(docs)), key=sort_keys.__getitem__)
    return FacetIndex(
        signature=signature,
        docs=docs,
        positions=positions,
        values=values,
        newest=newest,
        rank=_ranks(newest, len(docs)),
        everything=(1 << len(docs)) - 1,
        sort_keys=sort_keys,
        tax_of=tax_of,
        by_tax={tax: frozenset(found) for tax, found in by_tax.items()},
        matches=matches,
        entries=entry_positions(positions) if fts_table() else {},
    )


def _changes_since(index, signature):
    """(page ids, glossary term ids, whether some text was re-indexed) since `index` was built or updated; None
    when only a rebuild will do. At most two queries."""
    old, new = index.signature, signature
    if old[:2] != new[:2] or any(n < o for n, o in zip(new[2:], old[2:], strict=True)):
        return None  # a generation bump, another database, or a database rolled back (tests)
    if new[2] - old[2] > LOG_KEEP:
        return None  # the entries this process has not seen may have been pruned
    pages, terms, text = set(), set(), False
    with connection.cursor() as cursor:
        if new[2] != old[2]:
            log = f"SELECT value FROM {SearchGeneration._meta.db_table} WHERE id > %s AND id > %s"  # noqa: S608
            cursor.execute(log, [old[2], GENERATION_ROW])
            for (value,) in cursor.fetchall():
                if value:
                    (pages if value > 0 else terms).add(abs(value))
                else:
                    text = True
        if new[3:] != old[3:]:
            # Rows written without a signal (bulk writers): the pages whose links or live state are new.
            links = [f"SELECT page_id FROM {m._meta.db_table} WHERE id > %s" for m in TAG_MODELS]  # noqa: S608
            live = f"SELECT id FROM {Page._meta.db_table} WHERE id > %s AND live = %s"  # noqa: S608
            sql = " UNION ".join([live, *links])
            cursor.execute(f"{sql} LIMIT {LOG_KEEP + 1}", [old[3], True, *old[4:]])
            pages.update(pk for (pk,) in cursor.fetchall())
    if len(pages) + len(terms) > LOG_KEEP:
        return None
    return pages, terms, text


def apply_changes(index, signature, page_ids, term_ids):
    """A new index: `index` with the bits of these pages (and of the summaries that borrow their tags) and terms
    read again from the database. Copy on write: a request still using `index` is not disturbed."""
    stats["updates"] += 1
    docs, positions, sort_keys = list(index.docs), dict(index.positions), list(index.sort_keys)
    tax_of, by_tax = list(index.tax_of), dict(index.by_tax)

    affected = set(page_ids)
    for pk in page_ids:  # summaries that had this evaluation's tags, and the ones that have them now
        affected.update(docs[p][1] for p in by_tax.get(pk, ()) if docs[p] is not None)
    if page_ids:
        borrowers = PlainLanguageSummaryPage.objects.filter(evaluation_id__in=page_ids).order_by()
        affected.update(borrowers.values_list("pk", flat=True))
    rows = _page_rows(affected) if affected else []
    terms = _term_rows(term_ids) if term_ids else []

    keys = [("page", pk) for pk in affected] + [("glossary", pk) for pk in term_ids]
    old = {positions[key] for key in keys if key in positions}
    for position in old:  # forget what they had; what they have now is added below
        tax = tax_of[position]
        if tax is not None:
            by_tax[tax] = by_tax[tax] - {position}
            tax_of[position] = None
        docs[position] = sort_keys[position] = None
        del positions[docs_key(index.docs[position])]

    added = {group: {} for group in (*GROUPS, "service-parent", "equity-matched")}
    fresh = {}

    def place(key, doc, sort_key):
        position = index.positions.get(key)
        if position is None:
            position = len(docs)
            docs.append(None)
            sort_keys.append(None)
            tax_of.append(None)
        docs[position], sort_keys[position], positions[key] = doc, sort_key, position
        fresh[key] = position
        return position

    for row in rows:
        position = place(("page", row.pk), (row.type, row.pk), row.sort_key)
        tax_of[position] = row.tax
        if row.tax is not None:
            by_tax[row.tax] = by_tax.get(row.tax, frozenset()) | {position}
        _own_values(row, position, added)
    for pk, term in terms:
        position = place(("glossary", pk), ("glossary-term", pk), _term_key(pk, term))
        added["type"].setdefault("glossary-term", []).append(position)
    tagged = {row.tax for row in rows if row.tax is not None}
    for group, key, tax in _tag_rows(index.matches, tagged) if tagged else ():
        added[group].setdefault(str(key), []).extend(by_tax.get(tax, ()))

    clear = bitset(old)
    values = {}
    for group, keys in index.values.items():
        bits_by_key = {key: bits & ~clear if bits & clear else bits for key, bits in keys.items()}
        for key, found in added[group].items():
            bits_by_key[key] = bits_by_key.get(key, 0) | bitset(set(found))
        values[group] = {key: bits for key, bits in bits_by_key.items() if bits}

    newest, rank = _reorder(index, old, fresh.values(), sort_keys, len(docs))
    entries = index.entries
    new_keys = [key for key in fresh if key not in index.positions]  # the others keep their full-text entries
    if fts_table() and new_keys:
        found = entry_positions(fresh, object_ids={pk for _kind, pk in new_keys})
        entries = {**entries, **found}
    return replace(
        index,
        signature=signature,
        docs=docs,
        positions=positions,
        values=values,
        newest=newest,
        rank=rank,
        everything=(index.everything & ~clear) | bitset(fresh.values()),
        sort_keys=sort_keys,
        tax_of=tax_of,
        by_tax=by_tax,
        entries=entries,
        text_matches=OrderedDict(),  # matches are positions of documents whose text or bits may have changed
    )


def _reorder(index, removed, inserted, sort_keys, size):
    """The "newest first" order and ranks with `removed` taken out and `inserted` put in their places. Only the
    ranks between the first and last change are rewritten when as many come in as go out (a republish)."""
    newest, rank = list(index.newest), list(index.rank) + [0] * (size - len(index.rank))
    gone = sorted((index.rank[position] for position in removed), reverse=True)
    for place in gone:
        del newest[place]
    by_key = sort_keys.__getitem__
    for position in inserted:
        bisect.insort(newest, position, key=by_key)
    places = [*gone, *(bisect.bisect_left(newest, sort_keys[p], key=by_key) for p in inserted)]
    if not places:
        return newest, rank
    low = min(places)
    high = max(places) + 1 if len(gone) == len(inserted) else len(newest)
    for place in range(low, min(high, len(newest))):
        rank[newest[place]] = place
    return newest, rank


def docs_key(doc):
    kind = "glossary" if doc[0] == "glossary-term" else "page"
    return (kind, doc[1])


_lock = threading.Lock()
_cache = {}


def facet_index():
    """The current facet index for this database: one cheap query when nothing changed, the changed documents'
    bits when pages or terms were published, unpublished or deleted, a rebuild after a generation bump."""
    signature = read_signature()  # once per request, shared with the vocabulary
    current = _cache.get("index")
    if current is not None and current.signature == signature:
        return current
    with _lock:
        current = _cache.get("index")
        if current is None or current.signature != signature:
            changes = _changes_since(current, signature) if current is not None else None
            if changes is None:
                current = build(signature)
            elif changes[0] or changes[1]:
                current = apply_changes(current, signature, *changes[:2])
            elif changes[2]:  # text re-indexed: remembered full-text matches may be out of date
                current = replace(current, signature=signature, text_matches=OrderedDict())
            else:
                current = replace(current, signature=signature)
            _cache["index"] = current
    return current


def forget():
    """Drop this process's index (tests: a rolled-back database can repeat a signature with other content), and
    the signature a request left unfinished (a test's unread streaming response) may still hold."""
    _cache.clear()
    request_finished()
