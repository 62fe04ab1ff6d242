"""`demo_content` (tests/demo_data.py) is loaded once per module: these two hooks hold it in a transaction around
the module's tests (tests/module_data.py)."""

from tests.demo_data import demo_content  # noqa: F401
from tests.module_data import pytest_runtest_setup, shared_module_data  # noqa: F401
