"""Safe YAML reading that remembers where every value came from.

PyYAML's safe loader forgets line numbers, silently keeps the last of two
duplicate keys, and happily builds a "billion laughs" document out of a few
aliases. This module reads a file into plain dicts and lists that still know
their line numbers, and turns every way a file can be broken into a
`Problem` that names file, line, column and what is wrong.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_FILE_BYTES = 5 * 1024 * 1024  # the real data is ~100 KB; 5 MB leaves room for 50x
MAX_EXPANDED_NODES = 1_000_000  # values reachable once aliases are expanded
MAX_DEPTH = 64  # our format nests 4 deep; anything deeper is an attack or a mistake

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    file: str
    line: int
    column: int
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.where}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so a user can fix them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LineDict(dict):
    """A mapping that records the (line, column) of itself and of each key."""

    start: tuple[int, int] = (1, 1)
    key_marks: dict


class LineList(list):
    """A sequence that records the (line, column) of itself and of each item."""

    start: tuple[int, int] = (1, 1)
    item_marks: list


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _LocatingLoader(_BaseLoader):
    """Safe loader that keeps positions, refuses duplicate keys, keeps dates as text."""

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark
            )
        result = LineDict()
        result.start = _mark(node)
        result.key_marks = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
            if key in result:
                first = result.key_marks[key][0]
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}' (first at line {first})", key_node.start_mark
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_marks[key] = _mark(key_node)
        return result

    def construct_yaml_map(self, node):
        yield self.construct_mapping(node, deep=True)

    def construct_yaml_seq(self, node):
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.start = _mark(node)
        result.item_marks = [_mark(child) for child in node.value]
        yield result

    def construct_yaml_timestamp(self, node):
        # Dates stay text: the schema decides what a valid date is, and
        # "2020-07" and "2020-07-15" must look alike to it.
        return self.construct_scalar(node)


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _LocatingLoader.construct_yaml_map)
_LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _LocatingLoader.construct_yaml_seq)
_LocatingLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _LocatingLoader.construct_yaml_timestamp
)


def _check_node_tree(node, file: str) -> list[Problem]:
    """Bound the depth and the alias-expanded size before anything is built."""
    sizes: dict[int, int] = {}

    def size(n, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise _TooBig(n, f"nesting deeper than {MAX_DEPTH} levels")
        if id(n) in sizes:
            return sizes[id(n)]
        if isinstance(n, yaml.MappingNode):
            total = 1 + sum(size(k, depth + 1) + size(v, depth + 1) for k, v in n.value)
        elif isinstance(n, yaml.SequenceNode):
            total = 1 + sum(size(child, depth + 1) for child in n.value)
        else:
            total = 1
        if total > MAX_EXPANDED_NODES:
            raise _TooBig(
                n, f"expands to more than {MAX_EXPANDED_NODES:,} values (aliases nested too deep?)"
            )
        sizes[id(n)] = total
        return total

    try:
        size(node, 0)
    except _TooBig as too_big:
        line, column = _mark(too_big.node)
        return [Problem(file, line, column, "document", too_big.message)]
    return []


class _TooBig(Exception):
    def __init__(self, node, message: str):
        self.node, self.message = node, message


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


# Scanner contexts whose problem mark lies past the real mistake.
_NOTICED_LATE = re.compile(r"while (scanning|parsing a flow)")


def _yaml_problem(file: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if context:
        what = f"{context}: {what}"
    if "could not determine a constructor" in what:
        if "tag:yaml.org,2002:merge" in str(error):
            what = "merge keys (<<) are not supported; write the values out"
        else:
            what = "tags such as !!python/object are not allowed (only plain YAML is read)"
    context_mark = getattr(error, "context_mark", None)
    if context_mark and mark and context_mark.line < mark.line:
        if _NOTICED_LATE.match(context or ""):
            # An unclosed quote or bracket is noticed far away: point at where it opens.
            what += f" (noticed on line {line})"
            line, column = context_mark.line + 1, context_mark.column + 1
        else:
            # A misplaced line inside a block: the problem line is the one to fix.
            block = "document" if "single document" in what else "block"
            what += f" (in the {block} that starts on line {context_mark.line + 1})"
    return Problem(file, line, column, "YAML", what.strip())


def read_yaml(path: Path | str, display_name: str | None = None) -> LineDict:
    """Read one data file; raise DataError naming every way it is unreadable."""
    path = Path(path)
    name = display_name or str(path)
    try:
        if not path.is_file():
            raise DataError([Problem(name, 1, 1, "file", "is not a regular file")])
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # never trust st_size (devices report 0)
    except OSError as error:
        raise DataError([Problem(name, 1, 1, "file", f"cannot be read: {error.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(
            [Problem(name, 1, 1, "file", f"is larger than the limit of {MAX_FILE_BYTES:,} bytes")]
        )
    return parse_yaml(raw, name)


_LINE_BREAKS = {"\u2028": "U+2028 line separator", "\u2029": "U+2029 paragraph separator",
                "\u0085": "U+0085 next-line character", "\r": "carriage return without a line feed"}


# Tabs, line breaks other than \n and \r\n, control characters and lone surrogates.
_BAD_CHARACTER = re.compile("[\t\u2028\u2029\u0085\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]|\r(?!\n)")


def _first_bad_character(text: str) -> tuple[int, str] | None:
    """Characters that break line counting or YAML itself, found before parsing.

    libyaml counts U+2028 and friends as line breaks, which would shift every
    later line number, and reports control characters without a position.
    """
    found = _BAD_CHARACTER.search(text)
    if not found:
        return None
    offset, char = found.start(), found.group()
    if char == "\t":
        return offset, "tab character; indent with spaces only (write \\t inside quotes)"
    if char in _LINE_BREAKS:
        return offset, f"{_LINE_BREAKS[char]}; use a plain line break"
    return offset, f"control character U+{ord(char):04X} is not allowed"


def _check_depth(text: str, name: str) -> None:
    """Refuse deep nesting from the event stream, before libyaml builds nodes.

    Composing a document nested tens of thousands deep crashes libyaml.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line, column = event.start_mark.line + 1, event.start_mark.column + 1
                    raise DataError(
                        [Problem(name, line, column, "document", f"nesting deeper than {MAX_DEPTH} levels")]
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        raise DataError([_yaml_problem(name, error)]) from None


def parse_yaml(raw: bytes, name: str) -> LineDict:
    """Parse bytes that claim to be one of our YAML data files."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_of_offset(raw, error.start)
        raise DataError([Problem(name, line, column, "file", "is not valid UTF-8 text")])
    bad = _first_bad_character(text)
    if bad:
        offset, message = bad
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise DataError([Problem(name, line, column, "YAML", message)])
    _check_depth(text, name)
    loader = _LocatingLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError([Problem(name, 1, 1, "document", "the file is empty")])
        problems = _check_node_tree(node, name)
        if problems:
            raise DataError(problems)
        document = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise DataError([_yaml_problem(name, error)]) from None
    except RecursionError:
        raise DataError([Problem(name, 1, 1, "document", "nested too deeply to read")]) from None
    finally:
        loader.dispose()
    if not isinstance(document, dict):
        kind = {list: "list", str: "text", int: "number", float: "number", bool: "true/false"}.get(
            type(document).__bases__[0] if isinstance(document, LineList) else type(document), "value"
        )
        if document is None:
            raise DataError([Problem(name, 1, 1, "document", "the file is empty")])
        line, column = _mark(node)
        raise DataError(
            [Problem(name, line, column, "document", f"must be a mapping of sections (sources:, facts:, …), not a {kind}")]
        )
    return document


def locate(document, path: tuple) -> tuple[int, int]:
    """The deepest known (line, column) along a path of keys and indexes."""
    position = getattr(document, "start", (1, 1))
    node = document
    for step in path:
        if isinstance(node, LineDict) and step in node:
            position = node.key_marks.get(step, position)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            position = node.item_marks[step]
            node = node[step]
        else:
            break
    return position
