"""The linker's one pattern for all glossary names (evidence/glossary_links.names_pattern, a tree of the names'
shared beginnings) finds exactly what the plain alternation of the names, longest first, finds."""

import random
import re

from evidence.glossary_links import GlossaryLinker, Term, names_pattern

NAMES = [
    "core20",
    "core20plus5",
    "core 20 plus 5",
    "core",
    "co-production",
    "co-produced",
    "copd",
    "imd",
    "index of multiple deprivation",
    "index",
    "a&e",
    "c.diff",
    "people with a learning disability",
    "people",
    "ae",
]
TEXTS = [
    "Core20PLUS5 is not Core20, and Core 20 PLUS 5 is its other name; Core20-ish is not a name.",
    "The core of co-production: co-produced work, COPD clinics and an index (the IMD, or Index of Multiple "
    "Deprivation).",
    "A&E waits, C.diff cases; people with a learning disability; peoples; AE and ae-like words.",
    "core20plus50 core20plus5x xcore20 core20_ core20.",
]


def plain(names):
    ordered = sorted(names, key=len, reverse=True)
    return r"(?<![\w-])(" + "|".join(re.escape(name) for name in ordered) + r")(?![\w-])"


def matches(pattern, text):
    return [(m.start(), m.group(1)) for m in re.finditer(pattern, text, re.IGNORECASE)]


def test_the_tree_finds_what_the_longest_first_alternation_finds():
    tree = r"(?<![\w-])(" + names_pattern(NAMES) + r")(?![\w-])"
    for text in TEXTS:
        assert matches(tree, text) == matches(plain(NAMES), text), text
    assert [name for _, name in matches(tree, TEXTS[0])] == ["Core20PLUS5", "Core20", "Core 20 PLUS 5"]


def test_the_tree_agrees_on_random_names_and_texts():
    rng = random.Random(15)
    alphabet = "ab -1"
    for _ in range(200):
        names = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))).strip() or "a" for _ in range(6)}
        text = "".join(rng.choice(alphabet + ".,") for _ in range(60))
        tree = r"(?<![\w-])(" + names_pattern(names) + r")(?![\w-])"
        assert matches(tree, text) == matches(plain(names), text), (sorted(names), text)


def test_the_linker_links_the_longest_name_that_fits():
    terms = [
        Term("core20", "Core20", "The poorest fifth.", "/g/core20/"),
        Term("core20plus5", "Core20PLUS5", "A plan.", "/g/core20plus5/", aliases=("Core 20 PLUS 5",)),
    ]
    html = GlossaryLinker(terms).link("<p>Core20PLUS5-like, Core 20 PLUS 5 and Core20.</p>")
    assert 'href="/g/core20plus5/">Core 20 PLUS 5</a>' in html and 'href="/g/core20/">Core20</a>' in html
