"""Did you mean …? A corrected query from the portal's own words, offered when a search finds little.

The word list holds only what readers may see: published glossary terms and aliases, taxonomy names (services,
equity dimensions, places) and the words of public pages' titles and one-sentence summaries. Drafts and
privacy-restricted pages lend nothing (`public_pages`).

Each process builds it lazily, on the first search that needs it, and keeps it for the vocabulary object it was
built from (search/vocabulary.py): a new vocabulary (after a publish, unpublish, glossary or taxonomy change or view
restriction) means a new word list, built in the background (`word_list`). At most MAX_WORDS words are kept (the
most frequent), so memory stays bounded however large the corpus.

Closest words come from rapidfuzz (optimal string alignment distance: a swapped pair of letters counts as one
edit); it compares a word with 20,000 known words in about 1.5 ms, where difflib takes about 20 ms.
"""

import logging
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.db.models import F, Q
from rapidfuzz import process
from rapidfuzz.distance import OSA

from portal.visibility import public_pages

from .params import MAX_TERMS, with_query

logger = logging.getLogger(__name__)

# A search finding fewer results than this gets a suggestion when one finds more.
FEW_RESULTS = 3
MAX_WORDS = 50_000
MIN_WORD_LENGTH = 3
CANDIDATES = 10  # closest words compared by frequency
RARE, RARE_RATIO = 3, 5  # a word seen fewer than RARE times may be a typo of one seen RARE_RATIO times as often
_WORD = re.compile(r"[^\W\d_]+")  # letters only: numbers and codes are never "corrected"
_KNOWN_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_LENGTH},}}")


@dataclass(frozen=True)
class Suggestion:
    q: str
    url: str  # "?q=…&<the same filters>"


class WordList:
    def __init__(self, frequency):
        """`frequency`: word -> times seen, most frequent first (ties then go to the commoner word)."""
        self.frequency = frequency
        self.known = frozenset(frequency)
        self.by_length = {}  # only words within `limit` letters of the typed one can be `limit` edits away
        for word in frequency:
            self.by_length.setdefault(len(word), []).append(word)

    def closest(self, word):
        """The known word nearest to `word` (one edit for words up to 5 letters, two beyond), or None.

        A known but rare word (a typo in a page: "pharmcy" once) gives way to a word one edit away that is
        RARE_RATIO times as frequent ("pharmacy" 40 times); the search it offers must still find more."""
        seen = self.frequency.get(word, 0)
        if seen >= RARE:
            return None
        limit = 1 if seen or len(word) <= 5 else 2
        found = []
        for length in range(len(word) - limit, len(word) + limit + 1):
            words = self.by_length.get(length, ())
            found += process.extract(word, words, scorer=OSA.distance, score_cutoff=limit, limit=CANDIDATES)
        found = [hit for hit in found if hit[0] != word and self.frequency[hit[0]] >= seen * RARE_RATIO]
        if not found:
            return None
        return min(found, key=lambda hit: (hit[1], -self.frequency[hit[0]]))[0]


def _count_words(texts, counts):
    counts.update(_KNOWN_WORD.findall(" ".join(filter(None, texts)).lower()))


def build_word_list(vocabulary):
    counts = Counter()
    _count_words((option.label for option in (*vocabulary.services, *vocabulary.equity, *vocabulary.places)), counts)
    _count_words((name.name for name in vocabulary.glossary), counts)  # published terms and aliases only
    # Two queries (Wagtail's view restrictions, then the pages): titles and summaries of the public evaluations,
    # summaries and case studies.
    pages = (
        public_pages()
        .filter(
            Q(evaluationpage__isnull=False) | Q(plainlanguagesummarypage__isnull=False) | Q(casestudypage__isnull=False)
        )
        .values_list(
            "title",
            F("evaluationpage__summary"),
            F("plainlanguagesummarypage__summary"),
            F("casestudypage__summary"),
        )
    )
    batch = []
    for row in pages.iterator(chunk_size=2000):
        batch += row
        if len(batch) >= 8000:
            _count_words(batch, counts)
            batch = []
    _count_words(batch, counts)
    return WordList(dict(counts.most_common(MAX_WORDS)))


_lock = threading.Lock()
_memo = {}


def word_list(vocabulary):
    """The word list for `vocabulary` (or, while a newer one is due or being built, the previous one).

    The first list of a process is built in the request that needs it. After that, a new vocabulary (a publish)
    has its list built in a background thread while searches go on with the previous one: building reads every
    public page's title and summary (seconds at 100,000 evaluations), and with an engine every search with words
    asks for it. So that an editor publishing every second does not keep both workers' CPUs rebuilding (measured:
    search p95 2.5 s while publishing at 100,000), a process builds one list at a time and at most one every
    SPELLING_REBUILD_SECONDS. A previous list cannot leak: a suggestion is only offered when the corrected search
    finds more public results (`suggest`), so a word only a now-hidden page had finds nothing and is never offered;
    a newly published word is suggested once the next list is built.
    SPELLING_REBUILD_INLINE (tests) builds every list in the request instead."""
    held = _memo.get("words")
    if held is not None and held[0] is vocabulary:
        return held[1]
    if held is not None and not getattr(settings, "SPELLING_REBUILD_INLINE", False):
        if time.monotonic() - held[2] >= settings.SPELLING_REBUILD_SECONDS:
            _rebuild_in_background(vocabulary)
        return held[1]
    with _lock:
        held = _memo.get("words")
        if held is None or held[0] is not vocabulary:
            held = (vocabulary, build_word_list(vocabulary), time.monotonic())
            _memo["words"] = held
    return held[1]


def _rebuild_in_background(vocabulary):
    with _lock:
        if _memo.get("building") is not None:  # one build at a time; the next request after it asks again
            return
        _memo["building"] = vocabulary

    def build():
        try:
            words = build_word_list(vocabulary)
            with _lock:
                current = _memo.get("words")
                if current is None or current[0] is not vocabulary:
                    _memo["words"] = (vocabulary, words, time.monotonic())
        except Exception:
            logger.exception("Could not rebuild the spelling word list")
        finally:
            with _lock:
                _memo.pop("building", None)
            connection.close()  # this thread's own database connection

    threading.Thread(target=build, name="spelling-word-list", daemon=True).start()


def corrected_query(q, words):
    """`q` with each unknown word replaced by its closest known word; None when nothing changes."""
    changed = False
    looked_up = 0

    def fix(match):
        nonlocal changed, looked_up
        typed = match.group(0)
        lower = typed.lower()
        if len(lower) < MIN_WORD_LENGTH or looked_up >= MAX_TERMS:  # as many words as the search itself uses
            return typed
        looked_up += 1
        better = words.closest(lower)
        if better is None or better == lower:
            return typed
        changed = True
        return better

    fixed = _WORD.sub(fix, q)
    return fixed if changed else None


def corrected_params(params, vocabulary):
    """The search with each unknown word of its query corrected (the same filters, page 1), or None."""
    if not params.q:
        return None
    try:
        fixed = corrected_query(params.q, word_list(vocabulary))
    except Exception:  # a suggestion is a nicety: never let it break the search
        logger.exception("No spelling suggestion for %r", params.q)
        return None
    if fixed is None:
        return None
    return with_query(replace(params, page=1, notices=()), fixed, vocabulary)


def suggest(params, answer, backend, vocabulary, better=None):
    """A better query for a search that found fewer than FEW_RESULTS, or None.

    An engine counts the correction (`better`, worked out before searching) in the same request as the search
    (`answer.also_counted`); the database counts it here, only when the search found little."""
    if not params.q or answer.total >= FEW_RESULTS:
        return None
    try:
        if answer.also_counted is None:
            better = corrected_params(params, vocabulary)
            if better is None:
                return None
            found = backend.run(better, 0, 0).total
        elif better is None:
            return None
        else:
            found = answer.also_counted
    except Exception:  # a suggestion is a nicety: never let it break the search
        logger.exception("No spelling suggestion for %r", params.q)
        return None
    if found <= answer.total:
        return None
    return Suggestion(q=better.q, url="?" + urlencode(better.query_items()))


def forget():
    """Drop this process's word list (tests)."""
    _memo.pop("words", None)
    _memo.pop("building", None)
