"""No import cycles between the modules of one app (issue 20).

Imports inside functions used to hide such cycles (comments.models <->
comments.threads, internal.models <-> internal.audience, ...); ruff's PLC0415
now forbids those, and this test reads every module's imports (function-level
ones too, for the few allowed with a reason; not ``if TYPE_CHECKING:``) and
fails on any cycle inside an app, naming the modules. It reads the source as text with ``ast``,
so a cycle is found even where Python would happen to tolerate it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "core",
    "operations",
    "people",
    "blog",
    "internal",
    "comments",
    "polls",
    "insights",
    "identity",
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(app: str) -> dict[str, Path]:
    found = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        found[_module_name(path)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(body):
    """Every import statement, in functions too, except under ``if TYPE_CHECKING:``.

    Function-level imports count: they are where cycles used to hide.
    """
    for node in body:
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from _import_nodes(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                yield from _import_nodes([child])


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in _import_nodes(tree.body):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                targets.add(submodule if submodule in known else source)
    return {target for target in targets if target in known and target != name}


def import_graph(app: str) -> dict[str, set[str]]:
    modules = _modules(app)
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_a_cycle_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_reads_real_imports():
    graph = import_graph("comments")
    assert "comments.models" in graph
    assert any(graph.values()), "no import found: the reader is broken"


@pytest.mark.parametrize("app", [app for app in APPS if (ROOT / app).is_dir()])
def test_no_import_cycle_inside_an_app(app):
    found = cycles(import_graph(app))
    assert not found, f"import cycles in {app}: " + "; ".join(" <-> ".join(c) for c in found)


# The one-way order of ../shared/ARCHITECTURE.md: an app imports only apps of
# a lower layer. Feature apps side by side do not import each other; what two
# of them share belongs lower down.
LAYERS = {
    "operations": 0,
    "core": 1,
    "people": 2,
    "blog": 3,
    "internal": 3,
    "comments": 3,
    "polls": 3,
    "insights": 4,
    "identity": 4,
}


def test_apps_depend_one_way_downwards():
    modules = {}
    for app in LAYERS:
        if (ROOT / app).is_dir():
            modules.update(_modules(app))
    known = set(modules)
    wrong = []
    for name, path in modules.items():
        for target in _imports(name, path, known):
            source_app, target_app = name.split(".")[0], target.split(".")[0]
            if source_app != target_app and LAYERS[target_app] >= LAYERS[source_app]:
                wrong.append(f"{name} -> {target}")
    assert not wrong, "imports against the one-way order: " + ", ".join(sorted(wrong))
