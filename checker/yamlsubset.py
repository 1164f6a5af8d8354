"""A safe, strict reader and writer for the subset of YAML that deal files use.

Why this exists: the checker must run on the bare standard library (CPython and Pyodide in the
browser), but people write deal files in YAML. This module reads block and flow collections, plain,
quoted and block scalars and comments; it resolves scalars with the YAML 1.2 core schema (so ``NO``,
``yes`` and ``2011-03-05`` stay strings) and rejects everything else - anchors, aliases, tags, merge
keys, complex keys, several documents, duplicate keys, tabs in indentation - with a line and column.

Design: a line-based parser for block structure, plus offset-based scanners for the parts that can
span lines (flow collections, quoted and plain scalars). ``dumps`` writes block YAML that ``loads``
(and YAML 1.1 readers such as PyYAML) read back to an equal value.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from typing import NoReturn

__all__ = ["MAX_DEPTH", "YamlSubsetError", "dumps", "loads"]

MAX_DEPTH = 100  # deeper nesting is rejected: deal files are shallow, and recursion must stay bounded


class YamlSubsetError(ValueError):
    """Input outside the supported subset; ``line``/``column`` are 1-based, ``problem`` is plain English."""

    def __init__(self, line: int, column: int, problem: str) -> None:
        super().__init__(f"line {line}, column {column}: {problem}")
        self.line = line
        self.column = column
        self.problem = problem


# ---------------------------------------------------------------------------------------------------
# Scalar resolution (YAML 1.2 core schema)

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"true", "True", "TRUE"}
_FALSES = {"false", "False", "FALSE"}
_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")


def _resolve(s: str) -> object:
    """Type of an unquoted scalar; raises ValueError only for decimal ints too long for int()."""
    if s in _NULLS:
        return None
    if s in _TRUES:
        return True
    if s in _FALSES:
        return False
    if _INT10.fullmatch(s):
        return int(s)
    if _INT8.fullmatch(s):
        return int(s[2:], 8)
    if _INT16.fullmatch(s):
        return int(s[2:], 16)
    if _FLOAT.fullmatch(s):
        return float(s)
    if _INF.fullmatch(s):
        return -math.inf if s[0] == "-" else math.inf
    if _NAN.fullmatch(s):
        return math.nan
    return s


# ---------------------------------------------------------------------------------------------------
# Reader

# Written as the excluded ranges, not as a negated class of the allowed ones: the same set, compiled in 0.4 ms
# instead of 11 (every `dealcheck screen` of a YAML file pays it at import).
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# A plain scalar ends at ': ' (or ':' at the end of the line) and at ' #'; inside [ ] and { } also
# at flow indicators.
_PLAIN_END_BLOCK = re.compile(r":(?=[ \t]|\Z)|[ \t]#")
_PLAIN_END_FLOW = re.compile(r":(?=[ \t,\[\]{}]|\Z)|[ \t]#|[,\[\]{}]")
_BLOCK_HEADER = re.compile(r"([|>])(?:([-+])([1-9])?|([1-9])([-+])?)?(?=[ \t]|\Z)")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_START_PROBLEMS = {
    "&": "anchors ('&') are not supported",
    "*": "aliases ('*') are not supported",
    "!": "tags ('!') are not supported",
    "%": "directives and values starting with '%' are not supported; quote the value",
    "@": "'@' is reserved and cannot start a plain value; quote the value",
    "`": "'`' is reserved and cannot start a plain value; quote the value",
    "#": "'#' starts a comment only after a space; quote values that start with '#'",
    ",": "unexpected ','",
    "]": "unexpected ']'",
    "}": "unexpected '}'",
    "|": "block scalars ('|') are not allowed inside flow collections",
    ">": "block scalars ('>') are not allowed inside flow collections",
}
_INDICATOR_PROBLEMS = {
    "-": "a '- ' sequence item cannot start here",
    "?": "complex keys ('? ') are not supported",
    ":": "missing key before ':'",
}


def _plain_start_problem(line: str, c: int, flow: bool) -> str | None:
    """Why a plain scalar cannot start at line[c], or None when it can."""
    ch = line[c]
    if ch in _INDICATOR_PROBLEMS:
        nxt = line[c + 1 : c + 2]
        if nxt in ("", " ", "\t") or (flow and nxt in ",[]{}"):
            return _INDICATOR_PROBLEMS[ch]
        return None
    return _START_PROBLEMS.get(ch)


def _plain_segment(line: str, c: int, pattern: re.Pattern[str]) -> tuple[str, int, int, str]:
    """One line of a plain scalar from column c: (text, end column, stop column, stop reason)."""
    m = pattern.search(line, c)
    stop = m.start() if m else len(line)
    text = line[c:stop].rstrip(" \t")
    reason = "eol" if m is None else ":" if m.group()[0] == ":" else "#" if m.group()[-1] == "#" else "flow"
    return text, c + len(text), stop, reason


def _is_dash(line: str, c: int) -> bool:
    """True when a block sequence item ('- ' or a lone '-') starts at column c."""
    return line.startswith("-", c) and (c + 1 == len(line) or line[c + 1] in " \t")


def _skip_blanks(line: str, c: int) -> int:
    while c < len(line) and line[c] in " \t":
        c += 1
    return c


class _Parser:
    """Parses one document; all positions inside are 0-based, errors report 1-based ones."""

    def __init__(self, text: str) -> None:
        if text.startswith("\ufeff"):
            text = text[1:]
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        bad = _NON_PRINTABLE.search(text)
        if bad:
            self._fail_at(bad.start(), f"non-printable character U+{ord(bad.group()):04X} is not allowed")

    # -- positions and errors ----------------------------------------------------------------------

    def _loc(self, off: int) -> tuple[int, int]:
        r = bisect_right(self.starts, off) - 1
        return r, off - self.starts[r]

    def _fail(self, r: int, c: int, problem: str) -> NoReturn:
        raise YamlSubsetError(r + 1, c + 1, problem)

    def _fail_at(self, off: int, problem: str) -> NoReturn:
        r, c = self._loc(off)
        self._fail(r, c, problem)

    # -- lines -------------------------------------------------------------------------------------

    def _indent(self, r: int) -> int | None:
        """Indentation of line r, or None when it is blank or only a comment."""
        line = self.lines[r]
        spaces = len(line) - len(line.lstrip(" "))
        content = _skip_blanks(line, spaces)
        if content == len(line) or line[content] == "#":
            return None
        if content != spaces:
            self._fail(r, spaces, "tab characters are not allowed for indentation")
        return spaces

    def _content_indent(self, r: int) -> int:
        """Indentation of line r, which _next has already found to have content."""
        indent = self._indent(r)
        assert indent is not None, f"line {r + 1} has no content"
        return indent

    def _next(self, r: int) -> int:
        """Index of the first line at or after r with content (len(lines) when none)."""
        while r < len(self.lines) and self._indent(r) is None:
            r += 1
        return r

    def _marker(self, r: int) -> str | None:
        """'---' or '...' when line r is a document marker."""
        line = self.lines[r]
        if line[:3] in ("---", "...") and (len(line) == 3 or line[3] in " \t"):
            return line[:3]
        return None

    def _resolve_at(self, s: str, off: int) -> object:
        try:
            return _resolve(s)
        except ValueError:
            self._fail_at(off, "number is too long")

    # -- document and block structure --------------------------------------------------------------

    def document(self) -> object:
        """The whole input: an optional "---", one node, an optional "...", then only comments."""
        n_lines = len(self.lines)
        value: object = None
        r = self._next(0)
        parsed = False
        if r < n_lines and self._marker(r) == "---":
            line = self.lines[r]
            c = _skip_blanks(line, 3)
            if c < len(line) and line[c] != "#":
                if _is_dash(line, c) or self._key(r, c) is not None:
                    self._fail(r, c, "a block collection cannot start on the '---' line")
                value, r = self._inline(r, c, -1, 1)
                parsed = True
            else:
                r += 1
            r = self._next(r)
        block_list = False
        if not parsed and r < n_lines and self._marker(r) is None:
            block_list = _is_dash(self.lines[r], self._content_indent(r))
            value, r = self._block(r, self._content_indent(r), -1, 1)
            r = self._next(r)
        if r < n_lines:
            marker = self._marker(r)
            if marker == "...":
                r = self._next(r + 1)
                if r < n_lines:
                    self._fail(r, self._content_indent(r), "multiple documents are not supported")
            elif marker == "---":
                self._fail(r, 0, "multiple documents are not supported")
            else:
                ind = self._content_indent(r)
                if block_list and not _is_dash(self.lines[r], ind):
                    self._fail(r, ind, "expected a '- ' item: this line does not belong to the list above")
                self._fail(r, ind, "this line does not fit the structure above (check its indentation)")
        return value

    def _block(self, r: int, c: int, n: int, depth: int) -> tuple[object, int]:
        """Node starting at line r, column c, inside a parent indented n; returns (value, next line)."""
        if depth > MAX_DEPTH:
            self._fail(r, c, f"nesting is deeper than {MAX_DEPTH} levels")
        if _is_dash(self.lines[r], c):
            return self._seq(r, c, depth)
        if self._key(r, c) is not None:
            return self._map(r, c, depth)
        return self._inline(r, c, n, depth)

    def _child(self, r: int, c: int, depth: int, dash_ok: bool) -> tuple[object, int]:
        """Value written on the lines after 'key:' or '-' at column c (None when there is none)."""
        r2 = self._next(r + 1)
        if r2 < len(self.lines):
            ind = self._content_indent(r2)
            if ind > c or (dash_ok and ind == c and _is_dash(self.lines[r2], c)):
                return self._block(r2, ind, c, depth + 1)
        return None, r2

    def _seq(self, r: int, c: int, depth: int) -> tuple[list[object], int]:
        items: list[object] = []
        while True:
            line = self.lines[r]
            vc = _skip_blanks(line, c + 1)
            if vc == len(line) or line[vc] == "#":
                value, r = self._child(r, c, depth, dash_ok=False)
            else:
                value, r = self._block(r, vc, c, depth + 1)
            items.append(value)
            r = self._next(r)
            if r == len(self.lines):
                return items, r
            ind = self._content_indent(r)
            if ind < c or (ind == c and not _is_dash(self.lines[r], c)):
                return items, r
            if ind > c:
                self._fail(r, ind, f"bad indentation: expected a '- ' item at column {c + 1}")

    def _map(self, r: int, c: int, depth: int) -> tuple[dict[object, object], int]:
        result: dict[object, object] = {}
        first_line: dict[object, int] = {}
        while True:
            line = self.lines[r]
            found = self._key(r, c)
            if found is None:
                what = "a '- ' item" if _is_dash(line, c) else "a value without a key"
                self._fail(r, c, f"expected 'key: value' here, but found {what}")
            key, after = found
            if key in first_line:
                self._fail(r, c, f"duplicate key {key!r} (first used on line {first_line[key]})")
            first_line[key] = r + 1
            vc = _skip_blanks(line, after)
            if vc == len(line) or line[vc] == "#":
                value, r = self._child(r, c, depth, dash_ok=True)
            elif _is_dash(line, vc):
                self._fail(r, vc, "a '- ' list cannot start on the same line as its key; start it on the next line")
            else:
                value, r = self._inline(r, vc, c, depth + 1)
            result[key] = value
            r = self._next(r)
            if r == len(self.lines):
                return result, r
            ind = self._content_indent(r)
            if ind < c or (c == 0 and self._marker(r)):
                return result, r
            if ind > c:
                self._fail(r, ind, "bad indentation: this line is indented more than the keys above it")

    def _key(self, r: int, c: int) -> tuple[object, int] | None:
        """(key, column after its ':') when a 'key:' starts at line r, column c; else None."""
        line = self.lines[r]
        ch = line[c]
        if ch in "[{|>" or _is_dash(line, c):
            return None
        if ch in "\"'":
            value, end = self._quoted(self.starts[r] + c, -1)
            end_r, end_c = self._loc(end)
            j = _skip_blanks(line, end_c)
            if end_r == r and line.startswith(":", j) and (j + 1 == len(line) or line[j + 1] in " \t"):
                return value, j + 1
            return None
        problem = _plain_start_problem(line, c, False)
        if problem:
            self._fail(r, c, problem)
        text, _, stop, reason = _plain_segment(line, c, _PLAIN_END_BLOCK)
        if reason != ":":
            return None
        if text == "<<":
            self._fail(r, c, "merge keys ('<<') are not supported")
        return self._resolve_at(text, self.starts[r] + c), stop + 1

    def _inline(self, r: int, c: int, n: int, depth: int) -> tuple[object, int]:
        """Scalar, flow collection or block scalar starting mid-line; returns (value, next line)."""
        ch = self.lines[r][c]
        if ch in "|>":
            return self._block_scalar(r, c, n)
        off = self.starts[r] + c
        if ch in "[{":
            value, end = self._flow(off, n, depth)
        elif ch in "\"'":
            value, end = self._quoted(off, n)
        else:
            text, end = self._plain(off, n, flow=False)
            value = self._resolve_at(text, off)
        end_r, end_c = self._loc(end)
        line = self.lines[end_r]
        j = _skip_blanks(line, end_c)
        if j < len(line) and not (line[j] == "#" and j > end_c):
            if line[j] != ":":
                self._fail(end_r, j, "unexpected text after the value")
            if ch in "[{":
                self._fail(end_r, j, "flow collections cannot be used as keys")
            if end_r != r:
                self._fail(end_r, j, "keys must fit on one line")
            self._fail(end_r, j, "a nested 'key: value' must start on its own line")
        return value, end_r + 1

    def _block_indent(self, r: int, n: int, digit: str | None) -> int:
        """Content indentation of a block scalar whose header is on line r, inside a parent indented n."""
        indent = max(n + 1, 1)
        if digit:
            return indent + int(digit) - 1
        for i in range(r + 1, len(self.lines)):  # the first non-empty line sets the indentation
            spaces = len(self.lines[i]) - len(self.lines[i].lstrip(" "))
            indent = max(indent, spaces)
            if spaces < len(self.lines[i]):
                break
        return indent

    def _block_scalar(self, r: int, c: int, n: int) -> tuple[str, int]:
        """Literal '|' or folded '>' scalar; follows the YAML spec (and PyYAML) on chomping."""
        lines = self.lines
        m = _BLOCK_HEADER.match(lines[r], c)
        if not m:
            self._fail(r, c, "invalid block scalar header: use '|' or '>', optionally with '-', '+' or a digit")
        rest = _skip_blanks(lines[r], m.end())
        if rest < len(lines[r]) and lines[r][rest] != "#":
            self._fail(r, rest, "unexpected text after the block scalar header")
        folded = m.group(1) == ">"
        chomp = m.group(2) or m.group(5) or ""
        digit = m.group(3) or m.group(4)
        indent = self._block_indent(r, n, digit)

        def kind(i: int) -> str:
            line = lines[i]
            if len(line) > indent and not line[:indent].strip(" "):
                return "text"
            return "empty" if not line.strip(" ") else "end"

        def breaks_from(i: int) -> tuple[list[str], int]:
            found = []
            while i < len(lines) and kind(i) == "empty":
                found.append("\n" if i < len(lines) - 1 else "")
                i += 1
            return found, i

        chunks: list[str] = []
        breaks, i = breaks_from(r + 1)
        line_break = ""
        while i < len(lines) and kind(i) == "text":
            chunks.extend(breaks)
            text = lines[i][indent:]
            chunks.append(text)
            line_break = "\n" if i < len(lines) - 1 else ""
            breaks, i = breaks_from(i + 1)
            if i == len(lines) or kind(i) != "text":
                break
            if folded and line_break and text[0] not in " \t" and lines[i][indent] not in " \t":
                if not breaks:
                    chunks.append(" ")
            else:
                chunks.append(line_break)
        if chomp != "-":
            chunks.append(line_break)
        if chomp == "+":
            chunks.extend(breaks)
        return "".join(chunks), i

    # -- scalars and flow collections (these may span lines) -------------------------------------

    def _plain(self, off: int, n: int, flow: bool) -> tuple[str, int]:
        """Plain scalar from off, folding continuation lines indented more than n; (text, end)."""
        r, c = self._loc(off)
        problem = _plain_start_problem(self.lines[r], c, flow)
        if problem:
            self._fail(r, c, problem)
        pattern = _PLAIN_END_FLOW if flow else _PLAIN_END_BLOCK
        text, end_c, _, reason = _plain_segment(self.lines[r], c, pattern)
        parts = [text]
        end = self.starts[r] + end_c
        blank = 0
        r += 1
        while reason == "eol" and r < len(self.lines):
            line = self.lines[r]
            spaces = len(line) - len(line.lstrip(" "))
            content = _skip_blanks(line, spaces)
            if content == len(line):
                blank += 1
                r += 1
                continue
            if spaces <= n or line[content] == "#" or self._marker(r):
                break
            text, end_c, _, reason = _plain_segment(line, content, pattern)
            if not text:
                break
            if reason == ":" and not flow:
                self._fail(r, content, "bad indentation, or ': ' inside a multi-line plain value (quote the value)")
            parts.append("\n" * blank if blank else " ")
            parts.append(text)
            blank = 0
            end = self.starts[r] + end_c
            r += 1
        return "".join(parts), end

    def _quoted(self, off: int, n: int) -> tuple[str, int]:
        """Single- or double-quoted scalar starting at off; returns (text, offset after the quote)."""
        text = self.text
        quote = text[off]
        out: list[str] = []
        keep = 0  # out[:keep] came from escapes and survives line folding
        i = off + 1
        while i < len(text):
            ch = text[i]
            if ch == quote:
                if quote == "'" and text.startswith("'", i + 1):
                    out.append("'")
                    i += 2
                    continue
                return "".join(out), i + 1
            if ch == "\n":
                while len(out) > keep and out[-1] in " \t":
                    out.pop()
                i = self._fold(out, i, n, off, escaped=False)
            elif ch == "\\" and quote == '"':
                i = self._escape(out, i, n, off)
                keep = len(out)
            else:
                out.append(ch)
                i += 1
        kind = "single" if quote == "'" else "double"
        self._fail_at(off, f"unterminated {kind}-quoted string (missing closing {quote})")

    def _fold(self, out: list[str], i: int, n: int, off: int, escaped: bool) -> int:
        """Fold the line break at i inside a quoted scalar; returns where its text continues."""
        blank = 0
        while True:
            r = self._loc(i + 1)[0]
            line = self.lines[r]
            spaces = len(line) - len(line.lstrip(" "))
            content = _skip_blanks(line, spaces)
            if content == len(line):
                if r == len(self.lines) - 1:
                    return len(self.text)
                blank += 1
                i = self.starts[r] + len(line)
                continue
            if self._marker(r):
                self._fail_at(off, "unterminated quoted string (a document marker is inside it)")
            if spaces <= n:
                if content != spaces:
                    self._fail(r, spaces, "tab characters are not allowed for indentation")
                self._fail(r, spaces, "bad indentation: a quoted value's continuation lines must be indented")
            out.append("\n" * blank if blank or escaped else " ")
            return self.starts[r] + content

    def _escape(self, out: list[str], i: int, n: int, off: int) -> int:
        """Decode the escape at text[i] == '\\' in a double-quoted scalar; returns the next index."""
        text = self.text
        nxt = text[i + 1 : i + 2]
        if nxt == "\n":
            return self._fold(out, i + 1, n, off, escaped=True)
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            return i + 2
        if nxt in _HEX_ESCAPES:
            size = _HEX_ESCAPES[nxt]
            digits = text[i + 2 : i + 2 + size]
            if not re.fullmatch(f"[0-9a-fA-F]{{{size}}}", digits):
                self._fail_at(i, f"invalid escape: '\\{nxt}' needs {size} hexadecimal digits")
            code = int(digits, 16)
            if code > 0x10FFFF:
                self._fail_at(i, f"invalid escape: U+{code:X} is not a Unicode character")
            out.append(chr(code))
            return i + 2 + size
        if not nxt:
            return len(text)
        self._fail_at(i, f"unknown escape sequence '\\{nxt}'")

    def _skip_flow(self, i: int, n: int, open_off: int) -> int:
        """Skip spaces, line breaks and comments inside a flow collection; fail at end of input."""
        text = self.text
        while i < len(text):
            ch = text[i]
            if ch in " \t":
                i += 1
            elif ch == "\n":
                i += 1
                r = self._loc(i)[0]
                line = self.lines[r]
                spaces = len(line) - len(line.lstrip(" "))
                content = _skip_blanks(line, spaces)
                if content < len(line) and line[content] != "#":
                    if self._marker(r):
                        break
                    if spaces <= n:
                        if content != spaces:
                            self._fail(r, spaces, "tab characters are not allowed for indentation")
                        self._fail(r, spaces, "bad indentation: lines inside [ ] or { } must be indented")
            elif ch == "#" and text[i - 1] in " \t\n":
                end = text.find("\n", i)
                i = len(text) if end < 0 else end
            else:
                return i
        close = "]" if text[open_off] == "[" else "}"
        self._fail_at(open_off, f"unterminated flow collection (missing '{close}')")

    def _flow(self, off: int, n: int, depth: int) -> tuple[object, int]:
        """Flow sequence [..] or mapping {..} at off; returns (value, offset after the bracket)."""
        if depth > MAX_DEPTH:
            self._fail_at(off, f"nesting is deeper than {MAX_DEPTH} levels")
        text = self.text
        is_seq = text[off] == "["
        close = "]" if is_seq else "}"
        items: list[object] = []
        mapping: dict[object, object] = {}
        i = off + 1
        while True:
            i = self._skip_flow(i, n, off)
            if text[i] == close:
                return (items if is_seq else mapping), i + 1
            if is_seq:
                value, i = self._flow_node(i, n, depth)
                items.append(value)
                i = self._skip_flow(i, n, off)
                if text[i] == ":":
                    self._fail_at(i, "'key: value' pairs inside [ ] must be written as {key: value}")
            else:
                key_off = i
                if text[i] in "[{":
                    self._fail_at(i, "flow collections cannot be used as keys")
                key, i = self._flow_node(i, n, depth)
                if key == "<<" and text[key_off] not in "\"'":
                    self._fail_at(key_off, "merge keys ('<<') are not supported")
                if key in mapping:
                    self._fail_at(key_off, f"duplicate key {key!r}")
                i = self._skip_flow(i, n, off)
                value = None
                if text[i] == ":":
                    i = self._skip_flow(i + 1, n, off)
                    if text[i] not in ",}":
                        value, i = self._flow_node(i, n, depth)
                        i = self._skip_flow(i, n, off)
                mapping[key] = value
            if text[i] == ",":
                i += 1
            elif text[i] != close:
                self._fail_at(i, f"expected ',' or '{close}'")

    def _flow_node(self, i: int, n: int, depth: int) -> tuple[object, int]:
        ch = self.text[i]
        if ch in "[{":
            return self._flow(i, n, depth + 1)
        if ch in "\"'":
            return self._quoted(i, n)
        text, end = self._plain(i, n, flow=True)
        return self._resolve_at(text, i), end


def loads(text: str) -> object:
    """Parse one YAML-subset document into dicts, lists, str, int, float, bool and None."""
    if not isinstance(text, str):
        raise YamlSubsetError(1, 1, f"input is not text (got {type(text).__name__}); decode it to str first")
    return _Parser(text).document()


# ---------------------------------------------------------------------------------------------------
# Writer

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Characters written as escapes: non-printables, tab, line breaks (YAML 1.1 readers also break lines
# at U+0085, U+2028 and U+2029) and the byte order mark.
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029\ufeff]")
# Strings a YAML 1.1 reader (PyYAML) would turn into numbers, booleans, dates or merge keys.
_YAML11_LOOKALIKE = re.compile(
    r"[-+]?[0-9_.:]+(?:[eE][-+]?[0-9]+)?|[-+]?0[bBoOxX][0-9a-fA-F_]*|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*"
    r"|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|<<",
    re.DOTALL,
)
_SHORT_ESCAPES = {"\0": "\\0", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\"}


def _plain_ok(s: str) -> bool:
    """True when s can be written unquoted and still reads back as the same string (also in 1.1)."""
    if not s or s[0] in _INDICATORS or s != s.strip(" ") or _NEEDS_ESCAPE.search(s):
        return False
    if ": " in s or " #" in s or s.endswith(":") or s.startswith("...") or _YAML11_LOOKALIKE.fullmatch(s):
        return False
    try:
        return isinstance(_resolve(s), str)
    except ValueError:
        return False


def _double_quoted(s: str) -> str:
    parts = []
    for ch in s:
        if ch in _SHORT_ESCAPES:
            parts.append(_SHORT_ESCAPES[ch])
        elif _NEEDS_ESCAPE.match(ch):
            code = ord(ch)
            parts.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
        else:
            parts.append(ch)
    return '"' + "".join(parts) + '"'


def _quoted_str(s: str) -> str:
    if _NEEDS_ESCAPE.search(s):
        return _double_quoted(s)
    return "'" + s.replace("'", "''") + "'"


def _literal(s: str, indent: int) -> list[str]:
    """Lines of a '|' block scalar for s, content indented two more than the owner at indent."""
    core = s.rstrip("\n")
    trailing = len(s) - len(core)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = core.split("\n")
    first = next(line for line in lines if line)
    hint = "2" if first[0] == " " else ""  # content starting with spaces needs an explicit indentation
    pad = " " * (indent + 2)
    return ["|" + hint + chomp] + [pad + line if line else "" for line in lines] + [""] * (trailing - 1)


def _float_text(f: float) -> str:
    if math.isnan(f):
        return ".nan"
    if math.isinf(f):
        return ".inf" if f > 0 else "-.inf"
    text = repr(f)
    if "e" in text and "." not in text:  # 1e+20 -> 1.0e+20, which YAML 1.1 readers also take as a float
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def _scalar(obj: object, indent: int) -> list[str]:
    """Text of a scalar or empty collection: one line, or a block scalar header plus its lines."""
    if obj is None:
        return ["null"]
    if isinstance(obj, bool):
        return ["true" if obj else "false"]
    if isinstance(obj, int):
        return [str(obj)]
    if isinstance(obj, float):
        return [_float_text(obj)]
    if isinstance(obj, str):
        if _plain_ok(obj):
            return [obj]
        if "\n" in obj and obj.strip("\n") and not _NEEDS_ESCAPE.search(obj.replace("\n", "").replace("\t", "")):
            return _literal(obj, indent)
        return [_quoted_str(obj)]
    if isinstance(obj, dict):
        return ["{}"]
    if isinstance(obj, (list, tuple)):
        return ["[]"]
    raise TypeError(f"cannot write {type(obj).__name__} as YAML")


def _key_text(key: object) -> str:
    if isinstance(key, str):
        return key if _plain_ok(key) else _quoted_str(key)
    if key is None or isinstance(key, (bool, int, float)):
        return _scalar(key, 0)[0]
    raise TypeError(f"cannot write a {type(key).__name__} as a YAML key")


def _is_collection(obj: object) -> bool:
    return isinstance(obj, (dict, list, tuple)) and len(obj) > 0


def _dump_node(obj: object, head: str, indent: int, out: list[str]) -> None:
    """Append obj after head ('key:' or '-' at column indent); collections go on the next lines."""
    if isinstance(obj, dict) and obj:
        out.append(head)
        _dump_map(obj, indent + 2, out)
    elif isinstance(obj, (list, tuple)) and obj:
        out.append(head)
        _dump_seq(obj, indent + 2, out)
    else:
        first, *rest = _scalar(obj, indent)
        out.append(f"{head} {first}")
        out.extend(rest)


def _dump_map(mapping: dict, indent: int, out: list[str]) -> None:
    for key, value in mapping.items():
        _dump_node(value, " " * indent + _key_text(key) + ":", indent, out)


def _dump_seq(seq: list | tuple, indent: int, out: list[str]) -> None:
    for item in seq:
        if _is_collection(item):  # compact form: '- key: value' / '- - item'
            sub: list[str] = []
            (_dump_map if isinstance(item, dict) else _dump_seq)(item, indent + 2, sub)
            sub[0] = " " * indent + "- " + sub[0][indent + 2 :]
            out.extend(sub)
        else:
            _dump_node(item, " " * indent + "-", indent, out)


def dumps(obj: object) -> str:
    """Write obj as block-style YAML (key order kept) that loads() reads back to an equal value."""
    out: list[str] = []
    if isinstance(obj, dict) and obj:
        _dump_map(obj, 0, out)
    elif isinstance(obj, (list, tuple)) and obj:
        _dump_seq(obj, 0, out)
    else:
        out.extend(_scalar(obj, 0))
    return "\n".join(out) + "\n"
