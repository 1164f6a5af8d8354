"""Branding for a hosting trade body (name, logo, colours, endorsement, contact), read from one YAML file.

The site's look and its endorsement come from configuration alone: point the plugin's `branding:` option at another
file and rebuild. Problems are reported like data problems (file, line, field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen import schema as S
from sitegen.problems import Problem, ValidationFailed
from sitegen.validate import Checker
from sitegen.yamlmarks import read_yaml

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
DEFAULT_COLOURS = {"primary": "#1f4e79", "accent": "#b3261e"}


@dataclass
class Branding:
    """Validated branding; `logo` is an absolute path to an image file or None."""

    site_name: str
    display: str
    short_name: str | None = None
    site_url: str | None = None
    logo: Path | None = None
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    endorsement: str | None = None
    contact: dict[str, str] = field(default_factory=dict)
    copyright: str | None = None

    def extra(self) -> dict[str, Any]:
        """What the templates read (config.extra.branding)."""
        return {
            "site_name": self.site_name,
            "short_name": self.short_name or self.site_name,
            "endorsement": self.endorsement,
            "contact": dict(self.contact),
        }

    def css(self) -> str:
        """Custom Material colours for light and dark schemes (`primary: custom`, `accent: custom`)."""
        primary = self.colours.get("primary", DEFAULT_COLOURS["primary"])
        accent = self.colours.get("accent", DEFAULT_COLOURS["accent"])
        dark_primary = self.colours.get("primary_dark", _mix(primary, "#ffffff", 0.35))
        dark_accent = self.colours.get("accent_dark", _mix(accent, "#ffffff", 0.35))
        return (
            "/* Generated from the branding file; edit that file, not this one. */\n"
            f":root {{\n{_scheme(primary, accent)}}}\n"
            f'[data-md-color-scheme="slate"] {{\n{_scheme(dark_primary, dark_accent, slate=True)}}}\n'
        )


def _scheme(primary: str, accent: str, slate: bool = False) -> str:
    lines = {
        "--md-primary-fg-color": primary,
        "--md-primary-fg-color--light": _mix(primary, "#ffffff", 0.25),
        "--md-primary-fg-color--dark": _mix(primary, "#000000", 0.25),
        "--md-primary-bg-color": "#ffffff" if not slate or _luma(primary) < 0.55 else "#000000",
        "--md-accent-fg-color": accent,
        "--md-accent-fg-color--transparent": accent + "1a",
        "--ceg-brand": primary,
    }
    if slate:
        lines["--md-typeset-a-color"] = primary
    return "".join(f"  {k}: {v};\n" for k, v in lines.items())


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(colour: str, other: str, amount: float) -> str:
    a, b = _rgb(colour), _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _luma(colour: str) -> float:
    r, g, b = _rgb(colour)
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def load_branding(path: Path, display: str) -> Branding:
    """Read and validate a branding file; the logo path is relative to the branding file's folder."""
    if not path.is_file():
        raise ValidationFailed([Problem(display, 1, "(file)", "branding file not found (plugin option `branding`)")])
    data, problems = read_yaml(path, display)
    if problems:
        raise ValidationFailed(problems)
    checker = Checker(display)
    schema = {**S.BRANDING, "site_url": S.Field("str", required=False, pattern=r"^https?://[^\s/]+(/\S*)?/$")}
    if not checker.record(data, schema, "", 1):
        raise ValidationFailed(checker.problems)
    problems = list(checker.problems)
    for ref in checker.refs:  # branding has no references; keep the checker honest
        problems.append(Problem(display, ref.line, ref.field, "unexpected reference"))
    colours = dict(DEFAULT_COLOURS)
    for key, value in (data.get("colours") or {}).items():
        if isinstance(value, str) and not HEX.match(value):
            problems.append(
                Problem(display, data["colours"].line_of(key), f"colours.{key}", f"{value!r} is not a #rrggbb colour")
            )
        colours[key] = str(value)
    logo = None
    if data.get("logo"):
        logo = (path.parent / str(data["logo"])).resolve()
        if logo.suffix.lower() not in LOGO_TYPES:
            problems.append(
                Problem(display, data.line_of("logo"), "logo", f"must be an image ({', '.join(LOGO_TYPES)})")
            )
        elif not logo.is_file():
            problems.append(
                Problem(
                    display,
                    data.line_of("logo"),
                    "logo",
                    f"file {data['logo']!r} not found (paths are relative to the branding file)",
                )
            )
    contact = dict(data.get("contact") or {})
    if contact.get("email") and "@" not in contact["email"]:
        problems.append(Problem(display, data["contact"].line_of("email"), "contact.email", "is not an e-mail address"))
    if contact.get("url") and not str(contact["url"]).startswith(("https://", "http://")):
        problems.append(Problem(display, data["contact"].line_of("url"), "contact.url", "must be an http(s) address"))
    if problems:
        raise ValidationFailed(problems)
    return Branding(
        site_name=data["site_name"],
        display=display,
        short_name=data.get("short_name"),
        site_url=data.get("site_url"),
        logo=logo,
        colours=colours,
        endorsement=" ".join(str(data["endorsement"]).split()) if data.get("endorsement") else None,
        contact=contact,
        copyright=data.get("copyright"),
    )
