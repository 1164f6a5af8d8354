"""Tests for checker.yamlsubset: features, errors (with positions), round trips, PyYAML parity, fuzzing."""

from __future__ import annotations

import math
import re

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from checker.yamlsubset import MAX_DEPTH, YamlSubsetError, _resolve, dumps, loads

DEAL = """\
schema_version: 1
reference: Q-2011-017            # optional
exporter: {name: Gamma International, country: GB}
product:
  name: FinSpy
  description: Remote monitoring suite
  capabilities: [remote_intrusion]
  control_entries: [4D004]       # optional; [] = classified as not listed; absent = not classified yet
  mass_market: false             # true | false | absent (unknown)
destination: {country: EG}
end_user:
  name: State Security Investigations Service
  type: government_security
  stated_end_use: Criminal investigations
  end_user_statement: none
intermediaries:
  - {name: Computerlinks FZCO, role: distributor, country: AE, free_zone: true}
delivery: {ship_to_country: AE}
services: [installation, training]
red_flags: []
safeguards: []
"""

DEAL_VALUE = {
    "schema_version": 1,
    "reference": "Q-2011-017",
    "exporter": {"name": "Gamma International", "country": "GB"},
    "product": {
        "name": "FinSpy",
        "description": "Remote monitoring suite",
        "capabilities": ["remote_intrusion"],
        "control_entries": ["4D004"],
        "mass_market": False,
    },
    "destination": {"country": "EG"},
    "end_user": {
        "name": "State Security Investigations Service",
        "type": "government_security",
        "stated_end_use": "Criminal investigations",
        "end_user_statement": "none",
    },
    "intermediaries": [{"name": "Computerlinks FZCO", "role": "distributor", "country": "AE", "free_zone": True}],
    "delivery": {"ship_to_country": "AE"},
    "services": ["installation", "training"],
    "red_flags": [],
    "safeguards": [],
}


def test_realistic_deal_file() -> None:
    assert loads(DEAL) == DEAL_VALUE
    assert list(loads(DEAL)) == list(DEAL_VALUE)  # key order is kept
    assert loads(DEAL) == yaml.safe_load(DEAL)


def test_realistic_deal_file_block_style_with_extras() -> None:
    text = """\
---
# A deal to screen
schema_version: 1
reference: "Q-2011-017"
exporter:
  name: 'Gamma International'
  country: GB
product:
  name: FinSpy
  description: >
    Remote monitoring suite that can
    infect phones and laptops.
  capabilities:
  - remote_intrusion
  - location_tracking
  control_entries: [4D004, 5A001.j]
  mass_market: ~
destination:
  country: NO          # Norway, not false
end_user:
  name: State Security Investigations Service
  type: government_security
  stated_end_use: Criminal
    investigations
  end_user_statement:
intermediaries:
  - name: Computerlinks FZCO
    role: distributor
    country: AE
    free_zone: yes
  - {name: "Agent: Cairo", role: agent}
notes: |
  Line one.
    Indented line.
  Line three.
...
"""
    assert loads(text) == {
        "schema_version": 1,
        "reference": "Q-2011-017",
        "exporter": {"name": "Gamma International", "country": "GB"},
        "product": {
            "name": "FinSpy",
            "description": "Remote monitoring suite that can infect phones and laptops.\n",
            "capabilities": ["remote_intrusion", "location_tracking"],
            "control_entries": ["4D004", "5A001.j"],
            "mass_market": None,
        },
        "destination": {"country": "NO"},
        "end_user": {
            "name": "State Security Investigations Service",
            "type": "government_security",
            "stated_end_use": "Criminal investigations",
            "end_user_statement": None,
        },
        "intermediaries": [
            {"name": "Computerlinks FZCO", "role": "distributor", "country": "AE", "free_zone": "yes"},
            {"name": "Agent: Cairo", "role": "agent"},
        ],
        "notes": "Line one.\n  Indented line.\nLine three.\n",
    }


# ---------------------------------------------------------------------------------------------------
# Scalars


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("0", 0),
        ("-17", -17),
        ("+17", 17),
        ("007", 7),
        ("0o17", 15),
        ("0x1F", 31),
        ("0xff", 255),
        ("1.5", 1.5),
        ("-1.5", -1.5),
        ("1.", 1.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1.5E-2", 0.015),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("+.INF", math.inf),
        # everything else is a string, including YAML 1.1 booleans, dates, sexagesimals, etc.
        ("yes", "yes"),
        ("no", "no"),
        ("No", "No"),
        ("NO", "NO"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("2011-03-05", "2011-03-05"),
        ("12:30", "12:30"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("-0x1F", "-0x1F"),
        ("0o8", "0o8"),
        ("nULL", "nULL"),
        ("tRUE", "tRUE"),
        ("1.2.3", "1.2.3"),
        ("4D004", "4D004"),
        ("5A001.f", "5A001.f"),
        ("inf", "inf"),
        ("nan", "nan"),
        ("e3", "e3"),
        ("١٢", "١٢"),  # non-ASCII digits are not numbers
    ],
)
def test_scalar_resolution(text: str, expected: object) -> None:
    assert repr(loads(f"key: {text}\n")) == repr({"key": expected})
    assert repr(loads(f"[{text}]")) == repr([expected]) if text else loads("[]") == []


def test_nan() -> None:
    assert math.isnan(loads(".nan"))
    assert math.isnan(loads("- .NaN")[0])
    assert loads(".Nan") == ".Nan"


def test_quoted_scalars_are_never_resolved() -> None:
    assert loads("a: '1'\nb: \"true\"\nc: ''\nd: \"~\"\n") == {"a": "1", "b": "true", "c": "", "d": "~"}


def test_plain_scalars_keep_inner_punctuation() -> None:
    text = 'a: http://x.org/a#frag\nb: a#b\nc: x:y\nd: -x\ne: ?x\nf: :x\ng: a [b] {c}, d\nh: it\'s "ok"\n'
    assert loads(text) == {
        "a": "http://x.org/a#frag",
        "b": "a#b",
        "c": "x:y",
        "d": "-x",
        "e": "?x",
        "f": ":x",
        "g": "a [b] {c}, d",
        "h": 'it\'s "ok"',
    }


def test_single_quoted() -> None:
    assert loads("a: 'it''s # not a comment: really'") == {"a": "it's # not a comment: really"}
    assert loads("'a\n  b\n\n  c  \n  d'") == "a b\nc d"


@pytest.mark.parametrize(
    ("escape", "char"),
    [
        ("\\0", "\0"),
        ("\\a", "\a"),
        ("\\b", "\b"),
        ("\\t", "\t"),
        ("\\\t", "\t"),
        ("\\n", "\n"),
        ("\\v", "\v"),
        ("\\f", "\f"),
        ("\\r", "\r"),
        ("\\e", "\x1b"),
        ("\\ ", " "),
        ('\\"', '"'),
        ("\\/", "/"),
        ("\\\\", "\\"),
        ("\\N", "\x85"),
        ("\\_", "\xa0"),
        ("\\L", "\u2028"),
        ("\\P", "\u2029"),
        ("\\x41", "A"),
        ("\\u00e9", "é"),
        ("\\U0001F600", "\U0001f600"),
    ],
)
def test_double_quoted_escapes(escape: str, char: str) -> None:
    assert loads(f'a: "<{escape}>"') == {"a": f"<{char}>"}


def test_double_quoted_multiline() -> None:
    assert loads('"a\n  b\n\n  c"') == "a b\nc"
    assert loads('"a  \\\n   b"') == "a  b"  # escaped line break joins without a space
    assert loads('"a\\ \n  b"') == "a  b"  # escaped trailing space survives folding
    assert loads('k: "one\n  two" # comment\nj: 1') == {"k": "one two", "j": 1}


def test_multiline_plain() -> None:
    assert loads("a: one\n  two\n\n  three\nb: 2\n") == {"a": "one two\nthree", "b": 2}
    assert loads("- one\n  two\n- three") == ["one two", "three"]
    assert loads("top\nlevel\n") == "top level"
    assert loads("a: b\n  - c\n") == {"a": "b - c"}


def test_comments() -> None:
    text = "# head\na: 1 # one\n   # indented comment\n\t# tab before comment\nb:   # value below\n  2\n# tail"
    assert loads(text) == {"a": 1, "b": 2}
    assert loads("- a # c\n- 'b' # c\n- [c] # c\n") == ["a", "b", ["c"]]


def test_document_markers() -> None:
    assert loads("---\na: 1\n...\n") == {"a": 1}
    assert loads("--- # start\na: 1\n... # end\n# trailing comment\n") == {"a": 1}
    assert loads("--- text\n") == "text"
    assert loads("--- |\n  lit\n") == "lit\n"
    assert loads("---\n") is None
    assert loads("...\n") is None
    assert loads("# only a comment\n") is None
    assert loads("a: ---x\nb: ...y\n") == {"a": "---x", "b": "...y"}


def test_empty_values_are_null() -> None:
    assert loads("a:\nb: ~\nc: null\nd:\n  # just a comment\ne:") == {
        "a": None,
        "b": None,
        "c": None,
        "d": None,
        "e": None,
    }
    assert loads("- \n-\n- ~\n") == [None, None, None]


# ---------------------------------------------------------------------------------------------------
# Collections


def test_nested_block_mappings_and_sequences() -> None:
    text = """\
a:
  b:
    c: 1
  d:
    - x
    - y:
        z: 2
      w: [3]
  e:
  - not indented
  - under the key
f: end
"""
    assert loads(text) == {
        "a": {"b": {"c": 1}, "d": ["x", {"y": {"z": 2}, "w": [3]}], "e": ["not indented", "under the key"]},
        "f": "end",
    }


def test_sequence_of_mappings_with_continuation_lines() -> None:
    text = "items:\n  - name: A\n    role: distributor\n  -   name: B\n      role: agent\n  -\n    name: C\n"
    assert loads(text) == {
        "items": [{"name": "A", "role": "distributor"}, {"name": "B", "role": "agent"}, {"name": "C"}]
    }


def test_compact_nested_sequences() -> None:
    assert loads("- - a\n  - b\n- - - c\n") == [["a", "b"], [["c"]]]


def test_indented_top_level_and_quoted_keys() -> None:
    assert loads("  a: 1\n  'b c': 2\n  \"d\\te\" : 3\n") == {"a": 1, "b c": 2, "d\te": 3}


def test_keys_are_resolved_like_values() -> None:
    assert loads("2: a\ntrue: b\nnull: c\n'2': d\nNO: e") == {2: "a", True: "b", None: "c", "2": "d", "NO": "e"}
    with pytest.raises(YamlSubsetError, match="duplicate key True"):  # a Python dict cannot hold both
        loads("1: a\ntrue: b")


def test_flow_collections() -> None:
    assert loads("[a, b, [c, {d: 1, e: [x, y]}], {}, []]") == ["a", "b", ["c", {"d": 1, "e": ["x", "y"]}], {}, []]
    assert loads("{a: 1, b: [x], c, d: }") == {"a": 1, "b": ["x"], "c": None, "d": None}
    assert loads('{"a":1, \'b\': "two"}') == {"a": 1, "b": "two"}
    assert loads("[a, b, ]") == ["a", "b"]
    assert loads("{url: http://x.org/a, t: a:b}") == {"url": "http://x.org/a", "t": "a:b"}
    assert loads("[a b, c]") == ["a b", "c"]


def test_multiline_flow_collections() -> None:
    text = "a: [one, two,   # comment\n  three\n  four,\n\n  {k: v,\n   j: w}]\nb: 1\n"
    assert loads(text) == {"a": ["one", "two", "three four", {"k": "v", "j": "w"}], "b": 1}


# ---------------------------------------------------------------------------------------------------
# Block scalars


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: |\n  x\n  y\n", "x\ny\n"),
        ("a: |-\n  x\n  y\n", "x\ny"),
        ("a: |+\n  x\n  y\n\n\n", "x\ny\n\n\n"),
        ("a: |\n  x\n\n\n", "x\n"),
        ("a: |\n  x\n   y\n\n  z\n", "x\n y\n\nz\n"),
        ("a: |\n\n  x\n", "\nx\n"),
        ("a: |2\n   x\n  y\n", " x\ny\n"),
        ("a: |-2\n    x\n", "  x"),
        ("a: |2-\n    x\n", "  x"),
        ("a: >\n  one\n  two\n\n  three\n", "one two\nthree\n"),
        ("a: >-\n  one\n  two\n", "one two"),
        ("a: >+\n  one\n\n", "one\n\n"),
        ("a: >\n  one\n    more\n  two\n", "one\n  more\ntwo\n"),
        ("a: |\n  # not a comment\n  x: y\n", "# not a comment\nx: y\n"),
        ("a: |\n  x", "x"),  # no line break at end of input
        ("- |\n  x\n- >\n  y\n", None),
        ("a: | # comment\n  x\nb: 2\n", None),
    ],
)
def test_block_scalars(text: str, expected: object) -> None:
    value = loads(text)
    if expected is None:
        assert value == yaml.safe_load(text)
    else:
        assert value == {"a": expected}
        assert value == yaml.safe_load(text)


def test_empty_block_scalar() -> None:
    assert loads("a: |\nb: 1\n") == {"a": "", "b": 1}
    assert loads("a: >+\n\n\nb: 1\n") == yaml.safe_load("a: >+\n\n\nb: 1\n")


def test_block_scalar_tabs_are_content() -> None:
    assert loads("a: |\n  \tx\n  y\t\n") == {"a": "\tx\ny\t\n"}


# ---------------------------------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize(
    ("text", "line", "column", "problem"),
    [
        ("a: 1\nb:\n\tc: 2\n", 3, 1, "tab characters are not allowed for indentation"),
        ("a:\n  b:\n  \t  c: 1\n", 3, 3, "tab characters are not allowed for indentation"),
        ("a: &anchor 1\n", 1, 4, "anchors ('&') are not supported"),
        ("&anchor a: 1\n", 1, 1, "anchors ('&') are not supported"),
        ("a: 1\nb: *alias\n", 2, 4, "aliases ('*') are not supported"),
        ("- [a, *b]\n", 1, 7, "aliases ('*') are not supported"),
        ("a: !!str 1\n", 1, 4, "tags ('!') are not supported"),
        ("- !tag x\n", 1, 3, "tags ('!') are not supported"),
        ("a:\n  <<: {b: 1}\n", 2, 3, "merge keys ('<<') are not supported"),
        ("{<<: x}", 1, 2, "merge keys ('<<') are not supported"),
        ("a: 1\n---\nb: 2\n", 2, 1, "multiple documents are not supported"),
        ("a: 1\n...\nb: 2\n", 3, 1, "multiple documents are not supported"),
        ("--- a\n--- b\n", 2, 1, "multiple documents are not supported"),
        ("%YAML 1.2\n---\na: 1\n", 1, 1, "directives and values starting with '%' are not supported; quote the value"),
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first used on line 1)"),
        ("x:\n  k: 1\n  'k': 2\n", 3, 3, "duplicate key 'k' (first used on line 2)"),
        ("{a: 1, a: 2}", 1, 8, "duplicate key 'a'"),
        ("? a\n: b\n", 1, 1, "complex keys ('? ') are not supported"),
        ("{? a: b}", 1, 2, "complex keys ('? ') are not supported"),
        ("[a, b]: c\n", 1, 7, "flow collections cannot be used as keys"),
        ("{[a]: b}", 1, 2, "flow collections cannot be used as keys"),
        ("a: 1\n  b: 2\n", 2, 3, "bad indentation, or ': ' inside a multi-line plain value (quote the value)"),
        ("a:\n    b: 1\n  c: 2\n", 3, 3, "bad indentation: this line is indented more than the keys above it"),
        ("  a: 1\nb: 2\n", 2, 1, "this line does not fit the structure above (check its indentation)"),
        ("a:\n  b: 1\n    c: 2\n", 3, 5, "bad indentation, or ': ' inside a multi-line plain value (quote the value)"),
        ("a:\n  b: [1]\n    c: 2\n", 3, 5, "bad indentation: this line is indented more than the keys above it"),
        ("- 'a'\n   - b\n", 2, 4, "bad indentation: expected a '- ' item at column 1"),
        ("- [a]\n  - b\n", 2, 3, "bad indentation: expected a '- ' item at column 1"),
        ("a: 'unterminated\n", 1, 4, "unterminated single-quoted string (missing closing ')"),
        ('a: "unterminated\n  more\n', 1, 4, 'unterminated double-quoted string (missing closing ")'),
        ("a: [1, 2\nb: 3\n", 2, 1, "bad indentation: lines inside [ ] or { } must be indented"),
        ("a: [1, 2\n", 1, 4, "unterminated flow collection (missing ']')"),
        ("a: {b: 1\n", 1, 4, "unterminated flow collection (missing '}')"),
        ("[1, 2}", 1, 6, "expected ',' or ']'"),
        ("{a: 1]", 1, 6, "expected ',' or '}'"),
        ("[a: 1]", 1, 3, "'key: value' pairs inside [ ] must be written as {key: value}"),
        ("[,]", 1, 2, "unexpected ','"),
        ("{a: b: c}", 1, 6, "expected ',' or '}'"),
        ("{a: 1 b: 2}", 1, 8, "expected ',' or '}'"),
        ("a: 1\nstray\n", 2, 1, "expected 'key: value' here, but found a value without a key"),
        ("a: 1\n- b\n", 2, 1, "expected 'key: value' here, but found a '- ' item"),
        ("- a\nb: 1\n", 2, 1, "expected a '- ' item: this line does not belong to the list above"),
        ("[a]\nb\n", 2, 1, "this line does not fit the structure above (check its indentation)"),
        ("'a'\n'b'\n", 2, 1, "this line does not fit the structure above (check its indentation)"),
        ("a: b: c\n", 1, 5, "a nested 'key: value' must start on its own line"),
        ("a: - b\n", 1, 4, "a '- ' list cannot start on the same line as its key; start it on the next line"),
        ("a: 'x' y\n", 1, 8, "unexpected text after the value"),
        ("a: 'x'#c\n", 1, 7, "unexpected text after the value"),
        ('a: "b\n  c": d\n', 2, 5, "keys must fit on one line"),
        ('a: "\\q"\n', 1, 5, "unknown escape sequence '\\q'"),
        ('a: "\\x4"\n', 1, 5, "invalid escape: '\\x' needs 2 hexadecimal digits"),
        ('a: "\\UFFFFFFFF"\n', 1, 5, "invalid escape: U+FFFFFFFF is not a Unicode character"),
        ("a: |x\n  y\n", 1, 4, "invalid block scalar header: use '|' or '>', optionally with '-', '+' or a digit"),
        ("a: |- x\n  y\n", 1, 7, "unexpected text after the block scalar header"),
        ("a: |\nb\n", 2, 1, "expected 'key: value' here, but found a value without a key"),
        ("[|]\n", 1, 2, "block scalars ('|') are not allowed inside flow collections"),
        ("a: @x\n", 1, 4, "'@' is reserved and cannot start a plain value; quote the value"),
        ("a: `x\n", 1, 4, "'`' is reserved and cannot start a plain value; quote the value"),
        ("[#x]\n", 1, 2, "'#' starts a comment only after a space; quote values that start with '#'"),
        (": a\n", 1, 1, "missing key before ':'"),
        ("--- a: 1\n", 1, 5, "a block collection cannot start on the '---' line"),
        ("a: 'x\n---\n'\n", 1, 4, "unterminated quoted string (a document marker is inside it)"),
        ("a:\n  b: 'x\n  y'\n", 3, 3, "bad indentation: a quoted value's continuation lines must be indented"),
        ("a: 1\x00\n", 1, 5, "non-printable character U+0000 is not allowed"),
        ("a: \x7f\n", 1, 4, "non-printable character U+007F is not allowed"),
        ("a: \ud800\n", 1, 4, "non-printable character U+D800 is not allowed"),
        ("a: " + "9" * 5000, 1, 4, "number is too long"),
    ],
)
def test_errors(text: str, line: int, column: int, problem: str) -> None:
    with pytest.raises(YamlSubsetError) as info:
        loads(text)
    assert (info.value.line, info.value.column, info.value.problem) == (line, column, problem)
    assert str(info.value) == f"line {line}, column {column}: {problem}"


def test_error_type_and_message_format() -> None:
    with pytest.raises(ValueError, match=r"^line 4, column 7: tab characters are not allowed for indentation$"):
        loads("a:\n  b:\n    c:\n      \td: 1\n")


@pytest.mark.parametrize("value", [b"a: 1", None, 3, ["a: 1"]])
def test_input_must_be_text(value: object) -> None:
    with pytest.raises(YamlSubsetError) as info:
        loads(value)  # type: ignore[arg-type]
    assert (info.value.line, info.value.column) == (1, 1)
    assert info.value.problem.startswith("input is not text")


def test_nesting_depth_is_limited() -> None:
    ok = MAX_DEPTH - 1
    assert loads("[" * ok + "]" * ok) is not None
    for deep in ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "- " * (MAX_DEPTH + 1) + "x"):
        with pytest.raises(YamlSubsetError, match="nesting is deeper than 100 levels"):
            loads(deep)
    nested = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(MAX_DEPTH + 1))
    with pytest.raises(YamlSubsetError, match="nesting is deeper than 100 levels"):
        loads(nested)
    with pytest.raises(YamlSubsetError, match="nesting is deeper"):
        loads("[" * 100_000)


def test_line_endings_and_bom() -> None:
    assert loads("\ufeffa: 1\r\nb: |\r\n  x\r\n  y\r\n") == {"a": 1, "b": "x\ny\n"}
    assert loads("a: 1\rb: 2\r") == {"a": 1, "b": 2}


# ---------------------------------------------------------------------------------------------------
# Writer


def test_dumps_deal_file() -> None:
    text = dumps(DEAL_VALUE)
    assert loads(text) == DEAL_VALUE
    assert yaml.safe_load(text) == DEAL_VALUE
    assert text.startswith("schema_version: 1\nreference: Q-2011-017\nexporter:\n  name: Gamma International\n")
    assert "intermediaries:\n  - name: Computerlinks FZCO\n    role: distributor\n" in text
    assert "red_flags: []\n" in text


def test_dumps_keeps_key_order() -> None:
    value = {"z": 1, "a": {"y": 2, "b": 3}, "m": [{"q": 1, "c": 2}]}
    back = loads(dumps(value))
    assert list(back) == ["z", "a", "m"]
    assert list(back["a"]) == ["y", "b"]
    assert list(back["m"][0]) == ["q", "c"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("plain text", "plain text\n"),
        ("NO", "'NO'\n"),
        ("yes", "'yes'\n"),
        ("null", "'null'\n"),
        ("~", "'~'\n"),
        ("", "''\n"),
        ("12", "'12'\n"),
        ("1e5", "'1e5'\n"),
        ("0o17", "'0o17'\n"),
        ("2011-03-05", "'2011-03-05'\n"),
        ("12:30", "'12:30'\n"),
        ("a: b", "'a: b'\n"),
        ("a #b", "'a #b'\n"),
        ("a:", "'a:'\n"),
        (" lead", "' lead'\n"),
        ("trail ", "'trail '\n"),
        ("- x", "'- x'\n"),
        ("#x", "'#x'\n"),
        ("&x", "'&x'\n"),
        ("it's", "it's\n"),
        ("'q'", "'''q'''\n"),
        ("...", "'...'\n"),
        ("... x", "'... x'\n"),
        ("tab\there", '"tab\\there"\n'),
        ("bell\a", '"bell\\x07"\n'),
        ("nel\x85", '"nel\\x85"\n'),
        ("ls\u2028", '"ls\\u2028"\n'),
        ("line\nbreak", "|-\n  line\n  break\n"),
        ("line\n", "|\n  line\n"),
        ("line\n\n", "|+\n  line\n\n"),
        ("  indented\nx", "|2-\n    indented\n  x\n"),
        ("\n", '"\\n"\n'),
        ("cr\r\nlf", '"cr\\r\\nlf"\n'),
        (None, "null\n"),
        (True, "true\n"),
        (False, "false\n"),
        (0, "0\n"),
        (-3, "-3\n"),
        (1.5, "1.5\n"),
        (1e20, "1.0e+20\n"),
        (math.inf, ".inf\n"),
        (-math.inf, "-.inf\n"),
        (math.nan, ".nan\n"),
        ({}, "{}\n"),
        ([], "[]\n"),
        ([[1, 2], [[3]]], "- - 1\n  - 2\n- - - 3\n"),
        ({"a": [1], "b": {"c": None}}, "a:\n  - 1\nb:\n  c: null\n"),
        ({"k": "x\ny"}, "k: |-\n  x\n  y\n"),
        ([{"k": "x\n"}], "- k: |\n    x\n"),
        ({1: "a", None: "b", "1": "c", "a b": "d", "x: y": "e"}, "1: a\nnull: b\n'1': c\na b: d\n'x: y': e\n"),
        ({"<<": 1, "-": 2, "k\n": 3}, "'<<': 1\n'-': 2\n\"k\\n\": 3\n"),
    ],
)
def test_dumps_output(value: object, text: str) -> None:
    assert dumps(value) == text
    back = loads(text)
    if isinstance(value, float) and math.isnan(value):
        assert math.isnan(back)
    else:
        assert repr(back) == repr(value)
    if value not in ("nel\x85", "ls\u2028"):  # PyYAML (YAML 1.1) treats these as line breaks when raw
        pyyaml = yaml.safe_load(text)
        assert pyyaml == value or (isinstance(value, float) and math.isnan(value))


@pytest.mark.parametrize("value", [object(), {"a": {1, 2}}, {(1, 2): "x"}, b"bytes"])
def test_dumps_rejects_unsupported_types(value: object) -> None:
    with pytest.raises(TypeError):
        dumps(value)


# ---------------------------------------------------------------------------------------------------
# Property tests

TRICKY = [
    "NO", "yes", "on", "Off", "y", "null", "~", "", " ", "true", "1", "-1", "+1", "0x1F", "0o17", "1e5", "1.5",
    ".inf", ".nan", "2011-03-05", "12:30", "1_000", "a: b", "a #b", "#x", "- x", "-", "? x", ": x", "'", '"',
    "\\", "...", "... x", "--- x", "---", "<<", "=", "a\nb", "a\n", "\n", "a\n\n", " a\nb", "a \nb ", "\ta", "x\t", "[a]", "{a: 1}",
    "|", ">", "&a", "*a", "!a", "%a", "@a", "`a", "a,b", "é", "\x85", "\u2028", "\ufeff", "\x00", "\U0001f600",
    "word " * 30, ("long line " * 12 + "\n") * 3,
]  # fmt: skip

texts = st.one_of(st.text(), st.sampled_from(TRICKY))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts)
json_like = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(texts, children, max_size=5)),
    max_leaves=30,
)


@given(json_like)
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example({"NO": ["yes", "2011-03-05", "1e5"], "": {"a\nb": " x "}})
def test_round_trip(value: object) -> None:
    text = dumps(value)
    back = loads(text)
    assert back == value
    assert repr(back) == repr(value)  # same types (True is not 1) and the same key order


def _yaml11_tag(s: str) -> str:
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, s, (True, False))


def _core_type(s: str) -> type:
    try:
        return type(_resolve(s))
    except ValueError:
        return int


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    return []


def _same_in_yaml11(s: str) -> bool:
    """False for strings PyYAML (YAML 1.1) would write plain but YAML 1.2 reads as non-strings."""
    if _yaml11_tag(s) == "tag:yaml.org,2002:str" and _core_type(s) is not str:
        return False
    return not re.search("[\x85\u2028\u2029]", s)  # line breaks in YAML 1.1 only


# Keys PyYAML writes as simple keys (it switches to '? key' for long or multi-line keys).
simple_keys = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1,
    max_size=20,
) | st.sampled_from([k for k in TRICKY if k and "\n" not in k and len(k) < 40 and k not in ("\x85", "\x00", "\u2028")])
pyyaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(simple_keys, children, max_size=5)),
    max_leaves=30,
)


@given(pyyaml_values, st.sampled_from([False, True, None]), st.booleans(), st.sampled_from([80, 20, 1000]))
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_matches_pyyaml_on_pyyaml_output(value: object, flow: bool | None, allow_unicode: bool, width: int) -> None:
    assume(all(_same_in_yaml11(s) for s in _strings(value)))
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=allow_unicode, width=width, sort_keys=False)
    expected = yaml.safe_load(text)
    assert loads(text) == expected


def test_differential_skip_rule_is_needed() -> None:
    """The 1.1/1.2 differences the differential test skips are real (so the skip is not hiding bugs)."""
    text = yaml.safe_dump(["1e5", "0o17"])
    assert yaml.safe_load(text) == ["1e5", "0o17"]
    assert loads(text) == [100000.0, 15]
    assert not _same_in_yaml11("1e5") and _same_in_yaml11("yes") and _same_in_yaml11("NO")


YAMLISH = st.lists(
    st.sampled_from(list(" \t\n-:?,[]{}#&*!|>'\"%@`~.\\0123abxyeu+") + ["---", "...", "  ", "- ", ": ", "\n  "])
).map("".join)


@given(st.one_of(st.text(), YAMLISH))
@settings(max_examples=3000, deadline=None)
@example("a: [1, {b: 'c\n  d'}, \"e\\\n f\"]")
@example("- |+2\n\n   x\n")
@example("\t")
@example("'")
@example('"\\')
@example("[" * 300)
@example("\ud800")
def test_fuzz_only_yamlsubseterror(text: str) -> None:
    try:
        loads(text)
    except YamlSubsetError as exc:
        assert exc.line >= 1 and exc.column >= 1 and exc.problem


@given(json_like)
@settings(max_examples=200, deadline=None)
def test_fuzz_mutated_documents(value: object) -> None:
    """Deleting or duplicating characters of valid output must still only raise YamlSubsetError."""
    text = dumps(value)
    for i in range(0, len(text), max(1, len(text) // 20)):
        for mutated in (text[:i] + text[i + 1 :], text[:i] + text[i] + text[i:], text[:i] + "\t" + text[i:]):
            try:
                loads(mutated)
            except YamlSubsetError:
                pass
