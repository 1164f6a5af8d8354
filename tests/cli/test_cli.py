"""The dealcheck CLI as a user runs it: a subprocess, real files, every exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.yamlsubset import dumps, loads
from tests.scenarios import SCREENING_DATE, load_scenarios

SCENARIOS = dict(load_scenarios())


def dealcheck(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], input=stdin, capture_output=True, timeout=60, check=False
    )


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(path)


@pytest.mark.parametrize(
    ("scenario", "code"),
    [
        ("benign-firewall-egypt-private", 0),
        ("forensics-denmark-private-conditions", 1),
        ("bluecoat-iraq-as-vendor-saw-it", 2),
        ("gamma-finfisher-egypt", 3),
    ],
)
def test_exit_code_follows_the_verdict(tmp_path: Path, scenario: str, code: int) -> None:
    path = write(tmp_path, "deal.yml", dumps(SCENARIOS[scenario]["deal"]))
    proc = dealcheck("screen", path, "--date", SCREENING_DATE, "--format", "json")
    assert proc.returncode == code, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == SCENARIOS[scenario]["expect"]["verdict"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_output_format(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, "deal.json", json.dumps(SCENARIOS["bluecoat-syria-known"]["deal"]))
    proc = dealcheck("screen", path, "--date", SCREENING_DATE, "--format", fmt)
    assert proc.returncode == 3
    out = proc.stdout.decode()
    assert "U401" in out and "STOP" in out
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "://" not in out.split("<body>")[0]  # nothing loaded from a URL


def test_stdin_is_read_with_dash() -> None:
    proc = dealcheck(
        "screen", "-", "--date", SCREENING_DATE, stdin=dumps(SCENARIOS["empty-deal"]["deal"] or {"notes": "x"}).encode()
    )
    assert proc.returncode == 2, proc.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"product: [unclosed\n", "not valid YAML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not a text file"),
        (b"\xff\xfe junk", "not UTF-8"),
        (b"end_user:\n  type: goverment\n", "did you mean 'government_security'"),
        (b"destination:\n  country: XX\n", "'XX' is not an ISO 3166-1 alpha-2 country code"),
        (
            b"product:\n  capabilities: remote_intrusion\n  mass_market: 3\n",
            "product.mass_market: must be true or false",
        ),
        (b"- just\n- a list\n", "a deal must be a mapping"),
    ],
)
def test_malformed_files_exit_65_with_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    proc = dealcheck("screen", write(tmp_path, "deal.yml", content))
    assert proc.returncode == 65
    assert message in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_invalid_deal_as_json_error_object(tmp_path: Path) -> None:
    proc = dealcheck("screen", write(tmp_path, "d.yml", b"end_user: {type: spy}\n"), "--format", "json")
    assert proc.returncode == 65
    data = json.loads(proc.stdout)
    assert data["error"] == "invalid_deal" and data["problems"][0]["path"] == "end_user.type"


def test_missing_file_exits_66(tmp_path: Path) -> None:
    proc = dealcheck("screen", str(tmp_path / "nope.yml"))
    assert proc.returncode == 66 and "cannot read" in proc.stderr.decode()


def test_usage_errors_exit_64() -> None:
    assert dealcheck("frobnicate").returncode == 64
    assert dealcheck("screen").returncode == 64
    assert dealcheck("screen", "-", "--format", "pdf").returncode == 64
    assert dealcheck("screen", "-", "--date", "yesterday", stdin=b"notes: x\n").returncode == 64


def test_batch_jsonl_streams_every_row_and_reports_bad_lines(tmp_path: Path) -> None:
    rows = [
        json.dumps(SCENARIOS["benign-firewall-egypt-private"]["deal"]),
        "{broken json",
        json.dumps(SCENARIOS["gamma-finfisher-egypt"]["deal"]),
        "",
        json.dumps({"end_user": {"type": "spy"}}),
        json.dumps(SCENARIOS["forensics-denmark-private-conditions"]["deal"]),
    ]
    proc = dealcheck("batch", write(tmp_path, "deals.jsonl", "\n".join(rows) + "\n"), "--date", SCREENING_DATE)
    assert proc.returncode == 65
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 5, 6]
    assert [o.get("verdict", o.get("error")) for o in out] == [
        "PROCEED",
        "invalid_deal",
        "STOP",
        "invalid_deal",
        "PROCEED_WITH_CONDITIONS",
    ]
    err = proc.stderr.decode()
    assert "line 2:" in err and "line 5: end_user.type" in err and "2 row(s) could not be screened" in err


def test_batch_exit_code_is_the_worst_verdict(tmp_path: Path) -> None:
    rows = [
        json.dumps(SCENARIOS[n]["deal"]) for n in ("benign-firewall-egypt-private", "bluecoat-iraq-as-vendor-saw-it")
    ]
    proc = dealcheck("batch", write(tmp_path, "d.jsonl", "\n".join(rows)), "--date", SCREENING_DATE)
    assert proc.returncode == 2


def test_batch_csv_with_dotted_columns(tmp_path: Path) -> None:
    csv_text = (
        "reference,exporter.country,product.capabilities,destination.country,end_user.name,end_user.type,"
        "end_user.end_user_statement,intermediaries[0].name,intermediaries[0].role,intermediaries[0].country,"
        "intermediaries[0].free_zone,delivery.ship_to_country\n"
        "Q1,GB,firewall,EG,Cairo Textiles SAE,private_company,signed,,,,,\n"
        "Q2,US,web_filtering;deep_packet_inspection,SY,Syrian Telecommunications Establishment,state_telecom_operator,none,"
        "Computerlinks FZCO,distributor,AE,yes,AE\n"
        "Q3,GB,firewall,EG,X,private_company,signed,,,,perhaps,\n"
    )
    proc = dealcheck("batch", write(tmp_path, "deals.csv", csv_text), "--date", SCREENING_DATE, "--format", "csv")
    assert proc.returncode == 65
    lines = proc.stdout.decode().splitlines()
    assert lines[0] == "line,reference,verdict,codes,problems"
    assert lines[1].startswith("2,Q1,PROCEED,")
    assert lines[2].startswith("3,Q2,STOP,") and "R501" in lines[2]
    assert lines[3].startswith("4,,INVALID,") and "free_zone" in lines[3]


def test_schema_vocab_example_rules() -> None:
    schema = json.loads(dealcheck("schema").stdout)
    assert "government_security" in schema["properties"]["end_user"]["properties"]["type"]["anyOf"][0]["enum"]
    vocab = dealcheck("vocab", "capabilities").stdout.decode()
    assert "remote_intrusion" in vocab
    assert dealcheck("vocab", "nonsense").returncode == 64
    example = dealcheck("example").stdout.decode()
    assert loads(example)["product"]["name"]
    rules = dealcheck("rules", "--format", "json")
    assert {"U401", "F101", "D901"} <= {r["code"] for r in json.loads(rules.stdout)}


def test_example_screens(tmp_path: Path) -> None:
    path = write(tmp_path, "example.yml", dealcheck("example").stdout)
    proc = dealcheck("screen", path, "--date", SCREENING_DATE)
    assert proc.returncode == 2, proc.stderr  # the example routes through a free-zone distributor: escalate
    assert b"R501" in proc.stdout


def test_schema_accepts_every_scenario_deal() -> None:
    """The published JSON Schema and the validator agree on the worked scenarios (checked structurally)."""
    schema = json.loads(dealcheck("schema").stdout)
    allowed = set(schema["properties"])
    for name, spec in SCENARIOS.items():
        assert set(spec["deal"]) <= allowed, name


def test_unusable_reference_bundle_exits_70_without_a_traceback(tmp_path: Path) -> None:
    deal = write(tmp_path, "deal.yml", b"notes: x\n")
    for content in (b"not json at all", b'{"format": 99}'):
        bundle = write(tmp_path, "bundle.json", content)
        proc = dealcheck("--data", bundle, "screen", deal)
        assert proc.returncode == 70, proc.stderr
        assert b"reference bundle" in proc.stderr and b"Traceback" not in proc.stderr
    assert dealcheck("--data", str(tmp_path / "missing.json"), "screen", deal).returncode == 66
