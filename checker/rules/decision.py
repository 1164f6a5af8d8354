"""Step 7, decide, escalate and notify: duties to tell the authorities, not just to say no."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import SECURITY_END_USERS, Context
from checker.findings import Hit, Severity
from checker.registry import rule
from checker.rules._common import KNOWN_MISUSE_FLAGS, caps_phrase

STEP = "decide-escalate-notify"


@rule(
    "N701",
    "eu-article-5-notification",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={
        "control_entries": (
            "5A002",
            "EU-ART5",
        ),
        "end_user_types": SECURITY_END_USERS,
        "red_flags": KNOWN_MISUSE_FLAGS,
    },
    summary="An EU exporter has due-diligence findings that a non-listed cyber-surveillance item may serve repression.",
    why="Article 5(2) of Regulation (EU) 2021/821 obliges an exporter that is aware, from its due diligence, that a "
    "non-listed cyber-surveillance item is intended for internal repression or serious human-rights violations to "
    "notify the competent authority, which then decides whether an authorisation is needed.",
    actions=(
        "Notify your national competent authority before any export, with your due-diligence record.",
        "Do not export until the authority has answered.",
    ),
)
def article_5_notification(ctx: Context) -> Iterator[Hit]:
    caps = ctx.likely_entries.get("EU-ART5")
    if not caps or not ctx.authority_binds("EU") or ctx.deal.exporter.country is None:
        return
    flags = sorted(set(KNOWN_MISUSE_FLAGS) & set(ctx.deal.red_flags))
    security_context = ctx.end_user_is_security and bool(ctx.documented_misuse)
    if not (flags or security_context):
        return
    basis = []
    if security_context:
        basis.append(f"documented misuse of similar technology in {ctx.ref.country_name(ctx.deal.destination_country)}")
    basis += [ctx.label("red_flags", f).lower() for f in flags]
    exporter = ctx.deal.exporter.country
    eu_basis = ctx.jurisdiction.basis("EU")
    via_ship_from = bool(eu_basis and not any(r.startswith("the exporter is") for r in eu_basis.reasons))
    who = (
        f"an exporter shipping from {ctx.ref.country_name(ctx.deal.ship_from_country)} (EU rules apply to goods "
        "leaving the Union)"
        if via_ship_from and ctx.deal.ship_from_country
        else f"an exporter in {ctx.ref.country_name(exporter)}"
    )
    yield Hit(
        f"As {who} offering {caps_phrase(ctx, caps)}, your "
        f"findings ({'; '.join(basis)}) can make you aware of an intended use in internal repression.",
        references=(ctx.control_ref("EU-ART5"), *(ctx.case_ref(c) for c in ctx.documented_misuse)),
    )
