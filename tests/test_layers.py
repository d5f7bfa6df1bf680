"""kerlint's layers: no import cycle between its modules, and every import goes down the table below.

Every `import` in kerlint/ counts, wherever it is written: at the top or inside a function (a lazy import
is still a dependency). Importing `kerlint.fix.context` runs `kerlint/fix/__init__.py` first, so an import of
a module is also an import of the packages above it. An import under `if TYPE_CHECKING:` (a name used only in
annotations) never runs, so it cannot make a cycle, but it must still go down the layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KERLINT = Path(__file__).resolve().parent.parent / "kerlint"

# The flow, bottom to top: a module may import the modules of its own group and of the groups in lower
# layers, never a group of its own layer or above. A group is a module-name prefix; the longest prefix that
# matches names a module's group (`kerlint.fix.stage` is in "fix stage", `kerlint.fix.calls` in "fix helpers");
# a prefix ending in `*` matches names that start with it (`kerlint.fix.kl*`: the per-rule fixer modules).
LAYERS: list[dict[str, tuple[str, ...]]] = [
    {  # values every part passes around, and helpers that know nothing of kerlint
        "base": ("kerlint", "kerlint.violation", "kerlint.units", "kerlint.guard", "kerlint.prefilter",
                 "kerlint.target", "kerlint.positions", "kerlint.parsing", "kerlint.fix"),  # kerlint/fix/__init__ imports nothing
    },
    {
        "catalogue": ("kerlint.catalogue",),
        "ir": ("kerlint.ir",),
        "notebook": ("kerlint.notebook",),
        "text edits": ("kerlint.fix.apply", "kerlint.fix.write"),  # applying edits to a file's text, writing it
    },
    {
        "config": ("kerlint.config",),
        "suppress": ("kerlint.suppress",),
        "sources": ("kerlint.sources",),
        "cache": ("kerlint.cache",),
        # the formatters: violations in, text out (built-in codes and names from the catalogue)
        "report": ("kerlint.report", "kerlint.fix.report"),
        # what rules' diagnoses and the fixers build fixes with
        "fix helpers": ("kerlint.fix.context", "kerlint.fix.calls", "kerlint.fix.keras_edits", "kerlint.fix.pipelines"),
    },
    {"checks": ("kerlint.checks",)},
    {  # the stage the engine calls after the rules, and the untyped rules' @fixers
        "fix stage": ("kerlint.fix.stage",),
    },
    {"engine": ("kerlint.engine",)},
    {  # above the engine: what runs it
        "runner": ("kerlint.parallel",),
        "fix session": ("kerlint.fix.session", "kerlint.fix.migrate"),
    },
    {"add-noqa": ("kerlint.add_noqa",)},
    {
        "lsp": ("kerlint.lsp",),
        "probe": ("kerlint.probe",),
    },
    {"cli": ("kerlint.cli", "kerlint.probe.cli", "kerlint.lsp.cli", "kerlint.__main__")},
]

# Imports that the layers allow but the design does not.
FORBIDDEN = [
    ("report", "config"), ("report", "engine"), ("report", "checks"),  # formatters see violations only
    ("checks", "engine"), ("checks", "fix stage"),  # a rule knows its IR and its fix helpers, not who runs it
]


def _modules() -> dict[str, Path]:
    out = {}
    for path in KERLINT.rglob("*.py"):
        parts = list(path.relative_to(KERLINT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The kerlint module `name` is, or lies in (`kerlint.checks.CHECKS` -> kerlint.checks)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the import statements under `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`)."""
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (getattr(node.test, "id", None) == "TYPE_CHECKING"
                                         or getattr(node.test, "attr", None) == "TYPE_CHECKING"):
            guarded.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return guarded


def imports_of(module: str, runtime_only: bool = False) -> set[str]:
    """Every kerlint module `module` imports, at any depth of its code, with the packages above them
    (`runtime_only`: not those imported only under `if TYPE_CHECKING:`)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = _type_checking_only(tree) if runtime_only else set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(filter(None, (_resolve(alias.name) for alias in node.names)))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if not source.startswith("kerlint"):
                continue
            for alias in node.names:  # `from kerlint.fix import stage` imports the module kerlint.fix.stage
                target = _resolve(f"{source}.{alias.name}")
                if target:
                    found.add(target)
    for name in list(found):
        while "." in name:
            name = name.rpartition(".")[0]
            found.add(name)
    return {name for name in found if name != module and not module.startswith(name + ".")}


GRAPH = {module: imports_of(module) for module in MODULES}
RUNTIME_GRAPH = {module: imports_of(module, runtime_only=True) for module in MODULES}


def _in(module: str, prefix: str) -> bool:
    if prefix.endswith("*"):
        return module.startswith(prefix[:-1])
    return module == prefix or module.startswith(prefix + ".")


def group_of(module: str) -> tuple[int, str]:
    """(layer number, group name) of a kerlint module."""
    best = (-1, "", "")
    for rank, layer in enumerate(LAYERS):
        for group, prefixes in layer.items():
            for prefix in prefixes:
                if _in(module, prefix) and len(prefix) > len(best[2]):
                    best = (rank, group, prefix)
    assert best[0] >= 0, f"{module} is in no layer of tests/test_layers.py: add it where it belongs"
    return best[0], best[1]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
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


def test_the_import_parser_sees_lazy_relative_and_package_imports():
    assert "kerlint.engine" in GRAPH["kerlint.parallel"]  # inside a function
    assert "kerlint.fix.stage" in GRAPH["kerlint.engine"]  # `from kerlint.fix import stage as ...`
    assert "kerlint.fix" in GRAPH["kerlint.checks.kl504_lr_argument"]  # the package runs before fix.context
    assert "kerlint.fix.context" in GRAPH["kerlint.checks.registry"]  # under TYPE_CHECKING...
    assert "kerlint.fix.context" not in RUNTIME_GRAPH["kerlint.checks.registry"]  # ...which never runs
    assert "kerlint.checks" in GRAPH["kerlint.fix.stage"]


def test_cycle_finder_finds_a_cycle_and_only_it():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycle_in_kerlint():
    found = cycles(RUNTIME_GRAPH)
    details = "\n".join(" <-> ".join(c) + "\n  " + "\n  ".join(
        f"{m} imports {sorted(RUNTIME_GRAPH[m] & set(c))}" for m in c) for c in found)
    assert not found, f"import cycles:\n{details}"


def test_every_module_is_in_a_layer():
    for module in MODULES:
        group_of(module)


def test_imports_go_down_the_layers():
    upward = []
    for module, targets in sorted(GRAPH.items()):
        rank, group = group_of(module)
        for target in sorted(targets):
            target_rank, target_group = group_of(target)
            if target_group != group and target_rank >= rank:
                upward.append(f"{module} ({group}) imports {target} ({target_group})")
    assert not upward, "imports that go up or across the layers:\n" + "\n".join(upward)


@pytest.mark.parametrize("importer,imported", FORBIDDEN)
def test_forbidden_directions(importer, imported):
    bad = [(m, t) for m, targets in GRAPH.items() if group_of(m)[1] == importer
           for t in targets if group_of(t)[1] == imported]
    assert not bad, bad


def _closure(module: str) -> set[str]:
    seen, todo = set(), [module]
    while todo:
        for target in GRAPH[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_the_probe_child_never_imports_the_cli():
    """The child runs the user's script with TensorFlow loaded; it reports through JSON, not through click."""
    reached = _closure("kerlint.probe.child")
    assert not {m for m in reached if group_of(m)[1] == "cli"}, sorted(reached)


def test_the_rules_do_not_reach_the_engine_or_the_fixers():
    for module in MODULES:
        if group_of(module)[1] == "checks":
            reached = {group_of(m)[1] for m in _closure(module)}
            assert not reached & {"engine", "fix stage", "fix session", "runner", "cli"}, (module, reached)
