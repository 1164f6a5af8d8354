"""The loader's source-quality and dating rules: each bad edit to a copy of site_data/ is refused with file:line: field."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.provenance import confirmed_problem, is_home_page, staleness
from sitegen.migrate_provenance import migrate
from tests.site.sitebuild import ROOT
from tests.site.sitebuild import site_data_problems as problems

CASE = "content/case_studies/gamma-finfisher-egypt.yml"
EU = "reference/measures/eu.yml"


def line_of(path: Path, pattern: str, start: int = 0) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number > start and re.search(pattern, line):
            return number
    raise AssertionError(f"{pattern!r} not in {path}")


def append_source(root: Path, text: str) -> int:
    """Add a source record at the end of sources.yml; return the line of its `- id:`."""
    path = root / "sources.yml"
    before = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(before + text, encoding="utf-8")
    return len(before.splitlines()) + 1


def cite_on_confirmed_measure(root: Path, source_ids: str) -> int:
    """Make the first confirmed EU measure cite only `source_ids`; return the line of its `confidence:`."""
    path = root / EU
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    confidence = next(i for i, line in enumerate(lines) if line.strip() == "confidence: confirmed")
    sources = max(i for i in range(confidence) if lines[i].lstrip().startswith("sources:"))
    indent = lines[sources][: len(lines[sources]) - len(lines[sources].lstrip())]
    lines[sources] = f"{indent}sources: [{source_ids}]\n"
    path.write_text("".join(lines), encoding="utf-8")
    return confidence + 1


AGGREGATOR = """- id: test-aggregator-report
  kind: aggregator
  title: A rewrite of a wire story
  publisher: Some Aggregator
  url: https://aggregator.example/story/123
  published: 2025-09-01
  accessed: 2026-12-01
"""


def test_shipped_data_passes_every_rule() -> None:
    assert problems(ROOT / "site_data") == []


def test_confirmed_fact_with_only_an_aggregator_source_is_refused(data: Path) -> None:
    append_source(data, AGGREGATOR)
    line = cite_on_confirmed_measure(data, "test-aggregator-report")
    found = problems(data)
    assert any(
        p.startswith(f"site_data/{EU}:{line}: confidence: a confirmed fact may not cite test-aggregator-report")
        for p in found
    ), found


def test_confirmed_fact_with_one_reputable_report_is_refused(data: Path) -> None:
    append_source(data, AGGREGATOR.replace("aggregator", "reputable_media"))
    line = cite_on_confirmed_measure(data, "test-reputable_media-report")
    found = problems(data)
    assert any(p.startswith(f"site_data/{EU}:{line}: confidence: confirmed needs a primary source") for p in found), (
        found
    )


def test_two_independent_reputable_reports_may_confirm(data: Path) -> None:
    append_source(data, AGGREGATOR.replace("aggregator", "reputable_media"))
    append_source(data, AGGREGATOR.replace("aggregator", "ngo_research").replace("Some Aggregator", "A Research Lab"))
    cite_on_confirmed_measure(data, "test-reputable_media-report, test-ngo_research-report")
    assert problems(data) == []


def test_source_with_only_a_home_page_is_refused(data: Path) -> None:
    line = append_source(data, AGGREGATOR.replace("https://aggregator.example/story/123", "https://www.example.org/"))
    url_line = line + 4
    found = problems(data)
    assert f"site_data/sources.yml:{url_line}: url: 'https://www.example.org/' is a home page" in "\n".join(found)


def test_source_without_any_document_address_is_refused(data: Path) -> None:
    line = append_source(data, AGGREGATOR.replace("  url: https://aggregator.example/story/123\n", ""))
    found = problems(data)
    assert any(p.startswith(f"site_data/sources.yml:{line}: url: no document address") for p in found), found


def test_offline_citation_stands_in_for_an_address(data: Path) -> None:
    append_source(
        data,
        AGGREGATOR.replace(
            "  url: https://aggregator.example/story/123\n",
            '  offline: "A. Author, A Printed Report, Publisher, London, 2014, 36 pp."\n',
        ),
    )
    assert problems(data) == []


@pytest.mark.parametrize("missing", ["published", "accessed"])
def test_source_without_published_or_accessed_is_refused(data: Path, missing: str) -> None:
    line = append_source(data, re.sub(rf"(?m)^  {missing}: .*\n", "", AGGREGATOR))
    found = problems(data)
    assert f"site_data/sources.yml:{line}: {missing}: required field is missing" in found, found


def test_source_with_the_old_date_field_names_the_migration(data: Path) -> None:
    line = append_source(data, AGGREGATOR.replace("  accessed: 2026-12-01\n", "  date: 2026-12-01\n"))
    found = "\n".join(problems(data))
    assert f"site_data/sources.yml:{line + 6}: date: replaced by published" in found
    assert "migrate_provenance" in found


def test_fact_without_verified_on_is_refused(data: Path) -> None:
    path = data / CASE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^verified_on: .*\n", "", text), encoding="utf-8")
    assert f"site_data/{CASE}:1: verified_on: required field is missing" in problems(data)


def test_fact_with_the_old_as_of_names_the_migration(data: Path) -> None:
    path = data / CASE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^verified_on: ", "as_of: ", text), encoding="utf-8")
    line = line_of(path, r"^as_of: ")
    found = "\n".join(problems(data))
    assert f"site_data/{CASE}:{line}: as_of: renamed to verified_on" in found


def test_fact_verified_in_the_future_is_refused(data: Path) -> None:
    path = data / CASE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^verified_on: .*$", "verified_on: 2999-01-01", text), encoding="utf-8")
    line = line_of(path, r"^verified_on: ")
    assert f"site_data/{CASE}:{line}: verified_on: 2999-01-01 is in the future" in problems(data)


def test_unknown_source_kind_is_refused(data: Path) -> None:
    line = append_source(data, AGGREGATOR.replace("kind: aggregator", "kind: hearsay"))
    found = "\n".join(problems(data))
    assert f"site_data/sources.yml:{line + 1}: kind: 'hearsay' is not one of" in found


def test_home_page_detection() -> None:
    assert is_home_page("https://www.fidh.org/")
    assert is_home_page("https://www.ohchr.org/en/index.html")
    assert is_home_page("https://www.herbertsmithfreehills.com/lang-zh-hans/")
    assert not is_home_page("https://press.un.org/en/2025/sc16131.doc.htm")
    assert not is_home_page("https://bahrainrights.net/?p=4175")
    assert not is_home_page("https://eur-lex.europa.eu/eli/reg/2021/821/oj")


def test_confirmed_rule_counts_publishers_not_sources() -> None:
    same = [
        {"id": "a", "kind": "reputable_media", "publisher": "Reuters"},
        {"id": "b", "kind": "reputable_media", "publisher": "reuters"},
    ]
    assert confirmed_problem(same) is not None
    assert confirmed_problem([{"id": "c", "kind": "court", "publisher": "US District Court"}]) is None


def test_staleness_by_review_date_and_age() -> None:
    import datetime as dt

    today = dt.date(2026, 12, 1)
    assert not staleness({"verified_on": "2026-11-01"}, today).stale
    assert staleness({"verified_on": "2026-01-01"}, today).stale
    assert (
        "review date 2026-06 has passed"
        in staleness({"verified_on": "2026-11-30", "review_by": "2026-06"}, today).text()
    )
    assert not staleness({"verified_on": "2026-01-01"}, today, max_age_days=400).stale


OLD_FORMAT_SOURCES = """# registry
- id: some-paper
  title: A paper
  publisher: A publisher
  url: https://www.gov.uk/guidance/a-paper
  date: 2013-05-02
- id: read-only-source
  title: Undated page
  publisher: Somebody
  url: https://somebody.example/page
  date: 2026-11-29
"""
OLD_FORMAT_RECORDS = """measures:
  - id: x
    date: 2012-01-18
    sources: [some-paper]
    as_of: 2026-11-29
    confidence: confirmed
"""


def test_migration_keeps_values_and_marks_dates_not_rechecked(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yml"
    records = tmp_path / "eu.yml"
    sources.write_text(OLD_FORMAT_SOURCES, encoding="utf-8")
    records.write_text(OLD_FORMAT_RECORDS, encoding="utf-8")
    outcome = migrate([sources, records], accessed="2026-11-29")
    text = sources.read_text(encoding="utf-8")
    assert "  kind: official\n" in text  # a gov.uk address
    assert "  published: 2013-05-02\n  accessed: 2026-11-29\n" in text
    assert "  published: undated\n  accessed: 2026-11-29\n" in text  # the old date was the reading date
    assert outcome.unclassified == [f"{sources}: source read-only-source"]
    migrated = records.read_text(encoding="utf-8")
    assert "    date: 2012-01-18\n" in migrated  # a measure's own date is not a source date
    assert "    verified_on: 2026-11-29\n    rechecked: false\n" in migrated
    assert "as_of" not in migrated
    assert migrate([sources, records], accessed="2026-11-29").changed == []  # idempotent


def test_migration_command_reports_sources_to_classify(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yml"
    sources.write_text(OLD_FORMAT_SOURCES, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sitegen.migrate_provenance", "--accessed", "2026-11-29", str(sources)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 1
    assert "needs a kind" in run.stderr and "read-only-source" in run.stderr
    assert f"migrated {sources}" in run.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "sitegen.migrate_provenance", str(tmp_path / "nope.yml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert bad.returncode == 2 and "no such file" in bad.stderr
