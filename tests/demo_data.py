"""The demo content as test data: `demo_content` loads it once per module for the tests that only read it
(tests/module_data.py), in the register's and the resource hub's demo tests. The loader's idempotency for every
section is shown once, by loading it a second time, in tests/evidence/test_reader_language.py."""

from django.core.management import call_command

from tests import module_data


@module_data.fixture
def demo_content():
    """The demo content (load_demo_content), loaded once for the module's tests that ask for it."""
    call_command("load_demo_content", verbosity=0)
