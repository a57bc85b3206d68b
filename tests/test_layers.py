"""The package's layers: imports go one way, and only the owners touch the network and SQL.

Reads every module's imports with ``ast`` (function-level ones included: a
cycle hidden inside a function is still a cycle) and checks the house rules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "factcheck"

#: Modules that may import these libraries; nothing else may.
OWNERS = {
    "httpx": ("factcheck.fetch", "factcheck.match.llm_http"),
    "httpcore": ("factcheck.fetch",),
    "sqlite3": ("factcheck.archive",),
    "sqlite_utils": ("factcheck.archive",),
}
#: Function-level imports must say why on their line or the line above ("lazy": a heavy optional tier).
LAZY_MARK = "lazy"
#: Modules other helpers are rewriting in parallel (issue 11: match/; issue 12: extract.py). Their
#: breaches are reported as expected failures until their owners' branches are merged; the rest of
#: the package is held to the rules now.
PENDING = {

}


def pending(name: str) -> str | None:
    return next((why for prefix, why in PENDING.items() if name == prefix or name.startswith(prefix + ".")), None)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> list[tuple[str, ast.stmt, bool]]:
    """(imported module, statement, inside a function) for every import in module ``name``."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nested: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            nested.update(id(n) for n in ast.walk(node) if n is not node)
    found = []
    for node in ast.walk(tree):
        inner = id(node) in nested
        if isinstance(node, ast.Import):
            found += [(alias.name, node, inner) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:  # "from . import x" may name a submodule
                sub = f"{base}.{alias.name}"
                found.append((sub if sub in MODULES else base, node, inner))
    return found


def graph() -> dict[str, set[str]]:
    return {name: {target for target, _, _ in imports(name) if target in MODULES and target != name}
            for name in MODULES}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle_between_modules():
    edges = {name: set() if pending(name) else targets for name, targets in graph().items()}
    cycle = find_cycle(edges)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_import_cycle_in_modules_being_rewritten():
    cycle = find_cycle(graph())
    if cycle and all(pending(name) for name in cycle):
        pytest.xfail(f"import cycle {' -> '.join(cycle)}: {pending(cycle[0])}")
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_only_the_owner_imports(library):
    owners = OWNERS[library]
    offenders = sorted({name for name in MODULES for target, _, _ in imports(name)
                        if (target == library or target.startswith(library + "."))
                        and not any(name == o or name.startswith(o + ".") for o in owners)})
    assert not offenders, f"{library} imported outside {owners}: {offenders}"


def function_level_imports(name: str) -> list[str]:
    """Function-level imports of module ``name`` not marked as a lazy load."""
    path = MODULES[name]
    lines = path.read_text(encoding="utf-8").splitlines()
    found = set()
    for target, node, inner in imports(name):
        around = " ".join(lines[max(0, node.lineno - 2): node.lineno]).lower()
        if inner and LAZY_MARK not in around:
            found.add(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {target}")
    return sorted(found)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_inside_functions_are_commented_lazy_loads(name):
    offenders = function_level_imports(name)
    if offenders and pending(name):
        pytest.xfail(f"{len(offenders)} function-level imports: {pending(name)}")
    assert not offenders, "\n".join(offenders)


#: Private names of other packages that we import on purpose, each with why and what guards it.
THIRD_PARTY_PRIVATE: set[str] = set()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_is_imported_from_another_module(name):
    offenders = []
    for target, node, _ in imports(name):
        if isinstance(node, ast.ImportFrom):
            offenders += [f"{name} imports {target}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")
                          and f"{target}.{a.name}" not in THIRD_PARTY_PRIVATE]
    if offenders and pending(name):
        pytest.xfail(f"{offenders}: {pending(name)}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_only_config_reads_the_environment(name):
    text = MODULES[name].read_text(encoding="utf-8")
    reads = [n for n in ("os.environ", "os.getenv", "environ.get") if n in text]
    if name == "factcheck.config":
        return
    if reads and pending(name):
        pytest.xfail(f"reads the environment: {pending(name)}")
    assert not reads, f"{name} reads the environment ({reads}); add a Settings field and pass it down"
