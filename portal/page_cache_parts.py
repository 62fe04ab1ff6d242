"""Parts of a reader's page rendered once per page revision and content generation, in each process.

The page cache (portal/page_cache.py) stores whole pages by their full address; a page it does not hold (a new
query string, a page pushed out, another host's copy) is rendered afresh. Its costliest parts depend only on the
page's live revision and on what else the site holds: the glossary-linked body and the schema.org JSON-LD. Those are
kept here under the page cache's own key parts: the content generation (raised in the same transaction as any
publish, unpublish, move, glossary, taxonomy, settings or restriction change, so a change is never followed by an
old part, in any process), today's date, the scheme and host, and the page's id, live revision and publication
moment. Only in a reader's page request (the page cache middleware sets the generation): previews, signed-in users
and the admin always render afresh. Each process keeps at most PARTS_ENTRIES pages (~50 KB each), least recently
used first out.
"""

import threading
from collections import OrderedDict

from django.utils import timezone

from core.generation import request_generation

PARTS_ENTRIES = 128


class PageParts:
    """The parts held for one page revision (a dict of name -> value), shared by its renderings."""

    def __init__(self, parts):
        self.parts = parts

    def get(self, name):
        return self.parts.get(name)

    def put(self, name, value):
        self.parts[name] = value

    def has(self, *names):
        return all(name in self.parts for name in names)


class RenderedParts:
    """{key: PageParts}, least recently used first out."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def for_key(self, key):
        with self.lock:
            held = self.entries.get(key)
            if held is None:
                held = self.entries[key] = PageParts({})
                while len(self.entries) > self.size:
                    self.entries.popitem(last=False)
            else:
                self.entries.move_to_end(key)
            return held

    def clear(self):
        with self.lock:
            self.entries.clear()


rendered_parts = RenderedParts(PARTS_ENTRIES)


def page_parts(request, page):
    """The parts held for this page in a reader's page request, or None (render everything afresh)."""
    generation = request_generation.get()
    if generation is None or request is None or page.live_revision_id is None or not page.live:
        return None
    published = page.last_published_at.timestamp() if page.last_published_at else None
    key = (
        generation,
        timezone.localdate(),
        request.scheme,
        request.get_host(),
        page.pk,
        page.live_revision_id,
        published,
    )
    return rendered_parts.for_key(key)


def after_rendering(response, parts):
    """Mark the page's parts complete once its response has rendered (and stored every part it renders from them):
    the page's later renderings may then skip loading what only those parts read."""
    if parts is not None and not parts.has(RENDERED):
        response.add_post_render_callback(lambda _response: parts.put(RENDERED, True))
    return response


RENDERED = "rendered"
