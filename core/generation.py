"""The content generation (home/content_generation.py) of the reader's page request being served, or None outside
one (admin, previews, signed-in users, commands). portal/page_cache.py sets it for each reader's page request;
per-process memos keyed on it (core/reader_memo.py, the glossary linker's terms) are never used after a change.
Here, below every app, so that any of them can read it without importing the page cache."""

from contextvars import ContextVar

request_generation = ContextVar("request_generation", default=None)
