"""The one place that knows the site's URL layout, shared by the engine's reports and the site generator."""

from __future__ import annotations


def slug(identifier: str) -> str:
    """Control-entry ids and other codes become lower-case slugs: '5A001.f' -> '5a001-f'."""
    out = []
    for ch in identifier.strip().lower():
        out.append(ch if ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


def step_page(step_id: str) -> str:
    return f"steps/{step_id}/"


def case_study_page(case_id: str) -> str:
    return f"case-studies/{case_id}/"


def country_page(code: str) -> str:
    return f"countries/{code.lower()}/"


def control_page(entry_id: str) -> str:
    return f"controls/{slug(entry_id)}/"


def capability_page(capability_id: str) -> str:
    return f"capabilities/{capability_id}/"


def finding_page(code: str) -> str:
    return f"findings/{code.lower()}/"


CHECKER_PAGE = "checker/"
METHODOLOGY_PAGE = "methodology/"
DISCLAIMER_PAGE = "disclaimer/"
DATA_SOURCES_PAGE = "data-sources/"


def absolute(path: str, base_url: str) -> str:
    """Join a site-relative path onto a base URL ('' keeps it relative, '/' makes it root-relative)."""
    if not base_url:
        return path
    return base_url.rstrip("/") + "/" + path
