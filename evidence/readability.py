"""The one place that measures how easy a text is to read.

Reading age follows the NHS and GOV.UK convention: Flesch-Kincaid grade + 5 (UK school years start at 5).
textstat is pinned to 0.7.3: later versions download a dictionary at run time, which fails offline.
"""

import re
from dataclasses import dataclass
from html import unescape

import textstat

_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|div|blockquote)>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Readability:
    reading_age: float
    flesch_reading_ease: float
    words: int
    sentences: int
    average_sentence_length: float

    @property
    def reading_age_rounded(self):
        return round(self.reading_age)

    @property
    def described(self):
        """Words a reader understands, e.g. 'Reading age about 10 (easy to read)'."""
        age = self.reading_age_rounded
        if age <= 11:
            ease = "easy to read"
        elif age <= 14:
            ease = "fairly easy to read"
        else:
            ease = "hard to read"
        return f"Reading age about {age} ({ease})"


def html_to_text(html):
    """Plain text from rich text: block ends become sentence breaks so headings don't run into paragraphs."""
    text = _BLOCK_END.sub(". ", html or "")
    text = unescape(_TAGS.sub(" ", text))
    # A block that already ended a sentence ("…here.</p>") must not gain a second full stop.
    text = re.sub(r"([.!?])\s*\.", r"\1", text)
    text = _SPACE.sub(" ", text).strip()
    return text.lstrip(". ")


def measure(text):
    """Measure plain text. Empty text measures as zero rather than failing."""
    text = _SPACE.sub(" ", text or "").strip()
    words = textstat.lexicon_count(text, removepunct=True) if text else 0
    if not words:
        return Readability(0.0, 0.0, 0, 0, 0.0)
    sentences = max(1, textstat.sentence_count(text))
    grade = textstat.flesch_kincaid_grade(text)
    return Readability(
        reading_age=round(max(grade, 0) + 5, 1),
        flesch_reading_ease=round(textstat.flesch_reading_ease(text), 1),
        words=words,
        sentences=sentences,
        average_sentence_length=round(words / sentences, 1),
    )
