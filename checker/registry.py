"""The rule registry: rule modules register checks with a decorator, the engine runs them in code order."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from checker.findings import Hit, Rule, Severity

STEPS = (
    "filter-the-deal",
    "product-capability",
    "destination-context",
    "end-user",
    "intermediaries-and-diversion",
    "mitigation-and-safeguards",
    "decide-escalate-notify",
    "after-the-sale",
)

_RULES: dict[str, Rule] = {}
_ORDERED: list[Rule] = []


def rule(
    code: str,
    name: str,
    *,
    step: str,
    severity: Severity,
    summary: str,
    why: str,
    actions: Iterable[str],
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register a check under a stable code; duplicate codes or unknown steps fail at import time."""
    if step not in STEPS:
        raise ValueError(f"rule {code}: unknown step {step!r}")

    def register(check: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in _RULES:
            raise ValueError(f"rule code {code} registered twice")
        _RULES[code] = Rule(code, name, step, severity, summary, why, tuple(actions), check)
        _ORDERED.clear()  # re-sorted on next use
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code (importing checker.rules registers them)."""
    import checker.rules  # noqa: F401  (registers the rule modules)

    if not _ORDERED:  # sorted once, not on every screening
        _ORDERED.extend(_RULES[code] for code in sorted(_RULES))
    return list(_ORDERED)


def get_rule(code: str) -> Rule:
    all_rules()
    return _RULES[code.upper()]
