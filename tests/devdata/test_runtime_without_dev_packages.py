"""The running site needs no development package. With factory-boy and wagtail-factories blocked (as on a machine
with only requirements.txt installed), every runtime module imports and `manage.py check` passes, under the
production settings (`make serve`) and the development settings (`make run`); and no runtime code imports them,
or the factories, even inside a function."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.devdata.without_dev_packages import DEV_PACKAGES, dev_only

SCRIPT = Path(__file__).with_name("without_dev_packages.py")
ROOT = SCRIPT.parents[2]
NOT_RUNTIME = {"tests", "tools", "devdata", "docs", "node_modules", "media", "staticfiles", "static", "templates"}


def run(settings_module, tmp_path, *args):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "SEARCH_"))},
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "SECRET_KEY": "a-production-secret-key-of-at-least-32-characters",
        "ALLOWED_HOSTS": "evidence.example.org",
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{' '.join(args)} under {settings_module}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow  # starts other processes
def test_the_blocker_refuses_the_development_packages():
    probe = (
        f"import sys, runpy; finder = runpy.run_path({str(SCRIPT)!r})['DevPackagesMissing'](); "
        "sys.meta_path.insert(0, finder); import wagtail_factories"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 1 and "development package, blocked" in result.stderr


@pytest.mark.slow  # starts other processes
def test_production_settings_import_every_runtime_module_and_pass_check(tmp_path):
    imported = run("portal.settings.production", tmp_path, "imports")
    assert "evidence.management.commands.load_demo_content" in imported
    assert "search.backends.database" in imported and "portal.urls" in imported
    assert "devdata" not in imported  # not an installed app in production


@pytest.mark.slow  # starts other processes
def test_make_run_settings_import_every_module_and_pass_check(tmp_path):
    imported = run("portal.settings.dev", tmp_path, "imports")
    assert "devdata.management.commands.generate_evaluations" in imported
    assert "evidence.management.commands.load_demo_content" in imported


def imported_names(tree):
    for node in ast.walk(tree):  # every import, also those inside functions
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def runtime_files():
    yield ROOT / "manage.py"
    for folder in sorted(ROOT.iterdir()):
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in NOT_RUNTIME:
            yield from sorted(folder.rglob("*.py"))


def test_no_runtime_code_imports_the_development_packages_or_the_factories():
    offenders = []
    for path in runtime_files():
        for name in imported_names(ast.parse(path.read_text(encoding="utf-8"))):
            if name.split(".")[0] in DEV_PACKAGES or dev_only(name) or dev_only(name.rpartition(".")[0]):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []
