"""The facet groups are defined once (search/facets.py): no other module of the project spells the list again."""

import ast
from pathlib import Path

from search import facets, params
from search.backends import facet_index
from search.backends.engine import faceted

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("search", "evidence", "home", "portal", "core", "feedback", "resources")


def _strings(nodes):
    return {node.value for node in nodes if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def _defines_groups(node, names):
    """A tuple, list or set of at least four group names, or a table (dict) from them to fixed text (labels,
    fields). A dict that computes something per group (`{"service": params.services, …}`) is code, not a list."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return len(_strings(node.elts) & names) >= 4
    if isinstance(node, ast.Dict) and all(isinstance(value, ast.Constant) for value in node.values):
        return len(_strings(node.keys) & names) >= 4
    return False


def spelled_lists():
    """(file:line) of every place but search/facets.py that spells the facet groups out."""
    names = set(facets.GROUPS)
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "search" / "facets.py" or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if _defines_groups(node, names):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_module_spells_the_facet_groups_again():
    assert spelled_lists() == []


def test_parameters_and_both_backends_use_the_registry():
    assert params.FACET_PARAMS == facets.GROUPS
    assert facet_index.GROUPS == facets.GROUPS
    assert faceted.GROUPS == facets.GROUPS
    assert {name: field for name, field in faceted.FACETS.items() if name in facets.GROUPS} == {
        group.name: group.field for group in facets.FACET_GROUPS
    }
