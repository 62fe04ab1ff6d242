"""Run as a script: the portal as a machine with only requirements.txt installed would see it.

factory-boy and wagtail-factories (requirements-dev.txt) cannot be imported: a meta-path finder refuses them, as
if they were not installed.

    python tests/devdata/without_dev_packages.py imports        # import every runtime module, then `manage.py check`
    python tests/devdata/without_dev_packages.py manage ARGS…   # manage.py ARGS…
"""

import importlib
import importlib.abc
import pkgutil
import sys
from pathlib import Path

DEV_PACKAGES = ("factory", "wagtail_factories")
ROOT = Path(__file__).resolve().parents[2]


def dev_only(module_name):
    """The factories (devdata/*factories.py, imported by tests only) are the one place that may need them."""
    package, _, name = module_name.rpartition(".")
    return package == "devdata" and name.endswith("factories")


class DevPackagesMissing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in DEV_PACKAGES:
            raise ModuleNotFoundError(f"No module named {name!r} (development package, blocked)", name=name)
        return None


def runtime_modules():
    """Every module of the project's own apps in INSTALLED_APPS, and of the portal package (urls, wsgi, …)."""
    from django.apps import apps

    installed = Path(sys.prefix).resolve()  # the virtualenv may live inside the checkout (.venv): not ours

    def ours(config):
        path = Path(config.path).resolve()
        return path.is_relative_to(ROOT) and not path.is_relative_to(installed)

    packages = {"portal"} | {config.name for config in apps.get_app_configs() if ours(config)}
    for package_name in sorted(packages):
        package = importlib.import_module(package_name)
        yield package_name
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            # Settings modules are not imported here: each is a whole configuration (the active one already is).
            if not module.name.startswith("portal.settings.") and not dev_only(module.name):
                yield module.name


def main(command, *args):
    sys.meta_path.insert(0, DevPackagesMissing())
    for name in list(sys.modules):
        if name.split(".")[0] in DEV_PACKAGES:
            del sys.modules[name]
    sys.path.insert(0, str(ROOT))
    import django

    if command == "imports":
        django.setup()
        names = [importlib.import_module(name).__name__ for name in runtime_modules()]
        print(f"imported {len(names)} runtime modules: {' '.join(names)}")
        from django.core.management import call_command

        call_command("check")
    elif command == "manage":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", *args])
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(*sys.argv[1:])
