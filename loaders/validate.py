"""Read every data file, check it against the schema and against the others.

`load_records(paths)` returns the validated records of all files merged, or
raises `DataError` listing every problem found in every file: a user fixing
the data sees all their mistakes at once, each with file, line and field.
"""

from __future__ import annotations

import gc
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from . import models
from .yaml_source import DataError, LineDict, Problem, locate, read_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MERGER_DATE = "2025-07-01"
MERGER = models.dt.date(2025, 7, 1)
MAX_PROBLEMS_PER_FILE = 100  # past this, more messages help nobody and cost time
_ADAPTERS = {name: TypeAdapter(model) for name, model in models.SECTIONS.items()}


def default_files(data_dir: Path | None = None) -> list[Path]:
    """data/provinces.yaml first, then every data/facts/*.yaml in name order.

    EGOV_DATA_DIR points the dashboard and the commands at another data folder
    (the tests and the benchmark use it for broken or synthetic data).
    """
    data_dir = Path(data_dir or os.environ.get("EGOV_DATA_DIR") or DATA_DIR)
    return [data_dir / "provinces.yaml", *sorted((data_dir / "facts").glob("*.yaml"))]


@dataclass
class Located:
    """A validated record with where it came from."""

    record: object
    file: str
    line: int
    index: int
    # (line, column) of each key of the entry, so checks across entries can
    # point at the key they are about rather than at the entry's first line.
    key_marks: dict = field(default_factory=dict)


@dataclass
class Records:
    legacy: list[Located] = field(default_factory=list)
    current: list[Located] = field(default_factory=list)
    sources: list[Located] = field(default_factory=list)
    facts: list[Located] = field(default_factory=list)
    formations: list[Located] = field(default_factory=list)
    national: list[Located] = field(default_factory=list)
    searched: list[Located] = field(default_factory=list)
    # Keys of records that failed validation: references to them are not
    # reported again, so one mistake gives one message.
    broken: set = field(default_factory=set)


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _pydantic_problems(file: str, doc, prefix: tuple, error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        if prefix[0] == "facts" and loc and loc[0] in models.FIELDS:
            loc = loc[1:]  # drop the discriminator tag pydantic adds
        if item["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc = ("field",)
            allowed = ", ".join(models.FIELDS)
            message = f"must be one of: {allowed}"
        else:
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "string_type" and isinstance(item.get("input"), int) and loc[-1:] == ("code",):
                message = 'must be text: write the code in quotes, e.g. "06"'
            if item["type"] == "string_pattern_mismatch" and loc[-1:] == ("code",):
                message = 'must be a two-digit code in quotes, e.g. "06" (or "all" for national evidence)'
            if item["type"] == "model_type":
                message = "must be a mapping of keys and values"
            if item["type"] == "literal_error":
                message = message.replace("Input should be", "must be one of")
            if item["type"] == "extra_forbidden":
                message = "unknown key (see docs/data-format.md for the keys allowed here)"
        path = prefix + loc
        line, column = locate(doc, path)
        where = _where(path)
        problems.append(Problem(file, line, column, where, message))
    return problems


def _where(path: tuple) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _read_file(path: Path, records: Records, problems: list[Problem]) -> None:
    name = _display_name(path)
    try:
        doc = read_yaml(path, name)
    except DataError as error:
        problems.extend(error.problems)
        return
    known = {"units", *models.SECTIONS}
    for key in doc:
        if key not in known:
            line, column = doc.key_marks[key]
            allowed = ", ".join(sorted(known))
            problems.append(
                Problem(name, line, column, str(key), f"unknown section (allowed: {allowed})")
            )
            records.broken.add(("facts of", name))
    if "units" in doc:
        _read_units(name, doc, records, problems)
    for section, adapter in _ADAPTERS.items():
        items = doc.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            line, column = doc.key_marks[section]
            problems.append(Problem(name, line, column, section, "must be a list of entries"))
            if section == "sources":
                records.broken.add(("source", "*"))
            continue
        for index, item in enumerate(items):
            if sum(p.file == name for p in problems) >= MAX_PROBLEMS_PER_FILE:
                line, column = locate(doc, (section, index))
                problems.append(Problem(name, line, column, section, f"stopped after {MAX_PROBLEMS_PER_FILE} problems in this file"))
                return
            try:
                record = adapter.validate_python(item)
            except ValidationError as error:
                problems.extend(_pydantic_problems(name, doc, (section, index), error))
                _remember_broken(section, item, records)
                if section == "facts":
                    records.broken.add(("facts of", name))
                continue
            line, _ = locate(doc, (section, index))
            getattr(records, section).append(Located(record, name, line, index, _key_marks(item)))


_UNIT_ADAPTERS = {"legacy": TypeAdapter(models.LegacyUnit), "current": TypeAdapter(models.CurrentUnit)}


def _read_units(name: str, doc, records: Records, problems: list[Problem]) -> None:
    """Validate unit by unit, so one bad unit does not hide the whole table."""
    units = doc["units"]
    if not isinstance(units, dict):
        line, column = doc.key_marks["units"]
        problems.append(Problem(name, line, column, "units", "must be a mapping with legacy: and current:"))
        return
    for era in units:
        if era not in _UNIT_ADAPTERS:
            line, column = locate(doc, ("units", era))
            problems.append(Problem(name, line, column, f"units.{era}", "unknown era (legacy or current)"))
    for era, adapter in _UNIT_ADAPTERS.items():
        items = units.get(era) or []
        if not isinstance(items, list):
            line, column = locate(doc, ("units", era))
            problems.append(Problem(name, line, column, f"units.{era}", "must be a list of units"))
            continue
        for index, item in enumerate(items):
            try:
                unit = adapter.validate_python(item)
            except ValidationError as error:
                problems.extend(_pydantic_problems(name, doc, ("units", era, index), error))
                if isinstance(item, dict):
                    records.broken.add((era, str(item.get("code"))))
                continue
            line, _ = locate(doc, ("units", era, index))
            getattr(records, era).append(Located(unit, name, line, index, _key_marks(item)))


def _remember_broken(section: str, item, records: Records) -> None:
    """Keys an invalid entry defines or cites, so they do not cause second messages."""
    if not isinstance(item, dict):
        return
    if section == "sources":
        records.broken.add(("source", str(item.get("id"))))
    cited = item.get("sources")
    if isinstance(cited, list):
        records.broken.update(("cited", str(source_id)) for source_id in cited)


def _key_marks(item) -> dict:
    return dict(getattr(item, "key_marks", {}))


def _problem(item: Located, section: str, key: str, message: str) -> Problem:
    """A problem about `key` of an entry, at that key's line when the entry has it."""
    line, column = item.key_marks.get(re.split(r"[.\[]", key)[0], (item.line, 1))
    return Problem(item.file, line, column, f"{section}[{item.index}].{key}", message)


def _check_unique(items: list[Located], section: str, key, what: str) -> list[Problem]:
    seen: dict = {}
    problems = []
    for item in items:
        value = key(item.record)
        if value in seen:
            first = seen[value]
            problems.append(
                _problem(item, section, what, f"duplicate '{value}' (first at {first.file}:{first.line})")
            )
        else:
            seen[value] = item
    return problems


def _check_units(records: Records) -> list[Problem]:
    problems = []
    for era in models.ERAS:
        problems += _check_unique(getattr(records, era), f"units.{era}", lambda u: u.code, "code")
        problems += _check_unique(getattr(records, era), f"units.{era}", lambda u: u.name, "name")
    current = {u.record.code: u.record for u in records.current}
    for item in records.legacy:
        successor = current.get(item.record.successor)
        if ("current", item.record.successor) in records.broken:
            continue
        if current and successor is None:
            problems.append(_problem(item, "units.legacy", "successor", f"no current unit '{item.record.successor}'"))
        elif successor and item.record.code not in successor.predecessors:
            problems.append(
                _problem(item, "units.legacy", "successor", f"current unit {successor.code} does not list it as a predecessor")
            )
    legacy = {u.record.code for u in records.legacy}
    claimed: dict[str, str] = {}
    for item in records.current:
        for code in item.record.predecessors:
            if ("legacy", code) in records.broken:
                continue
            if legacy and code not in legacy:
                problems.append(_problem(item, "units.current", "predecessors", f"no legacy unit '{code}'"))
            elif code in claimed:
                problems.append(
                    _problem(item, "units.current", "predecessors", f"legacy unit {code} is already a predecessor of {claimed[code]}")
                )
            claimed[code] = item.record.code
    return problems


def _check_references(records: Records) -> list[Problem]:
    problems = _check_unique(records.sources, "sources", lambda s: s.id, "id")
    problems += _check_unique(records.sources, "sources", lambda s: s.url, "url")
    problems += _check_unique(records.national, "national", lambda n: n.id, "id")
    sources = {s.record.id: s.record for s in records.sources}
    names = {
        (era, u.record.code): u.record.name for era in models.ERAS for u in getattr(records, era)
    }
    used: set[str] = set()
    for section in ("facts", "formations", "national"):
        for item in getattr(records, section):
            for source_id in item.record.sources:
                used.add(source_id)
                if source_id not in sources and not {("source", source_id), ("source", "*")} & records.broken:
                    problems.append(_problem(item, section, "sources", f"no source with id '{source_id}'"))
    for item in records.facts:
        if (item.record.era, item.record.code) not in records.broken:
            problems += _check_fact(item, names, sources)
    for item in records.searched:
        record = item.record
        expected = names.get((record.era, record.code))
        if (record.era, record.code) in records.broken:
            continue
        if expected is None:
            problems.append(_problem(item, "searched", "code", f"no {record.era} unit '{record.code}'"))
        elif not _same_name(expected, record.name):
            problems.append(_problem(item, "searched", "name", f"{record.era} unit {record.code} is '{expected}', not '{record.name}'"))
    for item in records.sources:
        # When some facts of the file could not be read, an unused source is
        # most likely cited by one of them: do not report it a second time.
        unreadable = ("facts of", item.file) in records.broken
        if item.record.id not in used and ("cited", item.record.id) not in records.broken and not unreadable:
            problems.append(_problem(item, "sources", "id", f"source '{item.record.id}' is not used by any fact"))
    return problems


def _same_name(expected: str, given: str) -> bool:
    # Text pasted from the web may use decomposed diacritics (NFD): same name, other bytes.
    return unicodedata.normalize("NFC", expected) == unicodedata.normalize("NFC", given)


def _check_fact(item: Located, names: dict, sources: dict) -> list[Problem]:
    fact = item.record
    problems = []
    if fact.code == "all":
        if fact.name:
            problems.append(_problem(item, "facts", "name", "leave out the name when code is 'all'"))
        for source_id in fact.sources:
            source = sources.get(source_id)
            if source and source.scope != "national":
                problems.append(
                    _problem(item, "facts", "sources", f"code 'all' needs national-scope sources; '{source_id}' is not")
                )
    else:
        expected = names.get((fact.era, fact.code))
        if expected is None:
            problems.append(_problem(item, "facts", "code", f"no {fact.era} unit with code '{fact.code}'"))
        elif not _same_name(expected, fact.name):
            problems.append(
                _problem(item, "facts", "name", f"{fact.era} unit {fact.code} is '{expected}', not '{fact.name}'")
            )
    if fact.era == "legacy" and fact.date_basis == "event" and models.period_start(fact.date) >= MERGER:
        problems.append(
            _problem(item, "facts", "date", f"a legacy province fact must happen before {MERGER_DATE}; use era: current")
        )
    if fact.era == "current" and models.period_end(fact.date) < MERGER:
        problems.append(
            _problem(item, "facts", "date", f"a current-unit fact must be dated from {MERGER_DATE}; use era: legacy")
        )
    return problems


def _check_formations(records: Records) -> list[Problem]:
    problems = _check_unique(records.formations, "formations", lambda f: f.code, "code")
    current = {u.record.code: u.record for u in records.current}
    for item in records.formations:
        unit = current.get(item.record.code)
        if ("current", item.record.code) in records.broken:
            continue
        if unit is None:
            problems.append(_problem(item, "formations", "code", f"no current unit '{item.record.code}'"))
        elif sorted(unit.predecessors) != sorted(item.record.predecessors):
            problems.append(
                _problem(item, "formations", "predecessors", f"disagrees with the unit table ({', '.join(unit.predecessors)})")
            )
    return problems


def _borrow_units(records: Records, problems: list[Problem]) -> None:
    context = Records()
    _read_file(DATA_DIR / "provinces.yaml", context, problems)
    records.legacy, records.current = context.legacy, context.current


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while files are read.

    Parsing allocates millions of small objects that all stay alive; each
    full collection walks every one of them, which made loading 100 times
    the data take 125 times as long. The parsed tree holds no reference
    cycles to reclaim, so nothing is lost by waiting until the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_records(paths: list[Path] | None = None) -> Records:
    """Validate the given files (default: all data files) and return their records.

    Facts name units, so a facts file checked on its own is checked against
    the unit table of data/provinces.yaml.
    """
    paths = [Path(p) for p in (paths or default_files())]
    records, problems = Records(), []
    with _collector_paused():
        for path in paths:
            _read_file(path, records, problems)
    has_units = any(p.where.startswith("units") for p in problems)
    if not records.legacy and not records.current and not has_units:
        _borrow_units(records, problems)
    if not records.legacy and not records.current and not has_units:
        problems.append(Problem(_display_name(paths[0]), 1, 1, "units", "no unit table found in any file"))
    problems += _check_units(records) + _check_references(records) + _check_formations(records)
    if problems:
        raise DataError(problems)
    return records
