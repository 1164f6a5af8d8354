"""Small helpers shared by rule modules: phrasing lists and measures the same way everywhere."""

from __future__ import annotations

from checker.context import Context
from checker.findings import Hit, Reference, Severity
from checker.records import Measure


def join(items: list[str], last: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


NOT_BINDING = "does not bind this exporter"


def describe_measures(measures: list[Measure], ctx: Context) -> str:
    """'EU (Council Regulation 36/2012, 2012) and UK (SI 2019/792)'; a measure whose authority does not bind this
    exporter is labelled so, and a prior-authorisation regime says it is one."""

    def one(m: Measure) -> str:
        tags = []
        if m.needs_authorisation:
            tags.append("prior authorisation regime")
        if not ctx.binding(m):
            tags.append(NOT_BINDING)
        return f"{m.authority or '?'} ({m.detail}{'; ' + '; '.join(tags) if tags else ''})"

    return join([one(m) for m in measures])


def prohibitions(measures: list[Measure]) -> list[Measure]:
    """The measures read as bans (explicitly, or untagged as the checker always read them); authorisation regimes
    are F111's."""
    return [m for m in measures if not m.needs_authorisation]


def hard_or_escalate(ctx: Context, measures: list[Measure]) -> Severity:
    """A hard stop needs one measure that is reliable, binds this exporter and is a ban (not a prior-authorisation
    regime, which escalates to apply); otherwise escalate to verify."""
    if any(not ctx.unreliable(m) and ctx.binding(m) and not m.needs_authorisation for m in measures):
        return Severity.STOP
    return Severity.ESCALATE


def reliability_note(ctx: Context, measures: list[Measure]) -> str:
    """Say why a measure escalates instead of stopping: doubtful data, or another jurisdiction's rule."""
    notes = []
    if all(ctx.unreliable(m) for m in measures):
        notes.append(" Our data on this measure is unverified or may have lapsed: verify it with the primary source.")
    foreign = sorted({m.authority for m in measures if not ctx.binding(m)})
    if foreign and not any(ctx.binding(m) for m in measures):
        exporter = ctx.ref.country_name(ctx.deal.exporter.country)
        notes.append(
            f" {join(foreign)} measures do not bind an exporter in {exporter} as such; they reach this deal only "
            "through a link to that jurisdiction (goods leaving it, origin or content, its nationals or companies "
            "taking part): check for one before relying on their absence."
        )
    return "".join(notes)


def caps_phrase(ctx: Context, caps: list[str]) -> str:
    return join([ctx.label("capabilities", c).lower() for c in caps])


HIGH_RISK_CONTEXT_TYPES = frozenset(
    {
        "comprehensive",
        "arms_embargo_full",
        "monitoring_interception",
        "internal_repression",
        "political_restriction",
    }
)


# Red flags by which the firm itself records misuse: evidence of a high-risk context (U401) and of the awareness
# that triggers the EU Article 5(2) notification duty (N701).
KNOWN_MISUSE_FLAGS = ("similar_tech_used_for_repression", "end_user_record_of_misuse")


def red_flag_hits(ctx: Context, flag: str, message: str) -> list[Hit]:
    """A red flag the firm itself recorded in the deal; the message explains it in the deal's terms."""
    if flag not in ctx.deal.red_flags:
        return []
    ref = Reference(kind="red_flag", id=flag, title=ctx.label("red_flags", flag))
    return [Hit(message, references=(ref,), subject=flag)]
