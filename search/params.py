"""Search parameters: parsed once, the same way for the page, the API, the CSV export and the gap map links.

Lenient parsing (the HTML page) turns bad input into notices; strict parsing (the API) raises InvalidParameter.
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace

from .facets import GROUPS
from .words import STOP_WORDS

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
PAGE_SIZE = 20
SORTS = ("relevance", "newest")
TYPES = ("evaluation", "summary", "case-study", "glossary-term", "resource", "event", "in-progress")
# Types a search leaves out unless asked for by name (type=in-progress): readers searching the evidence get finished
# evidence first; the page offers the projects under way with one click (SearchPage.excluded_matches).
EXCLUDED_BY_DEFAULT = ("in-progress",)
DEFAULT_TYPES = tuple(t for t in TYPES if t not in EXCLUDED_BY_DEFAULT)
FACET_PARAMS = GROUPS  # search/facets.py
CHANGED_VALUES = ("yes",)  # the "led to a change" facet's one value
# crosswalk=off: equity dimensions select and count only themselves, not their matches in other frameworks.
CROSSWALK_VALUES = ("on", "off")
# concepts=off: phrases naming a service or an equity dimension find only their words (search/concepts.py).
CONCEPT_VALUES = ("on", "off")
KNOWN_PARAMS = {"q", "sort", "page", "format", "crosswalk", "concepts", *FACET_PARAMS}
MAX_VALUES_PER_FACET = 50
# "pharmacy OR dentist": at most this many alternatives are searched.
MAX_ALTERNATIVES = 5

# Words that full-text engines treat as operators; searched as ordinary words instead.
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(text):
    """The words of `text` as a search reads them (letters and digits; punctuation and syntax dropped)."""
    return _WORD.findall(text)


class InvalidParameter(ValueError):
    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    services: tuple = ()
    equity: tuple = ()
    places: tuple = ()
    years: tuple = ()
    methods: tuple = ()
    types: tuple = ()
    changed: tuple = ()  # ("yes",): only evaluations that led to a change
    sort: str = "newest"
    page: int = 1
    crosswalk: bool = True  # include matching dimensions of other frameworks (evidence/crosswalk.py)
    concept_mapping: bool = True  # phrases naming a concept also find what is tagged with it
    concepts: tuple = ()  # ConceptMatch (search/concepts.py) found in the query, when concept_mapping is on
    # "pharmacy OR dentist": one SearchParams per alternative (same filters; its own terms and concepts), any of
    # which a result must match. () for a query without an upper-case OR.
    alternatives: tuple = field(default=(), repr=False)
    notices: tuple = field(default=(), compare=False)

    @property
    def terms(self):
        """The words sent to the search engine: letters and digits only, no operators or syntax, and without
        STOP_WORDS unless nothing else was typed."""
        words = [w.lower() for w in words_of(self.q) if w.upper() not in _OPERATORS and w.strip("_")]
        meaningful = [w for w in words if w not in STOP_WORDS]
        return (meaningful or words)[:MAX_TERMS]

    @property
    def engine_query(self):
        return " ".join(self.terms)

    @property
    def unmapped_terms(self):
        """The terms no concept was found for: they must match the text whatever the concepts."""
        mapped = [term for concept in self.concepts for term in concept.terms]
        rest = list(self.terms)
        for term in mapped:
            rest.remove(term)
        return rest

    def selections(self):
        return {
            "service": self.services,
            "equity": self.equity,
            "place": self.places,
            "year": self.years,
            "method": self.methods,
            "type": self.types,
            "changed": self.changed,
        }

    def has_filters(self):
        return any(self.selections().values())

    def query_items(self, **changes):
        """(name, value) pairs for a URL, with `changes` applied (facet name -> tuple of values)."""
        selections = self.selections() | changes
        items = [("q", self.q)] if self.q else []
        for name in FACET_PARAMS:
            items += [(name, str(value)) for value in selections[name]]
        if self.sort != default_sort(self.q):
            items.append(("sort", self.sort))
        if not self.crosswalk:
            items.append(("crosswalk", "off"))
        if not self.concept_mapping:
            items.append(("concepts", "off"))
        return items


def split_alternatives(q):
    """The parts of a query joined by an upper-case OR, as PubMed and web search engines read it ("or" in lower
    case is an ordinary word). A query without OR, or with nothing on one side of it, is one part."""
    parts, words = [], []
    for word in q.split():
        if word == "OR":
            parts.append(" ".join(words))
            words = []
        else:
            words.append(word)
    parts.append(" ".join(words))
    # A part with nothing to search for ("NOT", "!!") is no alternative: it would match everything.
    parts = [part for part in parts if any(w.upper() not in _OPERATORS for w in _WORD.findall(part))]
    return parts if len(parts) > 1 else [q]


def default_sort(q):
    return "relevance" if q else "newest"


def _clean_text(value):
    value = value.replace("\x00", "")
    value = "".join(ch for ch in value if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    return " ".join(value.split())


def parse(querydict, *, strict=False, vocabulary=None):
    """Parse a QueryDict. `vocabulary` (search.vocabulary.Vocabulary) validates facet slugs."""
    notices = []

    def problem(name, message, consequence=""):
        # The page explains what it did instead; the API refuses and says why.
        if strict:
            raise InvalidParameter(name, message)
        notices.append(f"{message[:-1]}, {consequence}." if consequence else message)

    if strict:
        unknown = sorted(set(querydict.keys()) - KNOWN_PARAMS)
        if unknown:
            raise InvalidParameter(
                unknown[0], f"Unknown parameter '{unknown[0]}'. Known: {', '.join(sorted(KNOWN_PARAMS))}."
            )

    raw_q = querydict.getlist("q")
    q = _clean_text(raw_q[-1] if raw_q else "")
    if len(q) > MAX_QUERY_LENGTH:
        q = q[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or q[:MAX_QUERY_LENGTH]
        notices.append(
            f"Your search was longer than {MAX_QUERY_LENGTH} characters, so we searched for the first part only."
        )

    def values(name, allowed=None, convert=str, label=None):
        seen, result = set(), []
        for raw in querydict.getlist(name)[: MAX_VALUES_PER_FACET * 2]:
            raw = _clean_text(raw)
            if not raw:
                continue
            try:
                value = convert(raw)
            except ValueError:
                problem(name, f"'{raw[:40]}' is not a valid {label or name}.", "so it was ignored")
                continue
            if allowed is not None and value not in allowed:
                problem(name, f"There is no {label or name} called '{raw[:40]}'.", "so it was ignored")
                continue
            if value not in seen:
                seen.add(value)
                result.append(value)
        if len(result) > MAX_VALUES_PER_FACET:
            problem(
                name,
                f"Too many {label or name} values (at most {MAX_VALUES_PER_FACET}).",
                "so the first ones were used",
            )
            result = result[:MAX_VALUES_PER_FACET]
        return tuple(result)

    def year(raw):
        number = int(raw)
        if not 1900 <= number <= 2100:
            raise ValueError(raw)
        return number

    vocab = vocabulary
    services = values("service", vocab and vocab.service_slugs, label="service")
    equity = values("equity", vocab and vocab.equity_slugs, label="equity dimension")
    places = values("place", vocab and vocab.place_slugs, label="place")
    years = values("year", convert=year, label="year")
    methods = values("method", vocab and vocab.method_slugs, label="method")
    types = values("type", set(TYPES), label="type")
    changed = values("changed", set(CHANGED_VALUES), label="'led to a change' value")

    sort_values = querydict.getlist("sort")
    sort = sort_values[-1] if sort_values else default_sort(q)
    if sort not in SORTS:
        problem(
            "sort", f"Results can be sorted by {' or '.join(SORTS)}, not '{sort[:20]}'.", "so the usual order is used"
        )
        sort = default_sort(q)
    if sort == "relevance" and not q:
        sort = "newest"

    # The search form sends a hidden "off" before the checkbox's "on": the last value is the reader's choice.
    crosswalk_values = [value.strip().lower() for value in querydict.getlist("crosswalk")]
    crosswalk = crosswalk_values[-1] if crosswalk_values else "on"
    if crosswalk not in CROSSWALK_VALUES:
        problem("crosswalk", "crosswalk must be 'on' or 'off'.", "so matching groups are included")
        crosswalk = "on"

    concept_values = [value.strip().lower() for value in querydict.getlist("concepts")]
    concept_mapping = concept_values[-1] if concept_values else "on"
    if concept_mapping not in CONCEPT_VALUES:
        problem("concepts", "concepts must be 'on' or 'off'.", "so services and groups named in it are included")
        concept_mapping = "on"

    page_values = querydict.getlist("page")
    page = 1
    if page_values:
        try:
            page = int(page_values[-1])
        except ValueError:
            problem("page", "The page number must be a whole number.", "so you are on page 1")
        else:
            if page < 1:
                problem("page", "Page numbers start at 1.", "so you are on page 1")
                page = 1
            elif page > 100_000:
                problem("page", "That page number is too large.", "so the last page is shown")
                page = 100_000

    params = SearchParams(
        q=q,
        services=services,
        equity=equity,
        places=places,
        years=years,
        methods=methods,
        types=types,
        changed=changed,
        sort=sort,
        page=page,
        crosswalk=crosswalk == "on",
        concept_mapping=concept_mapping == "on",
        notices=tuple(notices),
    )
    return with_query(params, q, vocab)


def with_query(params, q, vocabulary=None):
    """`params` searching for `q`: its OR alternatives and the concepts they name (with a vocabulary) worked out
    again. Use this, not `replace(params, q=…)`, for a search that will be run."""
    params = replace(params, q=q, concepts=(), alternatives=())
    parts = split_alternatives(q)
    if len(parts) > MAX_ALTERNATIVES:
        notice = f"You can join up to {MAX_ALTERNATIVES} searches with OR, so we searched for the first ones."
        params = replace(params, notices=(*params.notices, notice))
        parts = parts[:MAX_ALTERNATIVES]
    mapping = vocabulary is not None and params.concept_mapping
    if mapping:
        from .concepts import map_concepts
    if len(parts) == 1:
        return replace(params, concepts=map_concepts(params.terms, vocabulary.concepts)) if mapping else params
    alternatives = []
    for part in parts:
        alternative = replace(params, q=part, notices=())
        if mapping:
            alternative = replace(alternative, concepts=map_concepts(alternative.terms, vocabulary.concepts))
        alternatives.append(alternative)
    # The page says which concepts any alternative added.
    concepts = tuple(dict.fromkeys(concept for alternative in alternatives for concept in alternative.concepts))
    return replace(params, alternatives=tuple(alternatives), concepts=concepts)
