"""What a reader reads in a page's <main>, from the rendered HTML (html.parser, no regex over mark-up).

Used by tests/evidence/test_reader_language.py:
- `reading_text(main)`: the text a reader sees, each block (paragraph, list item, label, cell…) read as a
  sentence ending in a full stop, ready for `evidence.readability.measure`;
- `glossary_problems(main, terms)`: where a glossary term is not linked at its first occurrence, linked more
  than once, or linked inside a heading or another link.
"""

import re

from bs4 import BeautifulSoup, Comment, NavigableString

# Not on screen until asked for (the popover definition and its "?" button), or only on paper.
HIDDEN_CLASSES = {"glossary-term__definition", "glossary-term__toggle", "portal-print-only"}
NOT_TEXT = {"script", "style", "template", "noscript"}
# Text read as its own sentence.
BLOCKS = {
    "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "th", "td", "caption", "label", "legend",
    "button", "figcaption", "blockquote", "div", "section", "ul", "ol", "dl", "table", "tr", "form", "fieldset",
}  # fmt: skip
# Headings and heading-like labels: never linked to the glossary.
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "th", "caption", "legend", "label"}
HEADING_CLASS = re.compile(r"^nhsuk-caption-")  # the caption above a page's <h1>
GLOSSARY_LINK = "glossary-term__link"
# The page's own list of the terms it explains: a glossary in itself, not text to link again.
EXPLAINED_CLASS = "portal-explained"


def main_of(html):
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main is not None, "page has no <main>"
    return main


def _classes(tag):
    return set(tag.get("class") or [])


def _hidden(node):
    return any(p.name in NOT_TEXT or _classes(p) & HIDDEN_CLASSES for p in node.parents)


def reading_text(main):
    sentences, buffer = [], []

    def flush():
        text = re.sub(r"\s+", " ", "".join(buffer)).strip()
        buffer.clear()
        if not text:
            return
        text = text.rstrip(":;,– ").strip()
        if text and text[-1] not in ".!?":
            text += "."
        sentences.append(text)

    def walk(tag):
        for child in tag.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                buffer.append(str(child))
                continue
            if child.name in NOT_TEXT or _classes(child) & HIDDEN_CLASSES:
                continue
            if child.name == "br":
                flush()
                continue
            block = child.name in BLOCKS or "nhsuk-tag" in _classes(child)  # a tag is a label of its own
            if block:
                flush()
            walk(child)
            if block:
                flush()

    walk(main)
    flush()
    return " ".join(sentences)


def names_pattern(terms):
    """terms: {slug: [name, alias, …]}. Whole words, case-insensitive, the longest name first."""
    by_name = {}
    for slug, names in terms.items():
        for name in names:
            by_name.setdefault(name.lower(), slug)
    ordered = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w-])", re.IGNORECASE)
    return pattern, by_name


def _heading_like(tag):
    return tag.name in HEADINGS or any(HEADING_CLASS.match(c) for c in _classes(tag))


def glossary_problems(main, terms):
    pattern, by_name = names_pattern(terms)
    seen = {}  # slug -> ["linked" | "unlinked: <context>", …] in reading order
    problems = []
    for node in main.find_all(string=True):
        if isinstance(node, Comment) or _hidden(node):
            continue
        parents = list(node.parents)
        if any(EXPLAINED_CLASS in _classes(p) for p in parents):
            continue
        glossary_link = next((p for p in parents if p.name == "a" and GLOSSARY_LINK in _classes(p)), None)
        if glossary_link is not None:
            slug = glossary_link["href"].rstrip("/").rsplit("/", 1)[-1]
            seen.setdefault(slug, []).append("linked")
            outer = [p for p in glossary_link.parents if _heading_like(p) or p.name in {"a", "button"}]
            if outer:
                problems.append(f"{slug}: linked inside <{outer[0].name}>")
            continue
        if any(_heading_like(p) or p.name in {"a", "button"} for p in parents):
            continue  # headings and other links are not linked: their terms are not counted
        text = str(node)
        for match in pattern.finditer(text):
            slug = by_name[match.group(1).lower()]
            context = text[max(0, match.start() - 30) : match.end() + 30].strip()
            seen.setdefault(slug, []).append(f"unlinked: …{context}…")
    for slug, events in seen.items():
        if events[0] != "linked":
            problems.append(f"{slug}: first occurrence not linked ({events[0]})")
        if events.count("linked") > 1:
            problems.append(f"{slug}: linked {events.count('linked')} times")
    return problems


# What editors and advisers wrote, as opposed to the page's fixed wording: title, one-sentence summary, body
# blocks, the titles of related pages, and the glossary's own terms and definitions.
CONTENT_SELECTORS = ["h1", ".nhsuk-lede-text", "[class*=block-]", ".portal-related a", ".portal-explained dl"]


def furniture_only(main):
    """A copy of <main> with the written content taken out: the page's own fixed wording (and people's names)."""
    furniture = BeautifulSoup(str(main), "html.parser").find("main")
    for selector in CONTENT_SELECTORS:
        for element in furniture.select(selector):
            element.decompose()
    return furniture
