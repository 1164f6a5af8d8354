"""Screening: parse the deal, run every registered rule, decide the verdict. The one entry point for all callers."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from typing import Any

from checker import __name__ as _package
from checker.context import Context
from checker.deal import Deal, parse_deal
from checker.dealfile import check_tree
from checker.next_steps import exporter_steps
from checker.reference import ReferenceData, load_reference
from checker.registry import all_rules, findings_of
from checker.result import Result, decide, order
from checker.version import VERSION

ENGINE_VERSION = VERSION  # kept as a name: callers and reports read it


def today_iso() -> str:
    return _dt.date.today().isoformat()


def screen_raw(raw: Any, *, reference: ReferenceData | None = None, on: str | None = None) -> Result:
    """Validate a decoded deal (dict from JSON/YAML) and screen it; raises DealError listing every problem."""
    reference = reference or load_reference()
    check_tree(raw)  # bounded, iterative: surrogates, over-long numbers, depth, size; before any rule runs
    return screen(parse_deal(raw, reference), reference=reference, on=on)


def screen(deal: Deal, *, reference: ReferenceData | None = None, on: str | None = None) -> Result:
    """Screen a parsed deal as of a date (ISO, default today): same deal, data and date give the same result."""
    reference = reference or load_reference()
    on = _check_date(on) if on else today_iso()
    ctx = Context(deal=deal, ref=reference, today=on)
    findings = [finding for rule in all_rules() for finding in findings_of(rule, ctx)]
    ordered = order(findings)
    deal_record = deal.to_dict()
    provenance = {
        "deal_sha256": deal_fingerprint(deal_record),
        "engine": _package,
        "engine_version": ENGINE_VERSION,
        "data_version": reference.version,
        "data_as_of": reference.as_of,
        "screened_on": on,
        "datasets": reference.datasets(),
        "party_screening": reference.party_screener.provenance(),
    }
    return Result(
        verdict=decide(ordered),
        findings=tuple(ordered),
        deal=deal_record,
        provenance=provenance,
        jurisdiction={**ctx.jurisdiction.to_dict(), "exporter_steps": exporter_steps(ctx.jurisdiction, reference)},
    )


def deal_fingerprint(deal_record: dict[str, Any]) -> str:
    """SHA-256 of the normalised deal, so a kept report shows exactly which facts were screened."""
    canonical = json.dumps(deal_record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_date(value: str) -> str:
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ValueError(f"screening date {value!r} is not an ISO date (YYYY-MM-DD)") from exc
