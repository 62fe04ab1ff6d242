# The browser fixtures of tests/functional (Chromium, the live site, a person signed in through the login form).
from tests.functional.conftest import browser, site  # noqa: F401
from tests.functional.journey import person  # noqa: F401
