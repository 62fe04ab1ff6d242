"""make bench's throwaway databases: the production settings plus the development-data app, whose
`generate_evaluations` writes the synthetic evaluations (tools/bench/dataset.py). The benchmark serves with
portal.settings.production itself."""

from .production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]  # noqa: F405
