"""`dealcheck migrate` as a user runs it: a version-1 file becomes version 2 with every value kept, in YAML or JSON,
to standard output, a named file or in place; a broken file is reported (exit 65), never rewritten."""

from __future__ import annotations

import json
from pathlib import Path

from checker.yamlsubset import dumps, loads
from tests.cli.test_cli import SCENARIOS, dealcheck, write
from tests.scenarios import SCREENING_DATE


def test_a_version_1_yaml_file_is_rewritten_with_every_value_kept(tmp_path: Path) -> None:
    deal = {"schema_version": 1, **SCENARIOS["gamma-finfisher-egypt"]["deal"]}
    path = write(tmp_path, "deal.yml", "# my comment\n" + dumps(deal))
    done = dealcheck("migrate", path)
    assert done.returncode == 0, done.stderr
    migrated = loads(done.stdout.decode())
    assert migrated == {**deal, "schema_version": 2}
    assert list(migrated)[0] == "schema_version"
    assert b"comments are not kept" in done.stderr
    assert Path(path).read_text().startswith("# my comment")  # not touched without --in-place
    before = dealcheck("screen", "--format", "json", "--date", SCREENING_DATE, path)
    out = write(tmp_path, "v2.yml", done.stdout)
    after = dealcheck("screen", "--format", "json", "--date", SCREENING_DATE, out)
    assert before.returncode == after.returncode == 3
    codes = lambda r: [(f["code"], f["message"]) for f in json.loads(r.stdout)["findings"]]  # noqa: E731
    assert codes(before) == codes(after)


def test_json_in_place_and_to_a_file(tmp_path: Path) -> None:
    deal = {"schema_version": 1, "end_user": {"name": "Ёлка"}, "destination": {"country": "EG"}}
    path = write(tmp_path, "deal.json", json.dumps(deal, ensure_ascii=False))
    done = dealcheck("migrate", "--in-place", path)
    assert done.returncode == 0 and done.stdout == b""
    assert json.loads(Path(path).read_text(encoding="utf-8")) == {**deal, "schema_version": 2}
    other = tmp_path / "out.yml"
    done = dealcheck("migrate", "--format", "yaml", "-o", str(other), path)
    assert done.returncode == 0
    assert loads(other.read_text(encoding="utf-8"))["end_user"] == {"name": "Ёлка"}


def test_a_broken_file_is_reported_and_left_alone(tmp_path: Path) -> None:
    text = "schema_version: 1\nend_user: {type: goverment}\n"
    path = write(tmp_path, "deal.yml", text)
    done = dealcheck("migrate", "--in-place", path)
    assert done.returncode == 65
    assert b"end_user.type" in done.stderr and b"government" in done.stderr
    assert Path(path).read_text() == text
    assert dealcheck("migrate", str(tmp_path / "missing.yml")).returncode == 66
    assert dealcheck("migrate").returncode == 64


def test_a_version_1_file_using_a_version_2_field_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "deal.yml", "schema_version: 1\nend_user: {name: A, aliases: [B]}\n")
    done = dealcheck("screen", path)
    assert done.returncode == 65
    assert b"end_user.aliases: is a schema_version 2 field" in done.stderr
