"""A PyYAML loader that remembers the line of every key and list item, so validation can point at the exact line.

Dates stay strings (the validator checks their format itself, and a bad date such as 2026-13-40 must be a
reported problem, not a constructor traceback).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from sitegen.problems import Problem


class MarkedDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    value_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def value_line(self, key: str) -> int:
        """Line where a value's text starts (the line after `key: |` for block scalars)."""
        return self.value_lines.get(key, self.line_of(key))


class MarkedList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class MarkedLoader(yaml.SafeLoader):
    """SafeLoader returning MarkedDict/MarkedList with line numbers offset by `line_offset`."""

    line_offset = 0

    def construct_marked_mapping(self, node: yaml.MappingNode) -> MarkedDict:
        self.flatten_mapping(node)
        result = MarkedDict()
        result.line = node.start_mark.line + 1 + self.line_offset
        result.key_lines = {}
        result.value_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise yaml.constructor.ConstructorError(
                    None, None, "mapping keys must be plain scalars", key_node.start_mark
                )
            key = str(key)
            if key in result:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1 + self.line_offset
            block = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
            result.value_lines[key] = value_node.start_mark.line + 1 + self.line_offset + (1 if block else 0)
        return result

    def construct_marked_sequence(self, node: yaml.SequenceNode) -> MarkedList:
        result = MarkedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1 + self.line_offset
        result.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return result

    def construct_timestamp_as_text(self, node: yaml.ScalarNode) -> str:
        return str(self.construct_scalar(node))


MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, MarkedLoader.construct_marked_mapping)
MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, MarkedLoader.construct_marked_sequence)
MarkedLoader.add_constructor("tag:yaml.org,2002:timestamp", MarkedLoader.construct_timestamp_as_text)


def parse_yaml(text: str, display: str, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse YAML text; a syntax error becomes a Problem at its line instead of an exception."""

    class _Loader(MarkedLoader):
        pass

    _Loader.line_offset = line_offset
    try:
        loader = _Loader(text)
        try:
            return loader.get_single_data(), []
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        return None, [Problem(display, line, "(yaml)", f"invalid YAML: {message}")]
    except yaml.YAMLError as error:
        return None, [Problem(display, line_offset + 1, "(yaml)", f"invalid YAML: {error}")]


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)


def read_front_matter(path: Path, display: str) -> tuple[Any, str, int, list[Problem]]:
    """Split a Markdown file into (front matter, body, first body line, problems)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, "", 1, [Problem(display, 1, "(file)", f"cannot read: {error}")]
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1, [Problem(display, 1, "(front matter)", "missing YAML front matter between --- lines")]
    meta, problems = parse_yaml(match.group(1) or "", display, line_offset=1)
    body_line = text[: match.end()].count("\n") + 1
    return meta, text[match.end() :], body_line, problems


def read_yaml(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Read one YAML file; unreadable files and syntax errors become Problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(display, 1, "(file)", f"cannot read: {error}")]
    return parse_yaml(text, display)
