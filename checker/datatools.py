"""`dealcheck data audit|diff|version`: what a host must re-check, and what changed between two data releases.

Standard library only. Both work on compiled bundles (`checker/data/bundle.json` or one given with `--data` or as
an argument), so a host can audit the data it ships and compare a release with the one before it; the bundle's
`facts` table carries the provenance of every dated record of site_data/ (pages, steps and glossary terms too).
Bundles from before the provenance format (records with `as_of`) are read too: `as_of` counts as `verified_on`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.provenance import DEFAULT_MAX_AGE_DAYS, REFUSED_KINDS, staleness
from checker.records import UNRELIABLE_CONFIDENCES

# Sections of a bundle compared by `diff`, with the key naming a record and the words used in reports.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("measures", "id", "measure"),
    ("listed_parties", "id", "listed party"),
    ("control_entries", "id", "control entry"),
    ("case_studies", "id", "case study"),
    ("sources", "id", "source"),
    ("facts", "key", "fact"),
)
WEAK = ("unverified", "possibly_lapsed", "secondary")


class DataFileError(Exception):
    """A bundle that cannot be read: the message names the file and the problem."""


def read_bundle(path: str | Path) -> dict[str, Any]:
    """A bundle from disk, or DataFileError naming the file (never a traceback)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"cannot read {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"cannot read {path}: {error}") from None
    except json.JSONDecodeError as error:
        raise DataFileError(f"{path}:{error.lineno}: not a JSON bundle ({error.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("measures"), list):
        raise DataFileError(f"{path}: not a reference bundle (no `measures` list)")
    return data


def _verified(record: Mapping[str, Any]) -> Any:
    return record.get("verified_on", record.get("as_of"))


def facts_of(bundle: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every dated record: the bundle's `facts` table, or (older bundles) the records of the compared sections."""
    if isinstance(bundle.get("facts"), list):
        return [dict(f) for f in bundle["facts"]]
    found = [
        {
            "key": f"{noun}:{record.get(key)}",
            "kind": noun,
            "id": record.get(key),
            "title": record.get("title") or record.get("id"),
            "sources": record.get("sources", []),
            "verified_on": _verified(record),
            "rechecked": record.get("rechecked", False if "as_of" in record else None),
            "review_by": record.get("review_by"),
            "confidence": record.get("confidence"),
        }
        for section, key, noun in SECTIONS[:4]
        for record in bundle.get(section) or []
    ]
    return found


@dataclass
class AuditItem:
    """One fact a host should look at, and why."""

    key: str
    kind: str
    title: str
    confidence: str | None
    verified_on: str | None
    reasons: list[str] = field(default_factory=list)
    file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "title": self.title,
            "file": self.file,
            "confidence": self.confidence,
            "verified_on": self.verified_on,
            "reasons": self.reasons,
        }


def audit(bundle: Mapping[str, Any], today: dt.date, max_age_days: int = DEFAULT_MAX_AGE_DAYS) -> dict[str, Any]:
    """Unverified, stale, not re-checked and weakly sourced facts, with counts; the same for text and JSON."""
    sources = {s.get("id"): s for s in bundle.get("sources") or []}
    items: list[AuditItem] = []
    for fact in facts_of(bundle):
        reasons = []
        confidence = fact.get("confidence")
        if confidence in WEAK:
            reasons.append(f"confidence {confidence}")
        stale = staleness(
            {"verified_on": fact.get("verified_on"), "review_by": fact.get("review_by")}, today, max_age_days
        )
        reasons += [f"stale: {r}" for r in stale.reasons]
        if fact.get("rechecked") is False:
            reasons.append("date carried over by the migration, not re-checked")
        weak = [
            f"{i} ({sources[i].get('kind')})"
            for i in fact.get("sources") or []
            if i in sources and sources[i].get("kind") in REFUSED_KINDS
        ]
        if weak:
            reasons.append("weak sources: " + ", ".join(weak))
        missing = [i for i in fact.get("sources") or [] if i not in sources]
        if missing:
            reasons.append("sources not in the bundle: " + ", ".join(missing))
        if reasons:
            items.append(
                AuditItem(
                    key=str(fact.get("key")),
                    kind=str(fact.get("kind")),
                    title=str(fact.get("title") or fact.get("id") or ""),
                    confidence=confidence,
                    verified_on=str(fact["verified_on"]) if fact.get("verified_on") else None,
                    reasons=reasons,
                    file=fact.get("file"),
                )
            )
    counts = {
        "facts": len(facts_of(bundle)),
        "flagged": len(items),
        "unverified": sum(1 for i in items if i.confidence in UNRELIABLE_CONFIDENCES),
        "secondary": sum(1 for i in items if i.confidence == "secondary"),
        "stale": sum(1 for i in items if any(r.startswith("stale:") for r in i.reasons)),
        "not_rechecked": sum(1 for i in items if any(r.startswith("date carried over") for r in i.reasons)),
        "weakly_sourced": sum(1 for i in items if any(r.startswith("weak sources") for r in i.reasons)),
    }
    return {
        "data_version": bundle.get("version"),
        "data_as_of": bundle.get("as_of"),
        "audited_on": today.isoformat(),
        "stale_after_days": max_age_days,
        "counts": counts,
        "items": [i.to_dict() for i in items],
    }


def audit_text(report: Mapping[str, Any]) -> str:
    counts = report["counts"]
    lines = [
        f"Data version {report['data_version']}, data as of {report['data_as_of']}; audited {report['audited_on']} "
        f"(stale after {report['stale_after_days']} days).",
        f"{counts['flagged']} of {counts['facts']} facts need a look: {counts['unverified']} unverified or possibly "
        f"lapsed, {counts['secondary']} secondary, {counts['stale']} stale, {counts['not_rechecked']} not re-checked "
        f"since the migration, {counts['weakly_sourced']} citing weak sources.",
        "",
    ]
    for item in report["items"]:
        where = f"  [{item['file']}]" if item.get("file") else ""
        lines.append(f"{item['key']}: {item['title']}{where}")
        lines.append(f"    {item['confidence'] or 'no confidence'}, verified {item['verified_on'] or 'never'}")
        lines.extend(f"    - {r}" for r in item["reasons"])
    return "\n".join(lines) + "\n"


# Diff ---------------------------------------------------------------------------------------------
IGNORED = frozenset({"as_of", "verified_on", "rechecked"})  # dates of checking are reported separately


def _index(records: Iterable[Mapping[str, Any]], key: str) -> dict[str, Mapping[str, Any]]:
    return {str(r.get(key)): r for r in records if r.get(key) is not None}


def _changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    changes = []
    for name in sorted(set(old) | set(new)):
        if name in IGNORED:
            continue
        before, after = old.get(name), new.get(name)
        if name == "date" and "published" in new and "date" in old:
            continue  # the old source `date` became published/accessed
        if before != after:
            changes.append({"field": name, "old": before, "new": after})
    return changes


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Records added, removed or changed between two bundles, section by section; re-check dates listed apart."""
    sections = {}
    for section, key, noun in SECTIONS:
        if section == "facts":
            before, after = _index(facts_of(old), key), _index(facts_of(new), key)
        else:
            before, after = _index(old.get(section) or [], key), _index(new.get(section) or [], key)
        added = sorted(set(after) - set(before))
        removed = sorted(set(before) - set(after))
        changed = []
        rechecked = []
        for ident in sorted(set(before) & set(after)):
            fields = _changed_fields(before[ident], after[ident])
            if section == "facts":
                fields = [f for f in fields if f["field"] not in ("file", "title")]
            if fields:
                changed.append({"id": ident, "title": _title(after[ident]), "fields": fields})
            elif _verified(before[ident]) != _verified(after[ident]) and section == "facts":
                rechecked.append({"id": ident, "old": _verified(before[ident]), "new": _verified(after[ident])})
        sections[section] = {
            "noun": noun,
            "added": [{"id": i, "title": _title(after[i])} for i in added],
            "removed": [{"id": i, "title": _title(before[i])} for i in removed],
            "changed": changed,
            "rechecked": rechecked,
        }
    return {
        "old": {"version": old.get("version"), "as_of": old.get("as_of")},
        "new": {"version": new.get("version"), "as_of": new.get("as_of")},
        "sections": sections,
    }


def _title(record: Mapping[str, Any]) -> str:
    names = record.get("names")
    if isinstance(names, list) and names:
        return str(names[0])
    return str(record.get("title") or record.get("id") or record.get("key") or "")


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 160 else text[:157] + "..."


def diff_text(report: Mapping[str, Any], markdown: bool = False) -> str:
    """Release notes: text, or Markdown for the generated Data changes page."""
    old, new = report["old"], report["new"]
    lines = []
    head = f"Changes from data version {old['version']} ({old['as_of']}) to {new['version']} ({new['as_of']})."
    lines += [head, ""]
    total = 0
    for section, data in report["sections"].items():
        noun = data["noun"]
        entries = [f"added {noun} `{item['id']}`: {item['title']}" for item in data["added"]]
        entries.extend(f"removed {noun} `{item['id']}`: {item['title']}" for item in data["removed"])
        for item in data["changed"]:
            parts = "; ".join(f"{f['field']}: {_value(f['old'])} -> {_value(f['new'])}" for f in item["fields"])
            entries.append(f"changed {noun} `{item['id']}` ({item['title']}): {parts}")
        if data["rechecked"]:
            entries.append(f"{len(data['rechecked'])} {noun}s re-checked with no change to their content")
        total += len(data["added"]) + len(data["removed"]) + len(data["changed"])
        if not entries:
            continue
        title = section.replace("_", " ").capitalize()
        if markdown:
            lines += [f"## {title} {{#{section.replace('_', '-')}}}", ""]
            lines += [f"- {_md(e)}" for e in entries]
        else:
            lines += [f"{title}:"]
            lines += [f"  {e}" for e in entries]
        lines.append("")
    if total == 0:
        lines.append("No measure, party, entry, case study, source or fact was added, changed or removed.")
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    """Escape what Markdown would read as markup, keep the `code` spans the text makes itself."""
    out = []
    for index, part in enumerate(text.split("`")):
        if index % 2:
            out.append(f"`{part}`")
        else:
            for char in "\\*_[]<>|#":
                part = part.replace(char, "\\" + char)
            out.append(part)
    return "".join(out)
