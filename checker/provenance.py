"""What a source is worth and when a fact goes stale: the rules the loader enforces and the audit reports.

Standard library only: the loader (`sitegen`), `dealcheck data audit` and the engine's reports share these rules,
so a host, a page and a screening report can never disagree about which facts are weak or out of date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# Source kinds. Primary: the record itself (what a confirmed fact may rest on alone).
SOURCE_KINDS: dict[str, str] = {
    "official": "legislation, an official journal, a UN document, a government or regulator page or press release",
    "court": "a court or tribunal record: judgment, order, docket, indictment",
    "company": "the party's own filing, statement or report",
    "subject_document": "the document a fact is about (for a fact stating what that guidance or report says)",
    "reputable_media": "a news organisation or specialist trade press with its own editorial control",
    "ngo_research": "a report by a human-rights organisation or research lab naming its evidence",
    "academic": "a peer-reviewed or university publication",
    "law_firm": "a law-firm or consultancy client brief (secondary: a reading of the primary text)",
    "dataset": "a compiled data set or reference table (secondary: compiled from primary texts)",
    "blog": "a personal or specialist blog (secondary)",
    "aggregator": "a news aggregator or rewrite site (refused for confirmed facts)",
    "forum": "a forum post or user repost (refused for confirmed facts)",
    "mirror": "a third-party copy of someone else's document (refused for confirmed facts: cite the original)",
    "search_page": "a search tool or database front page, not a document (refused for confirmed facts)",
    "project": "this project's own notes (refused for confirmed facts)",
}
PRIMARY_KINDS = frozenset({"official", "court", "company", "subject_document"})
REPUTABLE_KINDS = frozenset({"reputable_media", "ngo_research", "academic"})
REFUSED_KINDS = frozenset({"aggregator", "forum", "mirror", "search_page", "project"})

CONFIDENCE_LEVELS = ("confirmed", "secondary", "unverified", "possibly_lapsed")
DEFAULT_MAX_AGE_DAYS = 183  # about six months
_LANGUAGE_SEGMENT = re.compile(r"^(?:[a-z]{2}(?:[-_][a-z]{2,4})?|lang-[a-z-]+)$", re.IGNORECASE | re.ASCII)
_INDEX_SEGMENT = re.compile(r"^(?:index|default|home)(?:\.[a-z]+)?$", re.IGNORECASE | re.ASCII)


def is_home_page(url: str) -> bool:
    """True when an http(s) address names a site, not a document (`https://x.org/`, `https://x.org/en/index.html`)."""
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        return False
    segments = [s for s in parts.path.split("/") if s]
    meaningful = [s for s in segments if not _LANGUAGE_SEGMENT.match(s) and not _INDEX_SEGMENT.match(s)]
    return not meaningful


def source_problems(source: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, problem) for one source record's address rules; schema checks (types, required) are the loader's."""
    problems: list[tuple[str, str]] = []
    url = source.get("url")
    offline = source.get("offline")
    if not url and not offline:
        problems.append(("url", "no document address: give the document's `url` or `offline:` with a full citation"))
    if isinstance(url, str) and url:
        if url.startswith(("http://", "https://")):
            if is_home_page(url):
                problems.append(
                    (
                        "url",
                        f"{url!r} is a home page, not a document address: give the document's own address, or "
                        "`offline:` with a full citation",
                    )
                )
        elif source.get("kind") != "project":
            problems.append(("url", f"{url!r} is not an http(s) address (only `kind: project` may cite a site page)"))
    return problems


def confirmed_problem(sources: Iterable[Mapping[str, Any]]) -> str | None:
    """Why these sources cannot carry `confidence: confirmed`, or None when they can.

    Confirmed needs a primary source (official, court, company) or two independent reputable reports (different
    publishers); aggregators, forum reposts, document mirrors, search pages and our own notes are refused outright.
    """
    records = list(sources)
    refused = [s for s in records if s.get("kind") in REFUSED_KINDS]
    if refused:
        named = ", ".join(f"{s.get('id')} ({s.get('kind')})" for s in refused)
        return (
            f"a confirmed fact may not cite {named}: cite the original document, or lower confidence "
            "(secondary or unverified)"
        )
    if any(s.get("kind") in PRIMARY_KINDS for s in records):
        return None
    publishers = {str(s.get("publisher", "")).strip().lower() for s in records if s.get("kind") in REPUTABLE_KINDS}
    if len(publishers) >= 2:
        return None
    kinds = ", ".join(f"{s.get('id')} ({s.get('kind')})" for s in records) or "none"
    return (
        "confirmed needs a primary source (official, court, company, subject_document) or two independent reputable reports "
        f"(reputable_media, ngo_research, academic from different publishers); sources: {kinds}"
    )


def parse_date(value: Any) -> dt.date | None:
    """An ISO date, or the first day of a YYYY-MM / YYYY partial date; None when absent or not a date."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    if not 1 <= len(numbers) <= 3:
        return None
    numbers += [1] * (3 - len(numbers))
    try:
        return dt.date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        return None


@dataclass(frozen=True)
class Staleness:
    """Why a fact may be out of date (empty `reasons` = current)."""

    reasons: tuple[str, ...]

    @property
    def stale(self) -> bool:
        return bool(self.reasons)

    def text(self) -> str:
        return "; ".join(self.reasons)


def staleness(record: Mapping[str, Any], today: dt.date, max_age_days: int = DEFAULT_MAX_AGE_DAYS) -> Staleness:
    """A fact is stale when its `review_by` date has passed or it was last verified more than `max_age_days` ago."""
    reasons: list[str] = []
    review_by = parse_date(record.get("review_by"))
    if review_by is not None and review_by < today:
        reasons.append(f"review date {record.get('review_by')} has passed")
    verified = parse_date(record.get("verified_on"))
    if verified is None:
        reasons.append("never verified")
    elif (today - verified).days > max_age_days:
        reasons.append(f"last verified {record.get('verified_on')}, more than {max_age_days} days ago")
    return Staleness(tuple(reasons))


def checked_text(record: Mapping[str, Any]) -> str:
    """`checked 2026-12-01`, or the carried-over wording for a date the migration kept without a re-check."""
    verified = record.get("verified_on")
    if not verified:
        return "never checked"
    if record.get("rechecked") is False:
        return f"date {verified} carried over, not re-checked since"
    return f"checked {verified}"
