"""The exporter's own next steps, from the jurisdiction record and the per-country next-steps data.

For each country whose licensing authority the exporter deals with (its own; the ship-from country when that brings
another authority's rules), the steps recorded in site_data/reference/exporter_steps/ (ReferenceData.exporter_steps):
who licenses, how to apply, how to get a classification, the licence types, advisory services, the control list and
the catch-all route, each with its official page. A country with no record says so rather than guessing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.jurisdiction import Jurisdiction
from checker.records import NextStep

if TYPE_CHECKING:
    from checker.reference import ReferenceData

# The lists of an ExporterSteps record a report shows, with the label each step carries (entry notes belong to
# control-entry pages, not to a deal's next steps).
LABELS = (
    ("classification", "Classification"),
    ("licence_types", "Licence"),
    ("advisory", "Advice"),
    ("control_lists", "Control list"),
    ("catch_all", "Catch-all"),
)


def _step(step: NextStep) -> dict[str, Any]:
    """A step as reports read it; `reliable` False when our record of it is unverified (reports say so)."""
    return {"name": step.name, "text": step.text, "url": step.url, "level": step.level, "reliable": step.reliable}


def exporter_steps(found: Jurisdiction, reference: ReferenceData) -> list[dict[str, Any]]:
    """One record per licensing country: its authority, how to apply and the listed steps (`held: False` when our
    data has none for it)."""
    out: list[dict[str, Any]] = []
    for code in found.licensing_countries:
        record = reference.exporter_steps(code)
        if record is None:
            out.append({"country": code, "name": reference.country_name(code), "held": False})
            continue
        items = [{"kind": label, **_step(step)} for attr, label in LABELS for step in getattr(record, attr)]
        out.append(
            {
                "country": code,
                "name": record.name,
                "held": True,
                "authority": _step(record.authority),
                "apply": _step(record.apply) if record.apply else None,
                "steps": items,
            }
        )
    return out


UNVERIFIED = " (unverified: check it on the authority's own page)"


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
        doubt = "" if authority.get("reliable", True) else UNVERIFIED
        lines.append(
            f"Under the law of {item['name']}: the licensing authority is {authority['name']}{where}{doubt}.{how}"
        )
    return lines
