"""Concept mapping, as PubMed maps query words to MeSH: a phrase in the query that names a service or an equity
dimension (its label, or any name of the glossary entry that explains it: term, aliases; in any English word form)
also finds what is tagged with that concept.

"ethnic minorities" then finds evaluations tagged "Ethnic minority communities" as well as those that say the
words: each mapped phrase matches (its words in the text) OR (tagged with the concept), and the other words of the
query must still match. The page says what was added ("Also searching: …") with a link to search without it.
Names and queries are compared as Snowball English stems of their meaningful words (search.words.STOP_WORDS out).
"""

import re
from dataclasses import dataclass
from functools import cache

from .words import STOP_WORDS

KINDS = {"service": "service", "equity": "equity dimension"}
_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stems(words):
    return tuple(_stemmer().stemWords([w.lower() for w in words]))


def name_stems(name):
    """A concept name as the stems of its meaningful words (as a query's terms are chosen)."""
    words = [w.lower() for w in _WORD.findall(name)]
    return stems([w for w in words if w not in STOP_WORDS])


@dataclass(frozen=True)
class ConceptName:
    stems: tuple
    kind: str  # "service" | "equity"
    pk: int
    slug: str
    label: str


@dataclass(frozen=True)
class ConceptMatch:
    kind: str
    pk: int
    slug: str
    label: str
    terms: tuple  # the query's terms that named it

    @property
    def kind_label(self):
        return KINDS[self.kind]


def concept_names(options, entry_names):
    """ConceptNames from the taxonomy (`options`: [(kind, Option)]) and the names of the glossary entries that
    explain concepts (`entry_names`: {(kind, pk): [name, …]}). Longest first, so the longest phrase wins."""
    names = {}
    for kind, option in options:
        for name in [option.label, *entry_names.get((kind, option.pk), [])]:
            key = name_stems(name)
            if key and key not in names:
                names[key] = ConceptName(key, kind, option.pk, option.slug, option.label)
    return tuple(sorted(names.values(), key=lambda n: -len(n.stems)))


def map_concepts(terms, names):
    """The concepts named in `terms` (a query's meaningful words, in order): each phrase once, longest first,
    phrases never overlapping; one match per concept."""
    if not terms or not names:
        return ()
    query = stems(terms)
    by_first = {}
    for name in names:
        by_first.setdefault(name.stems[0], []).append(name)
    found, seen, i = [], set(), 0
    while i < len(query):
        for name in by_first.get(query[i], ()):
            end = i + len(name.stems)
            if query[i:end] == name.stems:
                if (name.kind, name.pk) not in seen:
                    seen.add((name.kind, name.pk))
                    found.append(ConceptMatch(name.kind, name.pk, name.slug, name.label, tuple(terms[i:end])))
                i = end
                break
        else:
            i += 1
    return tuple(found)
