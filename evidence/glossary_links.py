"""Link glossary terms where they first appear in evidence text.

Pure functions over HTML (no database work here), so the rules are easy to test:
- whole words and phrases only, case-insensitive, aliases included; the longest name wins;
- each term is linked once per page, at its first occurrence in reading order;
- never inside headings (and heading-like table headers, captions, form labels), links, buttons, code or an
  existing glossary mark-up;
- output is escaped by the HTML serialiser, so definitions cannot inject mark-up.

Each link goes to the term's page (works everywhere) and is followed by a button that reveals the
definition with the HTML popover attribute: keyboard, touch and screen readers, no JavaScript needed.

Linking parses the whole text (about a third of an evaluation page's rendering), and its result depends only on
the text, the terms and what this page linked before it; so each result is remembered in this process (LinkedHtml,
LINKED_HTML_ENTRIES, least recently used first out) under exactly those, and the text is parsed once per change of
text or of any term (a term published, unpublished, renamed or redefined makes another list of terms).
"""

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString

SKIP_TAGS = {"a", "button", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "textarea", "title"}
# Heading-like too: table headers and captions, form labels; no link belongs inside a form control.
SKIP_TAGS |= {"th", "caption", "label", "legend", "select", "option"}
SKIP_CLASS = "glossary-term"
# The caption above a page's <h1> is part of the heading.
HEADING_CLASSES = {"nhsuk-caption-xl", "nhsuk-caption-l", "nhsuk-caption-m", "nhsuk-caption-s"}


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    definition: str
    url: str
    aliases: tuple = ()

    @property
    def names(self):
        return (self.term, *self.aliases)


class LinkedHtml:
    """Linked texts this process made, least recently used first out: {key: (html, terms it linked)}."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            held = self.entries.get(key)
            if held is not None:
                self.entries.move_to_end(key)
            return held

    def put(self, key, held):
        with self.lock:
            self.entries[key] = held
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


# An evaluation page's linked text is ~30 to 60 KB, so ~4 to 8 MB per process at most.
LINKED_HTML_ENTRIES = 128
linked_html = LinkedHtml(LINKED_HTML_ENTRIES)


def _matcher(terms):
    """{lower-case name: term} and one pattern for all names; made once per list of terms (the same list serves a
    process's pages until the content generation changes)."""
    by_name = {}
    for term in terms:
        for name in term.names:
            by_name.setdefault(name.lower(), term)
    if not by_name:
        return by_name, None
    return by_name, re.compile(r"(?<![\w-])(" + names_pattern(by_name) + r")(?![\w-])", re.IGNORECASE)


def names_pattern(names):
    """One regular expression for all the names, as a tree of their shared beginnings ("core(?:20(?:plus5)?|...)"),
    which matches exactly what the names joined with "|", longest first, match: at each place, the longest name
    that fits (a longer one is tried first, greedily) and, if its end is inside a word, the next shorter one. A
    plain alternation makes the engine try every name at every character: ~35 ms over an evaluation page's text
    with the demo's 885 names, against ~1 ms this way."""
    tree = {}
    for name in names:
        node = tree
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def pattern(node):
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


_matchers = {}  # tuple of terms -> _matcher(terms); a few lists at most (cleared when full)


@dataclass
class GlossaryLinker:
    """Links each term once across everything passed to `link` (one linker per rendered page)."""

    terms: list
    id_prefix: str = "glossary"
    linked: list = field(default_factory=list)

    def __post_init__(self):
        self._terms = tuple(self.terms)
        matcher = _matchers.get(self._terms)
        if matcher is None:
            matcher = _matcher(self._terms)
            if len(_matchers) >= 4:
                _matchers.clear()
            _matchers[self._terms] = matcher
        self._by_name, self._pattern = matcher

    def link(self, html):
        if not self._pattern or not html:
            return html or ""
        html = str(html)
        # Everything the result depends on: the terms, the popovers' id prefix, the terms linked before (each is
        # linked once, and the popovers are numbered on), and the text itself.
        key = (self._terms, self.id_prefix, tuple(self.linked), hashlib.blake2b(html.encode()).digest())
        held = linked_html.get(key)
        if held is None:
            before = len(self.linked)
            held = (self._link(html), tuple(self.linked[before:]))
            linked_html.put(key, held)
        else:
            self.linked.extend(held[1])
        return held[0]

    def _link(self, html):
        # Class attributes kept as written (not split into lists): a seventh of the parse, and nothing here needs it.
        soup = BeautifulSoup(html, "html.parser", multi_valued_attributes=None)
        for text_node in list(soup.find_all(string=True)):
            if not _skippable(text_node):
                self._link_text_node(soup, text_node)
        return str(soup)

    def _link_text_node(self, soup, node):
        text = str(node)
        pieces, cursor = [], 0
        for match in self._pattern.finditer(text):
            term = self._by_name[match.group(1).lower()]
            if term in self.linked:
                continue
            self.linked.append(term)
            pieces.append(text[cursor : match.start()])
            pieces.append(self._markup(soup, term, match.group(1)))
            cursor = match.end()
        if not pieces:
            return
        pieces.append(text[cursor:])
        for piece in pieces:
            node.insert_before(NavigableString(piece) if isinstance(piece, str) else piece)
        node.extract()

    def _markup(self, soup, term, shown):
        number = len(self.linked)
        popover_id = f"{self.id_prefix}-{term.slug}-{number}"
        wrapper = soup.new_tag("span", attrs={"class": SKIP_CLASS})
        anchor = soup.new_tag("a", href=term.url, attrs={"class": "glossary-term__link"})
        anchor.string = shown
        button = soup.new_tag(
            "button",
            type="button",
            popovertarget=popover_id,
            attrs={"class": "glossary-term__toggle", "aria-label": f"What “{shown}” means"},
        )
        button.string = "?"
        definition = soup.new_tag("span", id=popover_id, popover="auto", attrs={"class": "glossary-term__definition"})
        name = soup.new_tag("strong")
        name.string = term.term
        definition.append(name)
        definition.append(NavigableString(f": {term.definition} "))
        more = soup.new_tag("a", href=term.url)
        more.string = f"More about {term.term}"
        definition.append(more)
        # Escape and tapping outside close it too; a visible button helps those who do not know that.
        close = soup.new_tag(
            "button",
            type="button",
            popovertarget=popover_id,
            popovertargetaction="hide",
            attrs={"class": "glossary-term__close"},
        )
        close.string = "Close"
        definition.append(close)
        wrapper.extend([anchor, button, definition])
        return wrapper


def _skippable(node):
    for parent in node.parents:
        if parent.name in SKIP_TAGS:
            return True
        classes = set((parent.get("class") or "").split())
        if SKIP_CLASS in classes or classes & HEADING_CLASSES:
            return True
    return not str(node).strip()
