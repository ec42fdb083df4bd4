"""The package has no import circle, counting the imports hidden inside functions or under
``if TYPE_CHECKING`` (that is how the circles of issue 12 hid). The package's own ``__init__``
is left out: its lazy imports are the public API's shortcuts (``newsevents.process``), and
modules import only ``__version__`` from it."""

from __future__ import annotations

import ast
from pathlib import Path

import newsevents

ROOT = Path(newsevents.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[:len(base) - (node.level - 1)]
    target = ".".join([*base, node.module] if node.module else base)
    names = [f"{target}.{alias.name}" for alias in node.names]
    return [target, *names] if node.module else names


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                edges |= {t for t in _targets(name, path.name == "__init__.py", node)
                          if t in modules and t not in (name, "newsevents")}
        graph[name] = edges
    graph["newsevents"] = set()
    return graph


def test_the_graph_sees_imports_inside_functions() -> None:
    # pipeline imports the coder inside a function (spaCy loads only when a text is coded)
    assert "newsevents.coder" in _graph()["newsevents.pipeline"]


def test_no_import_circle_in_the_package() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path[path.index(name):], name))
        if name in done:
            return
        for nxt in sorted(graph[name]):
            visit(nxt, (*path, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())
