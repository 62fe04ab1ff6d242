"""Fixtures made with `tests.module_data.fixture` (the demo content in test_reader_language.py) are built once per
module: these two hooks hold them in a transaction around the module's tests."""

from tests.module_data import pytest_runtest_setup, shared_module_data  # noqa: F401
