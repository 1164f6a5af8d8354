"""Corrupt a temp copy of site_data/ in many distinct ways: each must fail `mkdocs build` with file, line and field."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.site.sitebuild import ROOT, build, write_config


@dataclass
class Expect:
    file: str  # relative to site_data/
    line: int
    field: str
    words: str


def edit_line(path: Path, pattern: str, replace: Callable[[str], str]) -> int:
    """Rewrite the first line matching `pattern`; return its 1-based number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if re.search(pattern, line):
            lines[index] = replace(line)
            path.write_text("".join(lines), encoding="utf-8")
            return index + 1
    raise AssertionError(f"{pattern!r} not found in {path}")


CASE = "content/case_studies/gamma-finfisher-egypt.yml"
STEP = "content/steps/end-user.md"
CONTROLS = "reference/control_entries.yml"
EU = "reference/measures/eu.yml"


def missing_field(root: Path) -> Expect:
    path = root / CASE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^vendor: .*\n", "", text, count=1), encoding="utf-8")
    return Expect(CASE, 1, "vendor", "required field is missing")


def wrong_type(root: Path) -> Expect:
    line = edit_line(root / EU, r"^\s+in_force: true", lambda s: s.replace("true", '"yes"'))
    return Expect(EU, line, "in_force", "expected true or false")


def unknown_country(root: Path) -> Expect:
    line = edit_line(root / CASE, r"^destinations: \[", lambda s: "destinations: [XX]\n")
    return Expect(CASE, line, "destinations[0]", "unknown country code 'XX'")


def duplicate_id(root: Path) -> Expect:
    path = root / EU
    text = path.read_text(encoding="utf-8")
    first = re.search(r"(?ms)^- id: (\S+)\n.*?(?=^- id: |\Z)", text)
    assert first
    path.write_text(text.rstrip("\n") + "\n\n" + first.group(0).rstrip("\n") + "\n", encoding="utf-8")
    line = len(text.rstrip("\n").splitlines()) + 2
    return Expect(EU, line, "id", f"duplicate id '{first.group(1)}'")


def dangling_source(root: Path) -> Expect:
    line = edit_line(root / STEP, r"^sources: \[", lambda s: s.replace("sources: [", "sources: [no-such-source, "))
    return Expect(STEP, line, "sources[0]", "unknown source id 'no-such-source'")


def bad_date(root: Path) -> Expect:
    line = edit_line(
        root / CONTROLS, r"^\s+verified_on: ", lambda s: re.sub(r"verified_on: .*", "verified_on: 2026-13-45", s)
    )
    return Expect(CONTROLS, line, "verified_on", "not a valid date")


def confirmed_on_a_mirror(root: Path) -> Expect:
    """A confirmed fact resting on a third-party copy of a document is refused by the build, not just the loader."""
    path = root / "sources.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n- id: some-mirror\n  kind: mirror\n  title: A copy\n  publisher: A document-sharing site\n"
        + "  url: https://docs.example/copy/1\n  published: 2020\n  accessed: 2026-12-01\n",
        encoding="utf-8",
    )
    line = edit_line(root / CASE, r"^sources: \[", lambda s: "sources: [some-mirror]\n")
    del line
    confidence = edit_line(root / CASE, r"^confidence: confirmed", lambda s: s)
    return Expect(CASE, confidence, "confidence", "a confirmed fact may not cite some-mirror (mirror)")


def unknown_step(root: Path) -> Expect:
    line = edit_line(root / CASE, r"^failed_steps: \[", lambda s: "failed_steps: [check-the-vibes]\n")
    return Expect(CASE, line, "failed_steps[0]", "unknown step id 'check-the-vibes'")


def unknown_capability(root: Path) -> Expect:
    line = edit_line(root / CONTROLS, r"^\s+capabilities: \[", lambda s: re.sub(r"\[.*\]", "[mind_reading]", s))
    return Expect(CONTROLS, line, "capabilities[0]", "unknown capability id 'mind_reading'")


def bad_yaml(root: Path) -> Expect:
    line = edit_line(root / CASE, r"^product: ", lambda s: "product: [unclosed, list\n")
    return Expect(CASE, line + 1, "(yaml)", "invalid YAML")


def unknown_field(root: Path) -> Expect:
    line = edit_line(root / CASE, r"^vendor: ", lambda s: s + "vendr: Typo Ltd\n") + 1
    return Expect(CASE, line, "vendr", "unknown field")


def bad_choice(root: Path) -> Expect:
    line = edit_line(root / CASE, r"^confidence: ", lambda s: "confidence: pretty sure\n")
    return Expect(CASE, line, "confidence", "'pretty sure' is not one of")


def broken_content_link(root: Path) -> Expect:
    path = root / STEP
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    path.write_text(text[:end] + "\nSee [nowhere](../no-such-page/).\n" + text[end:], encoding="utf-8")
    line = text[:end].count("\n") + 2
    return Expect(STEP, line, "(body)", "link '../no-such-page/' does not lead to any page")


def unknown_measure_target(root: Path) -> Expect:
    line = edit_line(root / EU, r"^\s+targets: \[[A-Z]", lambda s: re.sub(r"\[.*\]", "[ZZ-01]", s))
    return Expect(EU, line, "targets[0]", "unknown country code 'ZZ-01'")


def missing_step_file(root: Path) -> Expect:
    (root / "content/steps/after-the-sale.md").unlink()
    return Expect("content/steps/after-the-sale.md", 1, "(file)", "step page for 'after-the-sale' is missing")


def ended_while_in_force(root: Path) -> Expect:
    line = edit_line(root / EU, r"^\s+in_force: true", lambda s: s + s.replace("in_force: true", "ended: 2020-01-01"))
    return Expect(EU, line + 1, "ended", "set on a measure that is in force")


def authorisation_without_route(root: Path) -> Expect:
    line = edit_line(root / EU, r"^\s+authorisation_route: ", lambda s: "")
    return Expect(EU, line - 1, "authorisation_route", "required when regime is authorisation")


def route_on_a_prohibition(root: Path) -> Expect:
    line = edit_line(root / EU, r"^\s+regime: authorisation", lambda s: s.replace("authorisation", "prohibition"))
    return Expect(EU, line + 1, "authorisation_route", "regime is not authorisation")


def unknown_regime(root: Path) -> Expect:
    line = edit_line(root / EU, r"^\s+regime: authorisation", lambda s: s.replace("authorisation", "licence"))
    return Expect(EU, line, "regime", "'licence' is not one of")


CORRUPTIONS = [
    missing_field,
    wrong_type,
    unknown_country,
    duplicate_id,
    dangling_source,
    bad_date,
    unknown_step,
    unknown_capability,
    bad_yaml,
    unknown_field,
    bad_choice,
    broken_content_link,
    unknown_measure_target,
    missing_step_file,
    ended_while_in_force,
    authorisation_without_route,
    route_on_a_prohibition,
    unknown_regime,
    confirmed_on_a_mirror,
]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__)
def test_corrupted_site_data_fails_the_build_naming_file_line_and_field(
    tmp_path: Path, corrupt: Callable[[Path], Expect]
) -> None:
    data = tmp_path / "site_data"
    shutil.copytree(ROOT / "site_data", data)
    expect = corrupt(data)
    result = build(write_config(tmp_path, site_data=data, check_bundle=False), tmp_path / "site")
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    wanted = f"site_data/{expect.file}:{expect.line}: {expect.field}: "
    matching = [line for line in result.output.splitlines() if wanted in line]
    assert matching, f"expected a line with {wanted!r}\n{result.output}"
    assert any(expect.words in line for line in matching), f"expected {expect.words!r} in {matching}"


def test_stale_bundle_fails_the_build_with_a_clear_message(tmp_path: Path) -> None:
    data = tmp_path / "site_data"
    shutil.copytree(ROOT / "site_data", data)
    edit_line(data / EU, r"^\s+title: ", lambda s: s.rstrip("\n") + " (edited)\n")
    result = build(write_config(tmp_path, site_data=data, check_bundle=True), tmp_path / "site")
    assert result.returncode != 0
    assert "is not current with" in result.output and "python -m sitegen.bundle" in result.output, result.output
    assert "Traceback" not in result.output
