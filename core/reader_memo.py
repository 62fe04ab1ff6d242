"""What every reader's page reads, remembered by each process for one content generation
(home/content_generation.py).

Routing to a page, checking its view restrictions and filtering lists with `.public()` read the same few rows on
every request: the site root's children, the page view restrictions and the alias pages. Each of those changes
only with a publish, unpublish, move, delete or view-restriction change, and each of those raises the content
generation in its own transaction. So within a reader's page request (portal/page_cache.py sets the generation)
these are read once per process per generation, and never used after a change, whatever the page cache holds.
Outside a reader's page request (admin, previews, signed-in users, commands) everything is read afresh.
"""

import copy

from django.db.models import Q

from core.generation import request_generation

MAX_CHILDREN = 200  # root children remembered per generation; only real slugs are stored, so this is a backstop

_memos = {}  # key -> (generation, value)


def reader_generation():
    """The content generation of the reader's page request being served, or None."""
    return request_generation.get()


def per_generation(key, load):
    generation = reader_generation()
    if generation is None:
        return load()
    held = _memos.get(key)
    if held is not None and held[0] == generation:
        return held[1]
    value = load()
    if held is not None or len(_memos) < 64:
        _memos[key] = (generation, value)
    return value


def _view_restrictions():
    """Every page view restriction as (id, page path, page depth): a site has a handful."""
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.values_list("pk", "page__path", "page__depth"))


def _alias_paths():
    from wagtail.models import Page

    # Ordered by alias_of so SQLite reads its index: in path order (Page's default) it read every page (~4-6 ms
    # per process after each publish at 10,000 evaluations; the few aliases in ~0.2 ms this way).
    return list(Page.objects.filter(alias_of__isnull=False).order_by("alias_of").values_list("path", flat=True))


def private_q():
    """What `PageQuerySet.private_q()` builds (a restricted page and its descendants), from the memo."""
    q = Q()
    for _pk, path, depth in per_generation("view_restrictions", _view_restrictions):
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])  # matches nothing: no SQL condition at all


def public(queryset):
    """`queryset.live().public()`, with the view restrictions from the memo in a reader's request."""
    if reader_generation() is None:
        return queryset.live().public()
    return queryset.live().exclude(private_q())


def view_restrictions_for(page):
    """What `page.get_view_restrictions()` returns (a queryset), without a query when none applies; None outside a
    reader's request, or for a page under an alias (Wagtail resolves aliases to their source pages: let it)."""
    from wagtail.models import PageViewRestriction

    if reader_generation() is None or page.alias_of_id or not page.path:
        return None
    if any(page.path.startswith(path) for path in per_generation("alias_paths", _alias_paths)):
        return None
    restrictions = per_generation("view_restrictions", _view_restrictions)
    ids = [pk for pk, path, _depth in restrictions if page.path.startswith(path)]
    return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()


def root_child(root, slug):
    """The specific child page of the site root with this slug (the listings, glossary, standard pages), as a copy
    of this process's instance for the generation: routing to any page below them costs no query for them. None
    when there is none (the caller lets Wagtail answer) or outside a reader's request."""
    if reader_generation() is None:
        return None
    children = per_generation(("root_children", root.pk), dict)
    child = children.get(slug)
    if child is None:
        child = root.get_children().filter(slug=slug).specific().first()
        if child is None:
            return None
        if len(children) < MAX_CHILDREN:
            children[slug] = child
    return copy.copy(child)  # the request may set attributes on its page (context, parents): not on the memo
