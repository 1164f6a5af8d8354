"""Step 1, filter the deal: sanctions and embargoes on every place in the deal, and export-control classification."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import MASS_MARKET_DECONTROLLED, SECURITY_END_USERS, Context
from checker.findings import Hit, Reference, Severity
from checker.records import Measure
from checker.registry import rule
from checker.rules._common import (
    caps_phrase,
    describe_measures,
    hard_or_escalate,
    join,
    prohibitions,
    reliability_note,
)

STEP = "filter-the-deal"


def _affected(
    ctx: Context, measure_types: str | tuple[str, ...], places: list[tuple[str, str]]
) -> Iterator[tuple[str, str, list[Measure]]]:
    """(country, its role in the deal, in-force measures of these types) for each place that has some."""
    wanted = (measure_types,) if isinstance(measure_types, str) else measure_types
    for code, role in places:
        measures = prohibitions([m for m in ctx.measures_in_force(code) if m.type in wanted])
        if measures:
            yield code, role, measures


def _refs(ctx: Context, code: str, measures: list[Measure]) -> tuple[Reference, ...]:
    return (ctx.country_ref(code), *(ctx.measure_ref(m) for m in measures))


@rule(
    "F101",
    "comprehensive-sanctions",
    step=STEP,
    severity=Severity.STOP,
    since="0.1.0",
    severities={
        Severity.STOP: "At least one of the measures binds this exporter and our record of it is confirmed and current.",
        Severity.ESCALATE: "Every measure found is unverified, may have lapsed or is past its review date, or binds only another jurisdiction's exporters: verify it, and check origin and nationality rules, before relying on it.",
    },
    uses={"measure_types": ("comprehensive",)},
    summary="A country in the deal is under comprehensive sanctions.",
    why="Comprehensive sanctions prohibit almost all trade with the country, whatever the product or end user; "
    "dealing through it is as prohibited as selling into it.",
    actions=(
        "Do not proceed with this deal.",
        "Take legal advice before any further contact about it; licences under comprehensive programmes are rare.",
    ),
)
def comprehensive_sanctions(ctx: Context) -> Iterator[Hit]:
    for code, role, measures in _affected(ctx, "comprehensive", ctx.deal_countries):
        yield Hit(
            f"{ctx.ref.country_name(code)} ({role}) is under comprehensive sanctions: "
            f"{describe_measures(measures, ctx)}.{reliability_note(ctx, measures)}",
            severity=hard_or_escalate(ctx, measures),
            references=_refs(ctx, code, measures),
            subject=code,
        )


@rule(
    "F102",
    "regional-sanctions",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="Part of a country in the deal is under comprehensive regional sanctions.",
    why="Regional programmes (for example on Crimea and the so-called DNR and LNR regions of Ukraine) prohibit trade "
    "with the region; goods sold elsewhere in the country can be diverted into it.",
    actions=(
        "Confirm in writing that neither delivery nor end use is in the sanctioned region.",
        "Add a no-re-export clause that names the region.",
    ),
)
def regional_sanctions(ctx: Context) -> Iterator[Hit]:
    for code, role in ctx.deal_countries:
        measures = [m for m in ctx.ref.regional_measures_for(code) if ctx.in_force(m)]
        if measures:
            regions = sorted({t for m in measures for t in m.regions_of(code)})
            yield Hit(
                f"Parts of {ctx.ref.country_name(code)} ({role}; {', '.join(regions)}) are under sanctions: "
                f"{describe_measures(measures, ctx)}.",
                references=_refs(ctx, code, measures),
                subject=code,
            )


@rule(
    "F103",
    "arms-embargo",
    step=STEP,
    severity=Severity.STOP,
    since="0.1.0",
    severities={
        Severity.STOP: "A binding, confirmed embargo applies and the end user is a security, military or police body or of unknown type, or the product's surveillance risk is high.",
        Severity.ESCALATE: "The embargo is doubtful or binds only another jurisdiction's exporters, or the end user is outside the embargo's core concern and the product's surveillance risk is below high: get a legal view of its scope.",
    },
    uses={
        "end_user_types": (
            "government_security",
            "law_enforcement",
            "military",
            "state_telecom_operator",
            "unknown",
        ),
        "measure_types": ("arms_embargo_full",),
    },
    summary="The destination or ship-to country is under a full arms embargo.",
    why="An arms embargo bars the supply of military goods to the country, and some regimes extend to equipment "
    "that might be used for internal repression; security, military and police end users are its core concern, so "
    "supplying them, or supplying surveillance capability, needs the regime's scope checked before anything else.",
    actions=(
        "Do not supply military, security or police end users in the embargoed country.",
        "For any other end user, get a written legal view on whether the embargo's scope covers this product.",
    ),
)
def arms_embargo(ctx: Context) -> Iterator[Hit]:
    for code, role, measures in _affected(ctx, "arms_embargo_full", ctx.goods_countries):
        risky = ctx.end_user_is_security or ctx.end_user_type in (None, "unknown") or ctx.risk_level >= 3
        severity = hard_or_escalate(ctx, measures) if risky else Severity.ESCALATE
        who = ctx.label("end_user_types", ctx.end_user_type).lower()
        yield Hit(
            f"{ctx.ref.country_name(code)} ({role}) is under a full arms embargo: {describe_measures(measures, ctx)}. "
            f"End user: {who}; product surveillance risk: {ctx.surveillance_risk}."
            f"{reliability_note(ctx, measures)}",
            severity=severity,
            references=_refs(ctx, code, measures),
            subject=code,
        )


@rule(
    "F104",
    "partial-arms-embargo",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    severities={
        Severity.ESCALATE: "The product's surveillance risk is medium or high, or the end user is a security, military or police body.",
        Severity.INFO: "A product of low or no surveillance risk for a civilian end user: recorded so the file shows the embargo was seen.",
    },
    uses={
        "end_user_types": SECURITY_END_USERS,
        "measure_types": ("arms_embargo_partial",),
    },
    summary="The destination or ship-to country is under a partial arms embargo.",
    why="Partial embargoes cover some end users (for example non-government forces or armed groups) or regions; "
    "you must be sure this end user is outside the embargoed group.",
    actions=("Check the embargo's scope against the end user's identity and location, and keep the record.",),
)
def partial_arms_embargo(ctx: Context) -> Iterator[Hit]:
    for code, role, measures in _affected(ctx, "arms_embargo_partial", ctx.goods_countries):
        severity = Severity.ESCALATE if ctx.risk_level >= 2 or ctx.end_user_is_security else Severity.INFO
        yield Hit(
            f"{ctx.ref.country_name(code)} ({role}) is under a partial arms embargo: {describe_measures(measures, ctx)}.",
            severity=severity,
            references=_refs(ctx, code, measures),
            subject=code,
        )


@rule(
    "F105",
    "monitoring-interception-ban",
    step=STEP,
    severity=Severity.STOP,
    since="0.1.0",
    severities={
        Severity.STOP: "The product has capabilities of medium or high surveillance risk and at least one measure binds this exporter and is confirmed and current.",
        Severity.ESCALATE: "The product's capabilities are not stated, or the measures are doubtful or bind only another jurisdiction's exporters.",
    },
    uses={"measure_types": ("monitoring_interception",)},
    summary="Monitoring or interception equipment is banned or restricted for the destination.",
    why="Several sanctions regimes prohibit supplying equipment, technology, software or services primarily intended "
    "for monitoring or intercepting the internet or telephone communications; the product's capabilities fall in "
    "that scope.",
    actions=(
        "Do not supply the product to this country.",
        "If you think the product falls outside the restriction, get the competent authority's written view first.",
    ),
)
def monitoring_ban(ctx: Context) -> Iterator[Hit]:
    caps = ctx.capabilities_at_least("medium")
    for code, role, measures in _affected(ctx, "monitoring_interception", ctx.goods_countries):
        refs = _refs(ctx, code, measures)
        if caps:
            yield Hit(
                f"{ctx.ref.country_name(code)} ({role}) restricts monitoring and interception equipment "
                f"({describe_measures(measures, ctx)}), and the product offers {caps_phrase(ctx, caps)}."
                f"{reliability_note(ctx, measures)}",
                severity=hard_or_escalate(ctx, measures),
                references=refs,
                subject=code,
            )
        elif not ctx.capabilities:
            yield Hit(
                f"{ctx.ref.country_name(code)} ({role}) restricts monitoring and interception equipment "
                f"({describe_measures(measures, ctx)}); the product's capabilities are not stated, so this cannot be "
                "ruled out.",
                severity=Severity.ESCALATE,
                references=refs,
                subject=code,
            )


@rule(
    "F106",
    "dual-use-ban",
    step=STEP,
    severity=Severity.STOP,
    since="0.1.0",
    severities={
        Severity.STOP: "The product is classified under a listed entry (or, unclassified, probably falls under one) and a binding, confirmed ban applies.",
        Severity.ESCALATE: "The product has not been classified, or the ban is doubtful or binds only another jurisdiction's exporters.",
    },
    uses={
        "control_entries": (
            "5A002",
            "EU-ART5",
        ),
        "measure_types": ("dual_use_ban",),
    },
    summary="Dual-use (control-listed) items are banned for the destination.",
    why="A country-wide dual-use ban prohibits exporting any control-listed item there, whoever the end user.",
    actions=(
        "Do not export listed items to this country.",
        "Confirm the product's classification in writing.",
    ),
)
def dual_use_ban(ctx: Context) -> Iterator[Hit]:
    declared = [e for e in ctx.deal.product.control_entries or () if not ctx.is_catch_all(e)]
    likely = [e for e in ctx.likely_entries if not ctx.is_catch_all(e)]
    for code, role, measures in _affected(ctx, "dual_use_ban", ctx.goods_countries):
        refs = _refs(ctx, code, measures)
        where = (
            f"{ctx.ref.country_name(code)} ({role}) is under a dual-use export ban ({describe_measures(measures, ctx)})"
        )
        if declared or (ctx.deal.product.control_entries is None and likely):
            entries = declared or likely
            basis = "is classified under" if declared else "probably falls under"
            yield Hit(
                f"{where}, and the product {basis} {join(entries)}.{reliability_note(ctx, measures)}",
                severity=hard_or_escalate(ctx, measures),
                references=refs + tuple(ctx.control_ref(e) for e in entries),
                subject=code,
            )
        elif ctx.deal.product.control_entries is None:
            yield Hit(
                f"{where}; the product has not been classified, so the ban cannot be ruled out.",
                severity=Severity.ESCALATE,
                references=refs,
                subject=code,
            )


@rule(
    "F107",
    "internal-repression-restriction",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"measure_types": ("internal_repression",)},
    summary="Equipment that might be used for internal repression is restricted for the destination.",
    why="Internal-repression annexes cover equipment beyond weapons; surveillance capability sold to this country "
    "needs a careful scope check and often a licence.",
    actions=("Check the regime's internal-repression annex against the product and keep the analysis.",),
)
def internal_repression(ctx: Context) -> Iterator[Hit]:
    if ctx.capabilities and ctx.risk_level < 2:
        return
    for code, role, measures in _affected(ctx, "internal_repression", ctx.goods_countries):
        yield Hit(
            f"{ctx.ref.country_name(code)} ({role}) restricts equipment that might be used for internal "
            f"repression: {describe_measures(measures, ctx)}.",
            references=_refs(ctx, code, measures),
            subject=code,
        )


@rule(
    "F108",
    "licence-requirement",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    severities={
        Severity.ESCALATE: "The product is classified under a listed entry, probably falls under one, or has not been classified.",
        Severity.INFO: "The product is classified as not listed and its capabilities suggest no listed entry.",
    },
    uses={
        "control_entries": (
            "5A002",
            "EU-ART5",
        ),
        "measure_types": ("licence_requirement",),
    },
    summary="Controlled items need a licence for the destination under a country-specific rule.",
    why="Country-specific licence requirements (for example US controls on all Commerce Control List items to some "
    "countries) apply on top of the item's own classification.",
    actions=("Apply for the licence or confirm in writing that an exception applies before quoting a delivery date.",),
)
def licence_requirement(ctx: Context) -> Iterator[Hit]:
    controlled = bool(ctx.deal.product.control_entries) or any(not ctx.is_catch_all(e) for e in ctx.likely_entries)
    for code, role, measures in _affected(ctx, "licence_requirement", ctx.goods_countries):
        yield Hit(
            f"{ctx.ref.country_name(code)} ({role}): {describe_measures(measures, ctx)}.",
            severity=Severity.ESCALATE if controlled or ctx.deal.product.control_entries is None else Severity.INFO,
            references=_refs(ctx, code, measures),
            subject=code,
        )


@rule(
    "F109",
    "political-restriction",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    severities={
        Severity.ESCALATE: "The product's surveillance risk is medium or high and the end user is a government body or of unknown type.",
        Severity.INFO: "Any other end user or a low-risk product: recorded so the reviewer knows the commitment covers the destination.",
    },
    uses={"end_user_types": ("unknown",), "measure_types": ("political_restriction",)},
    summary="A political (non-legislative) restriction covers the destination.",
    why="Political commitments that are not legislation, such as the EU's 1989 arms embargo declaration on China, "
    "guide licensing authorities; each member state sets their scope, so ask how your authority applies them.",
    actions=("Treat surveillance sales to government end users here as needing senior review and a licence check.",),
)
def political_restriction(ctx: Context) -> Iterator[Hit]:
    for code, role, measures in _affected(ctx, "political_restriction", ctx.goods_countries):
        sensitive = ctx.risk_level >= 2 and (ctx.end_user_is_government or ctx.end_user_type in (None, "unknown"))
        yield Hit(
            f"{ctx.ref.country_name(code)} ({role}) is covered by {describe_measures(measures, ctx)}.",
            severity=Severity.ESCALATE if sensitive else Severity.INFO,
            references=_refs(ctx, code, measures),
            subject=code,
        )


@rule(
    "F110",
    "targeted-sanctions",
    step=STEP,
    severity=Severity.INFO,
    since="0.1.0",
    uses={
        "measure_types": (
            "arms_targeted",
            "targeted_only",
        )
    },
    summary="Targeted sanctions (asset freezes, listed persons) apply in a country of the deal.",
    why="Targeted regimes do not ban trade with the country, but any listed person or entity among the parties, "
    "or owned or controlled by one, makes the deal prohibited.",
    actions=("Screen every party (end user, intermediaries, consignee, bank) against the sanctions lists.",),
)
def targeted_sanctions(ctx: Context) -> Iterator[Hit]:
    for code, role, measures in _affected(ctx, ("targeted_only", "arms_targeted"), ctx.deal_countries):
        yield Hit(
            f"Targeted sanctions apply in {ctx.ref.country_name(code)} ({role}): {describe_measures(measures, ctx)}.",
            references=_refs(ctx, code, measures),
            subject=code,
        )


def _covered_by(ctx: Context, measure: Measure) -> str | None:
    """Why the product falls within an authorisation regime's scope ('' when it plainly does not); None when the
    product's facts cannot tell (capabilities or classification not stated)."""
    if measure.type == "monitoring_interception":
        caps = ctx.capabilities_at_least("medium")
        if caps:
            return f"the product offers {caps_phrase(ctx, caps)}"
        return None if not ctx.capabilities else ""
    if measure.type == "dual_use_ban":
        declared = [e for e in ctx.deal.product.control_entries or () if not ctx.is_catch_all(e)]
        if declared:
            return f"the product is classified under {join(declared)}"
        if ctx.deal.product.control_entries is None:
            return None
        return ""
    return "the regime covers the items it lists; check whether the product is one"


@rule(
    "F111",
    "authorisation-required",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"measure_types": ("monitoring_interception", "dual_use_ban"), "control_entries": ("EU-ART5",)},
    summary="A measure on a country of the deal requires prior authorisation for what the product is.",
    why="Some regimes do not ban the items they cover but require the exporter to obtain the competent authority's "
    "prior authorisation; exporting without it is an offence, and the authority refuses it where the items would "
    "serve internal repression or unlawful monitoring.",
    actions=(
        "Apply for the authorisation the measure requires, to the authority it names, before you sign, ship or "
        "demonstrate anything; do not export until it is granted, and keep it with this report.",
    ),
)
def authorisation_required(ctx: Context) -> Iterator[Hit]:
    for code, role in ctx.goods_countries:
        for measure in ctx.measures_in_force(code):
            if not measure.needs_authorisation:
                continue
            covered = _covered_by(ctx, measure)
            if covered == "":
                continue
            where = f"{ctx.ref.country_name(code)} ({role}) is under {describe_measures([measure], ctx)}"
            why = (
                f", and {covered}"
                if covered
                else ": the product's capabilities or classification are not stated, so it cannot be ruled out"
            )
            binding = ctx.binding(measure)
            apply = (
                f" Apply for authorisation: {measure.authorisation_route}"
                if binding
                else f" It applies to this deal only through a link to the {measure.authority}'s jurisdiction; if the "
                f"deal has one, apply for authorisation: {measure.authorisation_route}"
            )
            yield Hit(
                f"{where}{why}.{apply}{reliability_note(ctx, [measure]) if not binding or ctx.unreliable(measure) else ''}",
                references=(ctx.country_ref(code), ctx.measure_ref(measure)),
                actions=(f"Authorisation route: {measure.authorisation_route}",),
                subject=f"{code}:{measure.id}",
            )


@rule(
    "F120",
    "listed-item-licence",
    step=STEP,
    severity=Severity.CONDITION,
    since="0.1.0",
    uses={"control_entries": ("EU-ART5",)},
    summary="The product is classified under a control-list entry.",
    why="Exporting a listed item needs an export licence or a general authorisation; without one the export is an "
    "offence, whatever the destination.",
    actions=("Hold the licence or confirm a general authorisation covering this entry and destination.",),
)
def listed_item(ctx: Context) -> Iterator[Hit]:
    for entry in ctx.deal.product.control_entries or ():
        if ctx.is_catch_all(entry):
            continue
        known = entry in ctx.ref.control_entries
        note = "" if known else " (this entry is not in our reference data; check its licence requirements yourself)"
        yield Hit(
            f"The product is classified under {entry}{note}.",
            references=(ctx.control_ref(entry),),
            condition=f"An export licence or general authorisation covering {entry} to "
            f"{ctx.ref.country_name(ctx.deal.destination_country)} is in place before shipping.",
            subject=entry,
        )


@rule(
    "F121",
    "unclassified-likely-listed",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={
        "control_entries": (
            "5A002",
            "EU-ART5",
        )
    },
    summary="The product has not been classified, and its capabilities usually fall under a control-list entry.",
    why="Classification decides whether a licence is needed; the capabilities stated are typical of listed items.",
    actions=(
        "Classify the product against the control lists (ask the authority for a rating if unsure).",
        "Record the classification and its basis with the deal (its export-control classification).",
    ),
)
def unclassified(ctx: Context) -> Iterator[Hit]:
    if ctx.deal.product.control_entries is not None:
        return
    for entry, caps in ctx.likely_entries.items():
        if ctx.is_catch_all(entry):
            continue
        yield Hit(
            f"The product offers {caps_phrase(ctx, caps)}, which usually falls under {entry}, but it has not been "
            "classified.",
            references=(ctx.control_ref(entry), *(ctx.capability_ref(c) for c in caps)),
            subject=entry,
        )


@rule(
    "F122",
    "classification-contradiction",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    severities={
        Severity.ESCALATE: "No basis is recorded for treating the product as not listed, the basis is the Cryptography Note for an entry outside Category 5 Part 2, or the decontrol note or other basis relied on is not quoted.",
        Severity.CONDITION: "A basis other than publication is recorded (a quoted decontrol note, the Cryptography Note for a Category 5 Part 2 entry): keep it on file.",
        Severity.INFO: "The basis recorded is publication in the public domain or open source: keep the evidence that the material is published.",
    },
    uses={
        "control_entries": (
            "5A002",
            "EU-ART5",
        ),
        "not_listed_bases": (
            "cryptography_note",
            "decontrol_note",
            "open_source",
            "other",
            "published_public_domain",
        ),
    },
    summary="The product is classified as not listed, but its capabilities are typical of a listed entry.",
    why="Contradictory information is never a green light: an item wrongly self-classified as not listed is exported "
    'without the licence it needs. A recorded decontrol or exemption ("why it is not listed") that covers the entry '
    "resolves the contradiction, as long as the basis is kept on file.",
    actions=("Re-check the classification against the entry named, and record why it does or does not apply.",),
)
def classification_contradiction(ctx: Context) -> Iterator[Hit]:
    if ctx.deal.product.control_entries != ():
        return
    basis = ctx.deal.product.not_listed_basis
    note = ctx.deal.product.not_listed_note
    for entry, caps in ctx.likely_entries.items():
        if ctx.is_catch_all(entry):
            continue
        refs = (ctx.control_ref(entry), *(ctx.capability_ref(c) for c in caps))
        offers = f"it offers {caps_phrase(ctx, caps)}, which usually falls under {entry}"
        if basis is None:
            yield Hit(f"The product is classified as not listed, yet {offers}.", references=refs, subject=entry)
            continue
        label = ctx.label("not_listed_bases", basis).lower()
        if basis == "cryptography_note" and not entry.startswith(CRYPTO_PART):
            yield Hit(
                f"The product is classified as not listed on the basis of the Cryptography Note, yet {offers}: the "
                f"Cryptography Note releases only Category 5 Part 2 (information security) items, not {entry}.",
                references=refs,
                subject=entry,
            )
        elif basis in NOTE_REQUIRED and not note:
            yield Hit(
                f"The product is classified as not listed ({label}), yet {offers}, and the note relied on is not "
                "quoted (product.not_listed_note).",
                references=refs,
                subject=entry,
            )
        else:
            quoted = f" ('{note}')" if note else ""
            public = basis in PUBLIC_BASES
            yield Hit(
                f"The product is classified as not listed ({label}{quoted}) although {offers}; the basis is recorded.",
                severity=Severity.INFO if public else Severity.CONDITION,
                references=refs,
                condition=None
                if public
                else f"The basis for treating it as not listed under {entry} ({label}{quoted}) is kept on file.",
                actions=("Keep the evidence that the material is published (where and when) with the deal record.",)
                if public
                else (),
                subject=entry,
            )


CRYPTO_PART = ("5A002", "5B002", "5D002", "5E002", "5A003", "5A004", "5D003", "5D004")
NOTE_REQUIRED = frozenset({"decontrol_note", "other"})
PUBLIC_BASES = frozenset({"published_public_domain", "open_source"})


@rule(
    "F126",
    "classification-not-firm",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"classification_statuses": ("provisional",)},
    summary="The product's classification is provisional, or contradicts the basis recorded for it.",
    why="A provisional view ('likely 5D001.e', '5A002-type') is not a classification: the licence you need, and "
    "whether you need one, depend on the exact entry. A not-listed basis recorded next to listed entries means one "
    "of the two is wrong.",
    actions=(
        "Classify the product against the control list and record the reasoning, or ask the licensing authority for "
        "a formal rating.",
        "Until then treat the product as possibly listed.",
    ),
)
def classification_not_firm(ctx: Context) -> Iterator[Hit]:
    product = ctx.deal.product
    entries = product.control_entries
    if product.classification_status == "provisional" and entries is not None:
        shown = join(list(entries)) if entries else "not listed"
        yield Hit(
            f"The classification ({shown}) is provisional, not a formal rating or a documented self-classification.",
            references=tuple(ctx.control_ref(e) for e in entries or ()),
        )
    if product.not_listed_basis and entries:
        yield Hit(
            f"A basis for not being listed ({ctx.label('not_listed_bases', product.not_listed_basis).lower()}) is "
            f"recorded, but the product is classified under {join(list(entries))}.",
            references=tuple(ctx.control_ref(e) for e in entries),
        )


@rule(
    "F123",
    "mass-market-contradiction",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"capabilities": ("encryption",), "control_entries": ("5A002",)},
    summary="The product is described as mass-market, but it has surveillance capabilities.",
    why="The mass-market (Cryptography Note) decontrol covers retail encryption products; it does not decontrol "
    "surveillance functions, and a surveillance product sold as mass-market is a contradiction to resolve.",
    actions=("Check the mass-market claim against the Cryptography Note criteria and the capabilities listed.",),
)
def mass_market(ctx: Context) -> Iterator[Hit]:
    if ctx.deal.product.mass_market is not True:
        return
    caps = [c for c in ctx.capabilities_at_least("medium") if c != "encryption"]
    if caps:
        yield Hit(
            f"The product is marked mass-market, but it offers {caps_phrase(ctx, caps)}.",
            references=tuple(ctx.capability_ref(c) for c in caps),
        )
    decontrolled = [e for e in ctx.deal.product.control_entries or () if e in MASS_MARKET_DECONTROLLED]
    if decontrolled:
        yield Hit(
            f"The product is marked mass-market, yet classified under {join(decontrolled)}, which mass-market items "
            "leave under the Cryptography Note: one of the two is wrong.",
            references=tuple(ctx.control_ref(e) for e in decontrolled),
        )


@rule(
    "F124",
    "cyber-surveillance-catch-all",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    severities={
        Severity.ESCALATE: "The end user is a government body or of unknown type, the destination is under restrictions beyond targeted sanctions, or similar technology has been misused there.",
        Severity.CONDITION: "None of those: a written Article 5 assessment finding no intended use in internal repression is the condition.",
    },
    uses={
        "control_entries": (
            "5A002",
            "EU-ART5",
        ),
        "end_user_types": ("unknown",),
        "measure_types": (
            "arms_targeted",
            "targeted_only",
        ),
    },
    summary="The product has non-listed cyber-surveillance capabilities (EU Article 5 catch-all).",
    why="Under Article 5 of Regulation (EU) 2021/821 an exporter aware, from its due diligence, that a non-listed "
    "cyber-surveillance item is intended for internal repression or serious human-rights violations must notify "
    "the competent authority, which may require a licence; other regimes have similar catch-alls.",
    actions=(
        "Record your human-rights assessment of the end use (Commission Recommendation (EU) 2024/2659).",
        "If you are aware of an intended use in internal repression, notify the competent authority and wait.",
    ),
)
def catch_all(ctx: Context) -> Iterator[Hit]:
    caps = ctx.likely_entries.get("EU-ART5")
    if not caps:
        return
    reasons = []
    if ctx.end_user_is_government:
        reasons.append(f"the end user is a {ctx.label('end_user_types', ctx.end_user_type).lower()}")
    elif ctx.end_user_type in (None, "unknown"):
        reasons.append("the end user's type is unknown")
    restricted = [m for m in ctx.destination_measures if m.type not in ("targeted_only", "arms_targeted")]
    if restricted:
        reasons.append(f"the destination is under restrictions ({describe_measures(restricted, ctx)})")
    if ctx.documented_misuse:
        reasons.append("similar technology has been misused in the destination")
    message = (
        f"The product offers {caps_phrase(ctx, caps)}: cyber-surveillance functions that are not listed but fall "
        "under the Article 5 catch-all"
    )
    yield Hit(
        message + (f", and {join(reasons)}." if reasons else "."),
        severity=Severity.ESCALATE if reasons else Severity.CONDITION,
        references=(ctx.control_ref("EU-ART5"), *(ctx.capability_ref(c) for c in caps)),
        condition=None
        if reasons
        else "A written Article 5 due-diligence assessment finds no intended use in internal repression.",
    )


@rule(
    "F125",
    "surreptitious-interception-us",
    step=STEP,
    severity=Severity.CONDITION,
    since="0.1.0",
    uses={
        "control_entries": (
            "5A002",
            "5A980",
        )
    },
    summary="The product may be a device primarily useful for surreptitious interception (US 5A980).",
    why="US-origin devices primarily useful for surreptitious interception of communications need a licence to every "
    "destination.",
    actions=("If the product is US-origin or leaves the US, apply for the licence; otherwise record why not.",),
)
def surreptitious(ctx: Context) -> Iterator[Hit]:
    caps = ctx.likely_entries.get("5A980")
    if caps:
        yield Hit(
            f"The product offers {caps_phrase(ctx, caps)}, which US rules control as 5A980 for all destinations.",
            references=(ctx.control_ref("5A980"), *(ctx.capability_ref(c) for c in caps)),
            condition="If the product is US-origin, a US licence for 5A980 items is in place.",
        )
