"""Hostile and broken input through the real CLI: bounded reading, every batch row answered with its line number,
no-row input refused, the documented exit codes only, and never a traceback."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from checker.limits import MAX_BYTES
from tests.cli.test_cli import SCENARIOS, dealcheck, write
from tests.engine.hostile import CASES, Case
from tests.scenarios import SCREENING_DATE

GOOD = json.dumps(SCENARIOS["benign-firewall-egypt-private"]["deal"])
STOP = json.dumps(SCENARIOS["gamma-finfisher-egypt"]["deal"])


@pytest.mark.parametrize("case", [c for c in CASES if len(c.build()) < 200_000], ids=lambda c: c.name)
def test_screen_answers_each_hostile_file_with_a_documented_code(tmp_path: Path, case: Case) -> None:
    proc = dealcheck("screen", write(tmp_path, "deal.yml", case.build()), "--date", SCREENING_DATE)
    if case.expect == "error":
        assert proc.returncode == 65, proc.stderr
        assert case.message.encode() in proc.stderr
    else:
        assert proc.returncode in (0, 1, 2, 3), proc.stderr
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr


def test_screen_reads_at_most_the_limit_from_a_device_or_a_pipe() -> None:
    proc = dealcheck("screen", "/dev/zero")
    assert proc.returncode == 65 and b"larger than the limit" in proc.stderr
    piped = subprocess.run(
        f"head -c 3G /dev/zero | {sys.executable} -m checker screen -",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert piped.returncode == 65 and b"standard input is larger than the limit" in piped.stderr


def test_escape_sequences_in_values_are_not_written_raw_to_the_terminal(tmp_path: Path) -> None:
    proc = dealcheck("screen", write(tmp_path, "d.json", json.dumps({"destination": {"country": "\x1b[2J"}})))
    assert proc.returncode == 65
    assert b"\x1b" not in proc.stderr and b"\\x1b[2J" in proc.stderr


def batch(tmp_path: Path, name: str, content: bytes, *args: str) -> tuple[int, list[dict], str]:
    proc = dealcheck("batch", write(tmp_path, name, content), "--date", SCREENING_DATE, *args)
    assert b"Traceback" not in proc.stderr
    rows = [json.loads(line) for line in proc.stdout.decode("ascii").splitlines()] if "--format" not in args else []
    return proc.returncode, rows, proc.stderr.decode()


def test_a_mixed_jsonl_file_answers_every_row_with_its_line(tmp_path: Path) -> None:
    bad = [
        b"[" * 1000 + b"]" * 1000,
        b'{"reference": ' + b"7" * 5000 + b"}",
        b'{"notes": "\\ud800"}',
        b'{"destination": {"country": "KP", "country": "GB"}}',
        b'{"notes": "caf\xe9"}',  # Latin-1, not UTF-8
        b'{"notes": "a\rb"}',  # a raw CR inside a row: one bad row, not two
        b'{"destination": {"country": "' + b"Q" * 200_000 + b'"}}',
        b"null",
        b"{broken",
    ]
    lines = []
    for item in bad:
        lines += [GOOD.encode(), item]
    lines.append(STOP.encode())
    code, rows, err = batch(tmp_path, "mixed.jsonl", b"\n".join(lines) + b"\n")
    assert code == 65
    assert [r["line"] for r in rows] == list(range(1, len(lines) + 1))
    assert [("error" in r) for r in rows] == [i % 2 == 1 and i < len(lines) - 1 for i in range(len(lines))]
    assert rows[-1]["verdict"] == "STOP"
    messages = [r["problems"][0]["message"] for r in rows if "error" in r]
    for expected, message in zip(
        ["nests deeper", "digits", "", "", "not UTF-8", "not valid JSON", "country code", "empty", "not valid JSON"],
        messages,
        strict=True,
    ):
        assert expected in message, message
    assert "notes: contains a lone surrogate" in err and "destination.country: appears more than once" in err
    assert f"{len(bad)} row(s) could not be screened" in err


def test_a_line_far_over_the_limit_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    """A 300 MB line of zeros between two good rows: the row is an error, both neighbours are screened, and the
    process never holds the line (peak RSS measured by a wrapper whose only child is dealcheck)."""
    feeder = textwrap.dedent(
        f"""
        import sys
        out = sys.stdout.buffer
        out.write({GOOD!r}.encode() + b"\\n")
        chunk = b"0" * (1 << 20)
        for _ in range(300):
            out.write(chunk)
        out.write(b"\\n" + {STOP!r}.encode() + b"\\n")
        """
    )
    wrapper = textwrap.dedent(
        f"""
        import resource, subprocess, sys
        feed = subprocess.Popen([sys.executable, "-c", {feeder!r}], stdout=subprocess.PIPE)
        proc = subprocess.Popen([sys.executable, "-m", "checker", "batch", "-", "--date", "{SCREENING_DATE}"],
                                stdin=feed.stdout, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        feed.stdout.close()
        out, err = proc.communicate()
        feed.wait()
        sys.stdout.write(out.decode())
        sys.stderr.write(err.decode())
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
        sys.exit(proc.returncode)
        """
    )
    proc = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, timeout=120, check=False)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 65, proc.stderr
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert rows[1]["error"] == "invalid_deal" and f"{MAX_BYTES:,} bytes" in rows[1]["problems"][0]["message"]
    assert rows[0]["verdict"] == "PROCEED" and rows[2]["verdict"] == "STOP"
    peak_kib = int(proc.stderr.decode().strip().splitlines()[-1])
    assert peak_kib < 200 * 1024, f"peak RSS {peak_kib} KiB for a 300 MB line"


CSV_HEAD = b"reference,product.capabilities,destination.country,end_user.name,end_user.type,product.description\n"


def test_csv_records_are_numbered_by_their_first_line_and_a_stray_quote_costs_one_row(tmp_path: Path) -> None:
    content = (
        CSV_HEAD
        + b"Q1,firewall,EG,Cairo Textiles,private_company,plain\n"  # line 2
        + b'Q2,firewall,EG,Cairo Textiles,private_company,"two\nline description"\n'  # lines 3-4
        + b'Q3,firewall,EG,"Unclosed,private_company,x\n'  # line 5: the quote is never closed
        + b"Q4,firewall,EG,Cairo Textiles,private_company,after\n"  # line 6
        + b"Q5,firewall,EG,Caf\xe9,private_company,latin-1\n"  # line 7
        + b"Q6,firewall,EG,Cairo Textiles,private_company,"
        + b"d" * 10_500_000
        + b"\n"  # line 8: 10 MB cell
        + b"Q7,firewall,EG,Cairo Textiles,private_company,last\n"  # line 9
    )
    code, _, err = batch(tmp_path, "deals.csv", content, "--format", "csv")
    proc = dealcheck("batch", write(tmp_path, "deals2.csv", content), "--date", SCREENING_DATE)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert code == 65 and proc.returncode == 65
    assert [(r["line"], r.get("end_line"), r["deal"].get("reference")) for r in rows if "error" not in r] == [
        (2, None, "Q1"),
        (3, 4, "Q2"),
        (6, None, "Q4"),
        (9, None, "Q7"),
    ]
    errors = {r["line"]: r["problems"][0]["message"] for r in rows if "error" in r}
    assert set(errors) == {5, 7, 8}
    assert "quoted cell" in errors[5] and "not UTF-8" in errors[7] and "limit" in errors[8]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.jsonl", b""),
        ("blank.jsonl", b"\n  \n\r\n"),
        ("empty.csv", b""),
        ("header-only.csv", CSV_HEAD),
        ("header-and-blank.csv", CSV_HEAD + b"\n\n"),
    ],
)
def test_input_without_rows_exits_66(tmp_path: Path, name: str, content: bytes) -> None:
    proc = dealcheck("batch", write(tmp_path, name, content))
    assert proc.returncode == 66 and b"no rows to screen" in proc.stderr and not proc.stdout


def test_jsonl_output_is_ascii_and_csv_output_defuses_formulas(tmp_path: Path) -> None:
    deal = {**json.loads(GOOD), "reference": '=HYPERLINK("http://x.invalid","Société")'}
    code, rows, _ = batch(tmp_path, "d.jsonl", json.dumps(deal, ensure_ascii=False).encode() + b"\n")
    assert code == 0 and rows[0]["deal"]["reference"].endswith('Société")')
    proc = dealcheck("batch", write(tmp_path, "d.jsonl", json.dumps(deal).encode()), "--format", "csv")
    assert next(csv.DictReader(io.StringIO(proc.stdout.decode())))["reference"].startswith("'=HYPERLINK(")
    for lead in ("+", "-", "@"):
        lines = CSV_HEAD + f'"{lead}Q",firewall,EG,X,private_company,d\n'.encode()
        out = dealcheck("batch", write(tmp_path, "d.csv", lines), "--format", "csv").stdout.decode()
        assert next(csv.DictReader(io.StringIO(out)))["reference"] == f"'{lead}Q", out


def test_csv_cells_starting_like_a_formula_are_prefixed() -> None:
    from checker.cli import csv_cell

    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok", 3, None)] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "ok",
        "3",
        "",
    ]
