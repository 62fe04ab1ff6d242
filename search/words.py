"""The words a search leaves out of a query's meaning, shared by the query parser (params.py) and the concept
matcher (concepts.py), which must agree on them."""

# Words that carry no meaning here: English function words (the engine's English analyzer drops them, so the
# database must too for the same answers) and words every result is about. "homeless people" searches
# "homeless"; a query of nothing but these is searched as typed.
# fmt: off
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
    "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
    "will", "with", "what", "who", "how", "why", "which", "when", "where", "do", "does", "we", "us", "our", "you",
    "your", "i", "me", "my", "know", "about", "any", "all",
    "people", "person", "service", "services", "evidence", "evaluation", "evaluations", "study", "studies",
})
# fmt: on
