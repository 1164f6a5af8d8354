"""The vocabulary ids a rule's check names in its source, found by reading the code (ast), not by trusting it.

A check names an id directly (`"refused"`), through a module constant (`SERVICING`), through a helper of its own module
(`_known_misuse`), or through a `Context` member (`ctx.end_user_is_security` names the security end-user types). The
walk follows each of those once; what it finds is what the rule's `uses` must declare (tests/engine/test_registry.py).
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from checker import context as context_module
from checker.findings import Rule
from checker.reference import load_reference

CONTROL_ENTRIES = "control_entries"
FOLLOWED = ("checker.rules", "checker.context")
# Names whose strings are not ids the reference data must define, with why (the walk does not follow them).
NOT_IDS = {
    "label": "its 'unknown' is the text shown for a missing id",
    "surveillance_risk": "risk levels (none, low, medium, high), not end-user statements",
    "risk_level": "risk levels, as above",
    "capabilities_at_least": "risk levels, as above",
    "RISK_ORDER": "risk levels, as above",
    "CRYPTO_PART": "Category 5 Part 2 entry-number prefixes matched with startswith, not entries the data must hold",
}


@cache
def vocabulary_ids() -> dict[str, frozenset[str]]:
    """Every vocabulary of the shipped reference data, and the control-entry ids, by name."""
    ref = load_reference()
    out = {name: frozenset(e["id"] for e in entries) for name, entries in ref.raw["vocabularies"].items()}
    out[CONTROL_ENTRIES] = frozenset(ref.control_entries)
    return out


class _Module:
    """One source file's top-level functions and constants, so a name used in a check can be followed."""

    def __init__(self, path: Path) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        self.functions: dict[str, ast.AST] = {}
        self.constants: dict[str, ast.AST] = {}
        self.members: dict[str, ast.AST] = {}  # Context's methods and properties (context.py only)
        self.imported: dict[str, str] = {}  # name -> source file, for names imported from the engine's own modules
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(FOLLOWED):
                spec = importlib.util.find_spec(node.module)
                if spec and spec.origin:
                    self.imported.update((alias.asname or alias.name, spec.origin) for alias in node.names)
            if isinstance(node, ast.FunctionDef):
                self.functions[node.name] = node
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.constants[target.id] = node
            elif isinstance(node, ast.ClassDef) and node.name == "Context":
                self.members = {n.name: n for n in node.body if isinstance(n, ast.FunctionDef)}


@cache
def _module(path: str) -> _Module:
    return _Module(Path(path))


def _strings(node: ast.AST, module: _Module, context: _Module, seen: set[int]) -> Iterator[str]:
    if id(node) in seen or getattr(node, "name", None) in NOT_IDS:
        return
    seen.add(id(node))
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value
        elif isinstance(child, ast.Name):
            if child.id in NOT_IDS:
                continue
            owner = module
            if child.id in module.imported:  # a helper or constant of checker.rules._common or checker.context
                owner = _module(module.imported[child.id])
            target = owner.functions.get(child.id) or owner.constants.get(child.id)
            if target is not None:
                yield from _strings(target, owner, context, seen)
        elif isinstance(child, ast.Attribute) and child.attr in context.members and child.attr not in NOT_IDS:
            yield from _strings(context.members[child.attr], context, context, seen)


def named_ids(rule: Rule) -> dict[str, set[str]]:
    """Vocabulary -> the ids of it that the rule's check names (a string naming ids of two vocabularies counts for
    whichever of them the rule declares; see missing_uses)."""
    check = inspect.unwrap(rule.check)
    source = sys.modules[check.__module__].__file__
    assert source is not None
    module = _module(source)
    context = _module(str(context_module.__file__))
    found: dict[str, set[str]] = {}
    for text in _strings(module.functions[check.__name__], module, context, set()):
        for vocabulary, ids in vocabulary_ids().items():
            if text in ids:
                found.setdefault(vocabulary, set()).add(text)
    return found


def missing_uses(rule: Rule) -> list[str]:
    """Ids the check names that its `uses` does not declare under any vocabulary holding that id."""
    declared = {i for _, ids in rule.uses for i in ids}
    return [
        f"{vocabulary}:{entry}"
        for vocabulary, ids in sorted(named_ids(rule).items())
        for entry in sorted(ids)
        if entry not in declared
    ]
