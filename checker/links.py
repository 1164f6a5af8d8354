"""The one place that knows the site's URL layout, shared by the engine's reports and the site generator."""

from __future__ import annotations

import re


def slug(identifier: str) -> str:
    """Control-entry ids and other codes become lower-case slugs: '5A001.f' -> '5a001-f'."""
    dashed = "".join(ch if ch.isalnum() else "-" for ch in identifier.strip().lower())
    return "-".join(part for part in dashed.split("-") if part)


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
DATA_CHANGES_PAGE = "data-changes/"


def absolute(path: str, base_url: str) -> str:
    """Join a site-relative path onto a base URL ('' keeps it relative, '/' makes it root-relative). Callers that
    write links pass the result through safe_target."""
    if not base_url:
        return path
    return base_url.rstrip("/") + "/" + path


_URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these inside URLs: "java\tscript:" is javascript:
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = ("http", "https")
_ENCODE = {" ": "%20", '"': "%22", "'": "%27", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\\": "%5C", "`": "%60"}


def safe_target(href: str | None) -> str | None:
    """The one link-target filter for every report format: an http(s) URL or a relative path, with the characters
    that could end a Markdown or HTML link percent-encoded; anything else (javascript:, data:, vbscript:, file:, a
    control character) is None, so the caller shows plain text instead of a link."""
    if not href or not isinstance(href, str):
        return None
    if any(ord(ch) < 0x20 and ch not in "\t\n\r" or ord(ch) == 0x7F for ch in href):
        return None
    cleaned = _URL_NOISE.sub("", href).strip(" ")
    if not cleaned:
        return None
    scheme = _SCHEME.match(cleaned)
    if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
        return None
    if not scheme and ":" in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return None  # "x:y" with an unusual first character: not a path we made
    return "".join(_ENCODE.get(ch, ch) for ch in cleaned)


def base_url_problem(base_url: str) -> str | None:
    """Why a --base-url / DEALCHECK_BASE_URL cannot prefix report links, or None when it can."""
    if not base_url:
        return None
    if safe_target(base_url) is None:
        return f"the base URL {base_url!r} is not an http(s) URL or a path"
    return None
