"""No import cycles between the project's modules, counting imports inside functions, and `core` below every app.

An import inside a function hides a cycle from Python's start-up but not from a reader: the two modules still need
each other. Django's app registry (`apps.get_model("app", "Model")`) is the way for a lower module to reach a model
of an app above it at run time; an import is not.

Read from the source (AST), so nothing is imported. `from package import name` counts as an import of
`package.name` when that is a module, else of `package` (its `__init__`); a parent package's `__init__` is not
counted, so a package that re-exports its modules is not a cycle with them.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_PROJECT = {"tests", "tools", "docs", "static", "templates", "media"}


def project_packages():
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_PROJECT and not path.parent.name.startswith(".")
    )


def project_modules():
    """{dotted name: (file, is package)} for every module of the project's packages but migrations."""
    modules = {}
    for package in project_packages():
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.relative_to(ROOT).parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return modules


def _nearest(name, modules):
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(modules):
    """{module: {modules it imports, at any depth of its code}}."""
    graph = {}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets.update(_nearest(alias.name, modules) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(max(node.level - 1, 0)):
                    base = base.rpartition(".")[0]
                source = node.module if not node.level else ".".join(p for p in (base, node.module) if p)
                for alias in node.names:
                    full = f"{source}.{alias.name}"
                    targets.add(full if full in modules else _nearest(source, modules))
        graph[name] = {target for target in targets if target and target != name}
    return graph


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan, iterative), each as one cycle through it."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(_one_cycle(graph, component))
    return found


def _one_cycle(graph, component):
    """A shortest path from the component's first module back to itself, for the failure message."""
    first = min(component)
    paths = {first: [first]}
    queue = [first]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & component):
            if child == first:
                return " -> ".join([*paths[node], first]) + f"   ({len(component)} modules: {sorted(component)})"
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return str(sorted(component))


def test_the_project_has_no_import_cycle():
    found = cycles(import_graph(project_modules()))
    assert not found, "Import cycles (move what both need down, e.g. into core/):\n" + "\n".join(found)


def test_core_imports_no_app_of_the_project():
    """core is what every app builds on: it may not import any of them (portal's helpers are not an app)."""
    apps = {package for package in project_packages() if (ROOT / package / "apps.py").exists()} - {"core"}
    graph = import_graph(project_modules())
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.split(".")[0] == "core"
        for target in targets
        if target.split(".")[0] in apps
    )
    assert not wrong, wrong


def test_the_check_finds_a_cycle_made_inside_a_function(tmp_path):
    """The check itself: two modules that import each other only inside functions are a cycle."""
    (tmp_path / "a.py").write_text("def f():\n    from b import g\n")
    (tmp_path / "b.py").write_text("def g():\n    import a\n")
    modules = {"a": (tmp_path / "a.py", False), "b": (tmp_path / "b.py", False)}
    assert cycles(import_graph(modules)) == ["a -> b -> a   (2 modules: ['a', 'b'])"]
