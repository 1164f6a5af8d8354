"""The exporter's own next steps, from the jurisdiction record and the per-country next-steps data.

For each country whose licensing authority the exporter deals with (its own; the ship-from country when that brings
another authority's rules), the steps recorded in site_data/reference/exporter_steps/ (ReferenceData.exporter_steps):
who licenses, how to apply, how to get a classification, the licence types, advisory services, the control list and
the catch-all route, each with its official page. A country with no record says so rather than guessing.
"""

from __future__ import annotations

from typing import Any

from checker.jurisdiction import Jurisdiction

LISTS = (
    ("classification", "Classification"),
    ("licence_types", "Licence"),
    ("advisory", "Advice"),
    ("control_lists", "Control list"),
    ("catch_all", "Catch-all"),
)


def _step(step: Any) -> dict[str, str]:
    return {"name": str(step.name), "text": str(step.text), "url": str(step.url), "level": str(step.level)}


def exporter_steps(found: Jurisdiction, reference: Any) -> list[dict[str, Any]]:
    """One record per licensing country: its authority, how to apply and the listed steps (empty `steps` and
    `held: False` when our data has none for it). Nothing when the reference data has no next-steps accessor."""
    lookup = getattr(reference, "exporter_steps", None)
    if lookup is None:
        return []
    out: list[dict[str, Any]] = []
    for code in found.licensing_countries:
        record = lookup(code)
        if record is None:
            out.append({"country": code, "name": reference.country_name(code), "held": False})
            continue
        items = [{"kind": label, **_step(step)} for attr, label in LISTS for step in getattr(record, attr, ()) or ()]
        out.append(
            {
                "country": code,
                "name": str(record.name),
                "held": True,
                "authority": _step(record.authority),
                "apply": _step(record.apply) if getattr(record, "apply", None) else None,
                "steps": items,
            }
        )
    return out


def summary_lines(steps: list[dict[str, Any]]) -> list[str]:
    """The one line per country the verdict box shows: whom to ask and how to apply, under the exporter's law."""
    lines = []
    for item in steps:
        if not item.get("held"):
            lines.append(
                f"Under the law of {item['name']}: our data holds no next steps for it; ask its export-control "
                "authority how to classify the product and apply for a licence."
            )
            continue
        authority = item["authority"]
        how = f" {item['apply']['text']}" if item.get("apply") else ""
        where = f" ({authority['url']})" if authority.get("url") else ""
        lines.append(f"Under the law of {item['name']}: the licensing authority is {authority['name']}{where}.{how}")
    return lines
