"""Evaluations under way, per service × equity dimension, for the evidence gap map (search/gap_map.py).

From the database on every search backend (projects are few; the engine does not index them), in ONE SQL query
for the whole map, whatever the number of projects, services or dimensions.

A project counts when an anonymous reader may see it (live, no view restriction on it or an ancestor, not an
alias: the rules of search, in the same query through `portal.visibility.restricted_page_q`), its contact has not
closed it (`closed_at`) and its evaluation is not yet published: a project whose `published_evaluation` is live
and public has handed over to the evidence and leaves the count. It counts in the cells of its own services and
of its own equity dimensions only: the crosswalk's matching dimensions never add to it. Its link to /register/
names the cell's `service` and `equity` (and `place`); the register also lists projects that have handed over or
closed, marked as such. A service area counts each project of the area or of its services once.
"""

from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Q

from core.reader_memo import per_generation
from portal.visibility import restricted_page_q
from search.gap_map_cells import pages_per_cell


def counted_projects():
    """Registered projects that count as under way, as a queryset (no query until it is read)."""
    model = apps.get_model("register", "RegisteredProjectPage")
    projects = model.objects.filter(own_rows_q(model), live=True)
    return projects.filter(~restricted_page_q("path")).filter(under_way_q())


def own_rows_q(model):
    """The rows of a page type's own table, as a condition on its queryset. SQLite has no table statistics unless
    someone runs ANALYZE, so it takes any indexed test on the page table (`alias_of IS NULL`, the ordering by path)
    as the cheapest way in and reads every page of the site (~6 ms at 10,000 evaluations, growing with them);
    naming the few rows of the page type's own table makes it start there. PostgreSQL plans the same either way."""
    return Q(pk__in=model._base_manager.order_by().values("pk"))


def under_way_q():
    """Of public projects, those under way: not an alias (its source counts), not closed by its contact, and no
    live, public evaluation yet (handed over). The register's heading counts with it too (listing.py), so the two
    agree for the same filters."""
    handed_over = Q(published_evaluation__live=True) & ~restricted_page_q("published_evaluation__path")
    not_handed_over = Q(published_evaluation__isnull=True) | ~handed_over
    return Q(alias_of__isnull=True, closed_at__isnull=True) & not_handed_over


def ongoing_counts(dimension_ids, place=None):
    """{(service id, dimension id): projects under way}; a service area's key counts the area and its services,
    each project once. `dimension_ids`: the map's columns; `place`: a Place, or None for every place."""
    projects = counted_projects()
    if place is not None:
        projects = projects.filter(page_places__place=place)
    return pages_per_cell(projects, dimension_ids)


def register_path():
    """The register's address, from its index page (max_count 1), or "" when readers may not see it. Read once per
    content generation in a reader's request (core/reader_memo.py), as routing reads the site root's children."""

    def load():  # one query: the view restrictions are checked in it (restricted_page_q), not before it
        index = public_register_index().only("url_path").first()
        return (index.url or "") if index else ""

    return per_generation("register_path", load)


def public_register_index():
    """The register's index page if readers may see it, as a queryset."""
    model = apps.get_model("register", "RegisterIndexPage")
    return model.objects.live().filter(own_rows_q(model), ~restricted_page_q("path"))


def register_url(path, service, dimension, place=None):
    """The register at `path` (register_path(): read once per map) filtered to what a cell counts (the listing
    reads `service`, `equity` and `place`); "" without a register."""
    if not path:
        return ""
    params = [("service", service.slug), ("equity", dimension.slug)]
    if place is not None:
        params.append(("place", place.slug))
    return f"{path}?{urlencode(params)}"
