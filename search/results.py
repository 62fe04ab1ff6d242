"""What a search returns, whichever backend answered it."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocRef:
    """One result before it is loaded: its type and primary key."""

    type: str
    pk: int


@dataclass
class FacetCounts:
    """Raw counts for one facet group over the results matching every *other* group's selection.

    in_selection[key]: documents with this value that also match this group's current selection.
    outside[key]: documents with this value that do not.
    """

    in_selection: dict = field(default_factory=dict)
    outside: dict = field(default_factory=dict)


@dataclass
class BackendAnswer:
    total: int
    refs: list  # DocRef for the requested page, in order
    facets: dict  # group name -> FacetCounts
    backend: str = "database"
    # The total of the search asked for with `also_count` (a spelling correction), when the backend counted it in
    # the same request; None when it was not asked or the backend leaves it to the caller.
    also_counted: int | None = None


@dataclass(frozen=True)
class FacetValue:
    slug: str
    label: str
    count: int
    selected: bool
    group: str = ""
    level: int = 0
    url: str = ""


@dataclass
class ResultItem:
    type: str
    type_label: str
    title: str
    url: str
    summary: str
    services: list
    equity_dimensions: list
    year: object
    highlight: str = ""
    places: list = field(default_factory=list)
    method: str = ""  # the evaluation's method, as its label
    date: object = None  # when the evaluation (or a summary's evaluation) was completed
    doi: str = ""
