"""The rule registry: rule modules register checks with a decorator, the engine runs them in code order.

Like ruff's and pylint's registries, a rule declares more than its check: the severities it can give (with when each
applies; a hit with any other severity is a bug the registry refuses), the release that introduced it (`since`), its
`status` (a retired code keeps its documentation page, so archived reports still resolve, but never runs), and the
vocabulary ids its check names (the site build refuses reference data that lacks one of them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from checker.findings import Finding, Hit, Rule, RuleError, Severity
from checker.reference import VOCABULARIES
from checker.version import VERSION

if TYPE_CHECKING:
    from checker.context import Context

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
STATUSES = ("active", "retired")
CONTROL_ENTRIES = "control_entries"  # `uses` key for control-list entry ids (the other keys are vocabulary names)
_VERSION = re.compile(r"\d+\.\d+\.\d+")

_RULES: dict[str, Rule] = {}
_ORDERED: list[Rule] = []

Check = Callable[..., Iterable[Hit]]


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _checked_version(code: str, what: str, version: str) -> str:
    if not _VERSION.fullmatch(version):
        raise ValueError(f"rule {code}: {what} {version!r} is not a release number (X.Y.Z)")
    if _version_key(version) > _version_key(VERSION):
        raise ValueError(f"rule {code}: {what} {version} is later than this release ({VERSION})")
    return version


def _checked_severities(
    code: str, severity: Severity, severities: Mapping[Severity, str] | None, summary: str
) -> tuple[tuple[Severity, str], ...]:
    """Most severe first; a rule that declares none can give only its default severity (explained by its summary)."""
    declared = dict(severities) if severities else {severity: summary}
    if severity not in declared:
        raise ValueError(f"rule {code}: default severity {severity.label} is not among its severities")
    for sev, when in declared.items():
        if not isinstance(sev, Severity):
            raise ValueError(f"rule {code}: severity {sev!r} is not a Severity")
        if not when.strip().endswith("."):
            raise ValueError(f"rule {code}: say when severity {sev.label} applies, as a sentence ending in '.'")
    return tuple(sorted(declared.items(), key=lambda item: -item[0]))


def _checked_uses(code: str, uses: Mapping[str, Iterable[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for vocabulary, ids in sorted(uses.items()):
        if vocabulary not in VOCABULARIES and vocabulary != CONTROL_ENTRIES:
            raise ValueError(
                f"rule {code}: uses names {vocabulary!r}, which is neither a vocabulary nor {CONTROL_ENTRIES}"
            )
        listed = tuple(sorted(ids))
        if isinstance(ids, str) or not listed or not all(isinstance(i, str) and i for i in listed):
            raise ValueError(f"rule {code}: uses[{vocabulary!r}] must be a non-empty list of ids")
        out.append((vocabulary, listed))
    return tuple(out)


def _register(made: Rule) -> None:
    if made.code in _RULES:
        raise ValueError(f"rule code {made.code} registered twice")
    if made.step not in STEPS:
        raise ValueError(f"rule {made.code}: unknown step {made.step!r}")
    _RULES[made.code] = made
    _ORDERED.clear()  # re-sorted on next use


def rule(
    code: str,
    name: str,
    *,
    step: str,
    severity: Severity,
    summary: str,
    why: str,
    actions: Iterable[str],
    since: str,
    severities: Mapping[Severity, str] | None = None,
    uses: Mapping[str, Iterable[str]] | None = None,
) -> Callable[[Check], Check]:
    """Register an active check under a stable code; a bad declaration fails at import time, naming the rule.

    `severities` maps each severity the check can give to when it gives it (omit it when the check only ever gives
    `severity`); `uses` maps a vocabulary name (`red_flags`, `control_entries`, ...) to the ids the check names.
    """

    def register(check: Check) -> Check:
        _register(
            Rule(
                code,
                name,
                step,
                severity,
                summary,
                why,
                tuple(actions),
                check,
                severities=_checked_severities(code, severity, severities, summary),
                since=_checked_version(code, "since", since),
                uses=_checked_uses(code, uses or {}),
            )
        )
        return check

    return register


def retire(
    code: str,
    name: str,
    *,
    step: str,
    severity: Severity,
    summary: str,
    why: str,
    since: str,
    retired_in: str,
    reason: str,
    replaced_by: Iterable[str] = (),
) -> None:
    """Keep a retired code's page (archived reports link to it) while its check never runs again."""
    if _version_key(_checked_version(code, "retired_in", retired_in)) < _version_key(
        _checked_version(code, "since", since)
    ):
        raise ValueError(f"rule {code}: retired in {retired_in}, before it was introduced ({since})")
    _register(
        Rule(
            code,
            name,
            step,
            severity,
            summary,
            why,
            (),
            _never,
            severities=((severity, summary),),
            since=since,
            status="retired",
            retired_in=retired_in,
            retired_reason=reason,
            replaced_by=tuple(replaced_by),
        )
    )


def _never(ctx: Context) -> Iterator[Hit]:
    """The check of a retired rule: the engine never calls it."""
    del ctx
    yield from ()


def findings_of(rule_: Rule, ctx: Context) -> list[Finding]:
    """Run one rule's check and make its findings, refusing a severity the rule does not declare."""
    out = []
    for hit in rule_.check(ctx):
        severity = hit.severity if hit.severity is not None else rule_.severity
        # The default is declared by construction (_checked_severities); only a hit's own severity needs checking.
        if hit.severity is not None and all(sev != severity for sev, _ in rule_.severities):
            raise RuleError(
                f"rule {rule_.code} gave severity {severity.label}, which it does not declare "
                f"({', '.join(s.label for s, _ in rule_.severities)})"
            )
        out.append(
            Finding(
                code=rule_.code,
                name=rule_.name,
                step=rule_.step,
                severity=severity,
                message=hit.message,
                why=rule_.why,
                actions=rule_.actions + hit.actions,
                references=hit.references,
                condition=hit.condition,
                subject=hit.subject,
            )
        )
    return out


def _sorted_rules() -> list[Rule]:
    import checker.rules  # noqa: F401  (registers the rule modules)

    if not _ORDERED:  # sorted once, not on every screening
        _ORDERED.extend(_RULES[code] for code in sorted(_RULES))
    return _ORDERED


def all_rules() -> list[Rule]:
    """Every active rule, ordered by code: the ones the engine runs (importing checker.rules registers them)."""
    return [r for r in _sorted_rules() if r.status == "active"]


def documented_rules() -> list[Rule]:
    """Every rule with a documentation page: the active ones and the retired ones, ordered by code."""
    return list(_sorted_rules())


def get_rule(code: str) -> Rule:
    _sorted_rules()
    return _RULES[code.upper()]


def used_ids() -> dict[str, dict[str, list[str]]]:
    """Vocabulary -> id -> codes of the active rules that name it: what reference data must define."""
    out: dict[str, dict[str, list[str]]] = {}
    for r in all_rules():
        for vocabulary, ids in r.uses:
            for entry in ids:
                out.setdefault(vocabulary, {}).setdefault(entry, []).append(r.code)
    return out
