"""The one faceted-search service used by the search page, the JSON API and the CSV export.

Backends answer a `SearchParams` with a `BackendAnswer` (total, the page of document refs, raw facet counts);
this module turns that into what people see: labelled facet values with drill-down counts and links, and
loaded result items.

Facet counts (the same for every backend): within a facet, values combine with OR; across facets, AND.
Each value's count is the number of results you get by clicking it: for a value not yet selected, the results
with it added to its facet's selection; for a selected value, how many of the current results have it.
"""

import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote_plus, urlencode

from django.db.models import F, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from evidence.models import (
    GlossaryTerm,
    Method,
    PageEquityDimension,
    PagePlace,
    PageService,
)
from portal.visibility import restricted_page_q

from .params import EXCLUDED_BY_DEFAULT, PAGE_SIZE, TYPES, InvalidParameter, SearchParams
from .results import FacetCounts, FacetValue, ResultItem
from .spelling import corrected_params, suggest
from .vocabulary import get_vocabulary

TYPE_LABELS = {
    "evaluation": "Evaluation",
    "summary": "Plain-language summary",
    "case-study": "Case study",
    "glossary-term": "Glossary term",
    "resource": "Resource",
    "event": "Event",
    "in-progress": "Evaluation in progress",
}
# How the page names the results of a type left out by default (EXCLUDED_BY_DEFAULT): one, and more than one.
EXCLUDED_NOUNS = {"in-progress": ("evaluation in progress", "evaluations in progress")}
METHOD_LABELS = dict(Method.choices)


@dataclass(frozen=True)
class AlsoMatching:
    """Results of a type left out by default (in progress) that match the search: how many, and the same search
    with them included."""

    type: str
    count: int
    url: str

    @property
    def noun(self):
        one, more = EXCLUDED_NOUNS.get(self.type, (TYPE_LABELS[self.type].lower(),) * 2)
        return one if self.count == 1 else more


@dataclass
class SearchPage:
    params: SearchParams
    total: int
    page: int
    num_pages: int
    items: list
    facets: dict
    glossary_match: object = None
    notices: list = field(default_factory=list)
    backend: str = "database"
    suggestion: object = None  # spelling.Suggestion: "Did you mean …?" when the query found little
    also_matching: list = field(default_factory=list)  # [AlsoMatching]: matches of types left out by default

    @property
    def start_index(self):
        return (self.page - 1) * PAGE_SIZE + 1 if self.total else 0

    @property
    def end_index(self):
        return min(self.page * PAGE_SIZE, self.total)

    def page_url(self, number):
        return "?" + urlencode([*self.params.query_items(), ("page", number)])


def get_backend(vocabulary):
    from .backends import select_backend

    return select_backend(vocabulary)


def run_search(params, request=None, *, strict=False, page_size=PAGE_SIZE, backend=None):
    vocabulary = get_vocabulary()
    backend = backend or get_backend(vocabulary)
    notices = list(params.notices)
    if params.q and not params.terms:
        notices.append("Your search had no words we could look for, so everything is shown.")

    offset = (params.page - 1) * page_size
    # An engine counts a spelling correction in the same request as the search (one `_msearch`); every backend
    # class says whether it does (counts_alongside).
    better = corrected_params(params, vocabulary) if backend.counts_alongside else None
    answer = backend.run(params, offset, page_size, also_count=better)
    num_pages = max(1, math.ceil(answer.total / page_size))
    page = params.page
    if page > num_pages:
        if strict:
            raise InvalidParameter("page", f"Page {page} does not exist: there are {num_pages} pages.")
        notices.append(
            "There is only 1 page of results, so you are on it."
            if num_pages == 1
            else f"There are only {num_pages} pages of results, so you are on the last one."
        )
        page = num_pages
        answer = backend.run(params, (page - 1) * page_size, page_size, also_count=better)
    notices += getattr(answer, "notices", [])

    return SearchPage(
        params=params,
        total=answer.total,
        page=page,
        num_pages=num_pages,
        items=load_items(answer.refs, params, request),
        facets=facet_values(params, answer, vocabulary),
        glossary_match=vocabulary.glossary_match(params.q) if params.q else None,
        notices=notices,
        backend=answer.backend,
        suggestion=suggest(params, answer, backend, vocabulary, better),
        also_matching=also_matching(params, answer),
    )


def also_matching(params, answer):
    """The matches of each type left out of these results by default (not asked for by name), with a link to the
    same search including them: every type when none was chosen (the results so far, and them), else the chosen
    types and this one. The number is what the link adds (the facet index's or the engine's count outside the
    type selection)."""
    counted = answer.facets.get("type", FacetCounts()).outside
    found = []
    for kind in EXCLUDED_BY_DEFAULT:
        if kind in params.types or not counted.get(kind):
            continue
        types = (*params.types, kind) if params.types else TYPES
        url = "?" + urlencode(params.query_items(type=types))
        found.append(AlsoMatching(kind, counted[kind], url))
    return found


# --- facets ---------------------------------------------------------------------------------------------


def _display_count(counts, key, selected, selection_active, total):
    inside = counts.in_selection.get(key, 0)
    if selected or not selection_active:
        return inside
    return total + counts.outside.get(key, 0)


def _toggle_url_maker(params, group):
    """A function of the group's new values giving the URL, the same as urlencode(params.query_items(...)).

    The rest of the query string is encoded once per group instead of once per facet value (~200 a page).
    """
    items = params.query_items(**{group: ("\x00",)})
    marker = items.index((group, "\x00"))
    before = urlencode(items[:marker])
    after = urlencode(items[marker + 1 :])

    def url(values):
        middle = "&".join(f"{group}={quote_plus(str(value))}" for value in values)
        return "?" + "&".join(part for part in (before, middle, after) if part)

    return url


def facet_values(params, answer, vocabulary):
    selections = params.selections()
    empty = FacetCounts()

    def build(group, options, counts_for):
        chosen = selections[group]
        # No type chosen: the results hold every type but those left out by default, and each type's count is
        # what choosing it alone gives (for a type left out, its matches outside the results).
        alone = group == "type" and not chosen
        toggle_url = _toggle_url_maker(params, group)
        values = []
        for option in options:
            slug, key = option["slug"], option["key"]
            selected = slug in chosen
            counts = counts_for(option)
            count = _display_count(counts, str(key), selected, bool(chosen), answer.total)
            if alone:
                count += counts.outside.get(str(key), 0)
            toggled = tuple(v for v in chosen if v != slug) if selected else (*chosen, slug)
            url = ""
            if selected or count:
                url = toggle_url(toggled)
            values.append(
                FacetValue(
                    slug=str(slug),
                    label=option["label"],
                    count=count,
                    selected=selected,
                    group=option.get("group", ""),
                    level=option.get("level", 0),
                    url=url,
                )
            )
        return values

    facets = answer.facets
    service_options = [
        {"slug": o.slug, "key": o.pk, "label": o.label, "group": o.group, "level": 1 if o.parent else 0}
        for o in vocabulary.services
    ]
    return {
        "service": build(
            "service",
            service_options,
            lambda o: facets.get("service" if o["level"] else "service-parent", empty),
        ),
        "equity": build(
            "equity",
            [{"slug": o.slug, "key": o.pk, "label": o.label, "group": o.group} for o in vocabulary.equity],
            lambda o: facets.get("equity", empty),
        ),
        "place": build(
            "place",
            [{"slug": o.slug, "key": o.pk, "label": o.label} for o in vocabulary.places],
            lambda o: facets.get("place", empty),
        ),
        "year": build(
            "year",
            [{"slug": y, "key": y, "label": str(y)} for y in _years(params, vocabulary, facets)],
            lambda o: facets.get("year", empty),
        ),
        "method": build(
            "method",
            [{"slug": o.slug, "key": o.slug, "label": o.label} for o in vocabulary.methods],
            lambda o: facets.get("method", empty),
        ),
        "type": build(
            "type",
            [{"slug": t, "key": t, "label": TYPE_LABELS[t]} for t in TYPES],
            lambda o: facets.get("type", empty),
        ),
        "changed": build(
            "changed",
            [{"slug": "yes", "key": "yes", "label": "Yes: something changed"}],
            lambda o: facets.get("changed", empty),
        ),
    }


def _years(params, vocabulary, facets):
    counted = facets.get("year", FacetCounts())
    years = set(vocabulary.years) | set(params.years)
    years |= {int(k) for k in (*counted.in_selection, *counted.outside) if str(k).isdigit()}
    return sorted(years, reverse=True)


# --- results --------------------------------------------------------------------------------------------


def _highlighter(terms):
    if not terms:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")", re.I)


def highlight(text, terms, width=240):
    """An escaped snippet of `text` around the first matched term, with matches wrapped in <mark>."""
    text = text or ""
    pattern = _highlighter(terms)
    match = pattern.search(text) if pattern else None
    if not match:
        return ""
    start = max(0, match.start() - width // 3)
    snippet = text[start : start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    marked = pattern.sub(lambda m: f"\x00{m.group(1)}\x01", snippet)
    marked = escape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")
    return mark_safe(prefix + marked + suffix)


class Tag(NamedTuple):
    slug: str
    name: str


def _relative_url(url_path, root_paths):
    for root in root_paths:
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


PAGE_RESULT_TYPES = tuple(t for t in TYPES if t != "glossary-term")
UNTAGGED = ("resource", "event")


def load_items(refs, params, request=None):
    """Load a page of results in a fixed number of queries, as plain values (no model instances to build)."""
    ids = {t: [r.pk for r in refs if r.type == t] for t in TYPE_LABELS}
    rows = {}
    page_ids = [pk for kind in PAGE_RESULT_TYPES for pk in ids[kind]]
    if page_ids:
        # One query for every page type (each type's own table LEFT JOINed to wagtailcore_page), so the count
        # is the same whichever mix of types a page of results holds.
        values = Page.objects.filter(pk__in=page_ids).values(
            "pk",
            "title",
            "url_path",
            evaluation_summary=F("evaluationpage__summary"),
            evaluation_date=F("evaluationpage__completed"),
            evaluation_method=F("evaluationpage__method"),
            evaluation_doi=F("evaluationpage__doi"),
            summary_summary=F("plainlanguagesummarypage__summary"),
            summary_tax=F("plainlanguagesummarypage__evaluation_id"),
            summary_date=F("plainlanguagesummarypage__evaluation__completed"),
            summary_method=F("plainlanguagesummarypage__evaluation__method"),
            summary_doi=F("plainlanguagesummarypage__evaluation__doi"),
            summary_evaluation_live=F("plainlanguagesummarypage__evaluation__live"),
            summary_evaluation_restricted=restricted_page_q("plainlanguagesummarypage__evaluation__path"),
            case_study_summary=F("casestudypage__summary"),
            case_study_date=F("casestudypage__date"),
            resource_summary=F("resourcepage__summary"),
            resource_method=F("resourcepage__method"),
            event_summary=F("eventpage__summary"),
            in_progress_summary=F("registeredprojectpage__summary"),
        )
        kinds = {pk: kind for kind in PAGE_RESULT_TYPES for pk in ids[kind]}
        for row in values:
            kind = kinds[row["pk"]]
            prefix = kind.replace("-", "_")
            if kind == "summary" and not (row["summary_evaluation_live"] and not row["summary_evaluation_restricted"]):
                # A hidden evaluation lends nothing: no year, tags, method or DOI.
                row["summary_tax"] = row["summary_date"] = row["summary_method"] = row["summary_doi"] = None
            rows[(kind, row["pk"])] = {
                "pk": row["pk"],
                "title": row["title"],
                "url_path": row["url_path"],
                "summary": row[f"{prefix}_summary"],
                "sort_date": row.get(f"{prefix}_date"),
                # Resources and events have no services, groups or places of their own.
                "tax": row["summary_tax"] if kind == "summary" else None if kind in UNTAGGED else row["pk"],
                "method": row.get(f"{prefix}_method") or "",
                "doi": row.get(f"{prefix}_doi") or "",
            }
    terms = {}
    if ids["glossary-term"]:
        terms = {
            t.pk: t for t in GlossaryTerm.objects.filter(pk__in=ids["glossary-term"]).only("term", "slug", "definition")
        }

    tax_ids = {row["tax"] for row in rows.values() if row["tax"]}
    services, equity, places = {}, {}, {}
    if tax_ids:
        # Services, equity dimensions and places in one query (UNION ALL), each in the order they were tagged.
        links = (
            PageService.objects.filter(page_id__in=tax_ids)
            .annotate(kind=Value(0))
            .values_list("kind", "pk", "page_id", "service__slug", "service__name")
        )
        dimension_links = (
            PageEquityDimension.objects.filter(page_id__in=tax_ids)
            .annotate(kind=Value(1))
            .values_list("kind", "pk", "page_id", "equity_dimension__slug", "equity_dimension__name")
        )
        place_links = (
            PagePlace.objects.filter(page_id__in=tax_ids)
            .annotate(kind=Value(2))
            .values_list("kind", "pk", "page_id", "place__slug", "place__name")
        )
        by_kind = (services, equity, places)
        for kind, _pk, page_id, slug, name in links.union(dimension_links, place_links, all=True).order_by(
            "kind", "pk"
        ):
            by_kind[kind].setdefault(page_id, []).append(Tag(slug, name))
    root_paths = Site.get_site_root_paths() if rows else []

    items = []
    for ref in refs:
        if ref.type == "glossary-term":
            term = terms.get(ref.pk)
            if term is not None:
                items.append(
                    ResultItem(
                        type=ref.type,
                        type_label=TYPE_LABELS[ref.type],
                        title=term.term,
                        url=term.url,
                        summary=term.definition,
                        services=[],
                        equity_dimensions=[],
                        year=None,
                        highlight=highlight(term.definition, params.terms),
                    )
                )
            continue
        row = rows.get((ref.type, ref.pk))
        if row is None:  # removed between the search and loading it
            continue
        url = _relative_url(row["url_path"], root_paths)
        if url is None:  # a page outside the default site's tree: let Wagtail work it out
            url = Page.objects.get(pk=row["pk"]).specific.get_url(request)
        items.append(
            ResultItem(
                type=ref.type,
                type_label=TYPE_LABELS[ref.type],
                title=row["title"],
                url=url,
                summary=row["summary"],
                services=services.get(row["tax"], []),
                equity_dimensions=equity.get(row["tax"], []),
                year=row["sort_date"].year if row["sort_date"] else None,
                highlight=highlight(row["summary"], params.terms),
                places=places.get(row["tax"], []),
                method=METHOD_LABELS.get(row["method"], row["method"]),
                date=row["sort_date"] if ref.type in ("evaluation", "summary") else None,
                doi=row["doi"],
            )
        )
    return items
