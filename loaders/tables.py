"""Turn validated records into the tidy tables everything else works on.

`Dataset` holds plain pandas DataFrames: one row per unit, per fact, per
source, per national reference fact, per recorded search. A fact written
with `code: all` becomes one row per unit of its era, marked as
national-level evidence.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import models
from .validate import Records, load_records

FACT_DETAIL_KEYS = (
    "builder", "place", "stage", "decision", "decision_date",
    "pilot", "partner", "years", "ascn", "year", "role",
)
FACT_COLUMNS = (
    "fact_id", "era", "unit_code", "unit_name", "field", "value", "date", "date_basis",
    "source_url", "other_source_urls", "source_ids", "source_title", "source_publisher",
    "source_published", "evidence", "note", "conflict", *FACT_DETAIL_KEYS, "known_by", "file", "line",
)
UNIT_COLUMNS = (
    "era", "unit_code", "unit_name", "kind", "successor_code", "predecessor_codes",
    "unit_key", "search_name",
)


def fold(text: str) -> str:
    """Lower-case ASCII form for search: 'Bắc Giang' and 'bac giang' fold alike."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def unit_key(era: str, code: str) -> str:
    """The one identifier of a unit: codes are reused across eras."""
    return f"{era}-{code}"


@dataclass(frozen=True)
class Dataset:
    units: pd.DataFrame
    facts: pd.DataFrame
    sources: pd.DataFrame
    national: pd.DataFrame
    searched: pd.DataFrame
    formations: pd.DataFrame


def _units_table(records: Records) -> pd.DataFrame:
    rows = []
    for item in records.legacy:
        unit = item.record
        rows.append(
            {"era": "legacy", "unit_code": unit.code, "unit_name": unit.name, "kind": unit.kind,
             "successor_code": unit.successor, "predecessor_codes": ""}
        )
    for item in records.current:
        unit = item.record
        rows.append(
            {"era": "current", "unit_code": unit.code, "unit_name": unit.name, "kind": unit.kind,
             "successor_code": "", "predecessor_codes": ";".join(unit.predecessors)}
        )
    table = pd.DataFrame(rows, columns=UNIT_COLUMNS[:6])
    table["unit_key"] = table["era"] + "-" + table["unit_code"]
    table["search_name"] = table["unit_name"].map(fold)
    return table


def _fact_rows(item, sources: dict, units: pd.DataFrame) -> list[dict]:
    fact = item.record
    primary = sources[fact.sources[0]]
    base = {
        "era": fact.era, "field": fact.field, "value": fact.value, "date": fact.date,
        "date_basis": fact.date_basis,
        "source_url": primary.url,
        "other_source_urls": " ".join(sources[s].url for s in fact.sources[1:]),
        "source_ids": ";".join(fact.sources),
        "source_title": primary.title, "source_publisher": primary.publisher,
        "source_published": primary.published,
        "note": fact.note or "", "conflict": fact.conflict or "",
        "known_by": models.period_end(fact.date),
        "file": item.file, "line": item.line,
    }
    for key in FACT_DETAIL_KEYS:
        value = getattr(fact, key, None)
        base[key] = "" if value is None else value
    if fact.code == "all":
        era_units = units[units["era"] == fact.era]
        return [
            {**base, "unit_code": code, "unit_name": name, "evidence": "national"}
            for code, name in zip(era_units["unit_code"], era_units["unit_name"])
        ]
    return [{**base, "unit_code": fact.code, "unit_name": fact.name, "evidence": "province"}]


def _facts_table(records: Records, units: pd.DataFrame) -> pd.DataFrame:
    sources = {s.record.id: s.record for s in records.sources}
    rows = [row for item in records.facts for row in _fact_rows(item, sources, units)]
    table = pd.DataFrame(rows, columns=[c for c in FACT_COLUMNS if c != "fact_id"])
    table["ascn"] = table["ascn"].map(lambda v: v is True)
    table["year"] = table["year"].map(lambda v: str(v) if v != "" else "")
    table["known_by"] = pd.to_datetime(table["known_by"])
    table = table.sort_values(["era", "unit_code", "field", "known_by"], kind="stable")
    table.insert(0, "fact_id", [f"f{n:05d}" for n in range(1, len(table) + 1)])
    return table.reset_index(drop=True)


def _sources_table(records: Records, facts: pd.DataFrame) -> pd.DataFrame:
    rows = [s.record.model_dump() for s in records.sources]
    table = pd.DataFrame(rows, columns=["id", "title", "publisher", "url", "published", "scope", "note"])
    used = facts["source_ids"].str.split(";").explode().value_counts()
    table["facts"] = table["id"].map(used).fillna(0).astype(int)
    table["note"] = table["note"].fillna("")
    return table.sort_values("published", ascending=False, kind="stable").reset_index(drop=True)


def _national_table(records: Records) -> pd.DataFrame:
    sources = {s.record.id: s.record for s in records.sources}
    rows = []
    for item in records.national:
        record = item.record
        rows.append(
            {"id": record.id, "kind": record.kind, "date": record.date, "value": record.value,
             "of": record.of or "", "indicator": record.indicator or "", "label": record.label,
             "note": record.note or "", "conflict": record.conflict or "",
             "source_ids": ";".join(record.sources),
             "source_url": sources[record.sources[0]].url,
             "source_title": sources[record.sources[0]].title,
             "known_by": models.period_end(record.date)}
        )
    columns = ["id", "kind", "date", "value", "of", "indicator", "label", "note", "conflict",
               "source_ids", "source_url", "source_title", "known_by"]
    table = pd.DataFrame(rows, columns=columns)
    table["known_by"] = pd.to_datetime(table["known_by"])
    return table.sort_values("known_by", kind="stable").reset_index(drop=True)


def build_dataset(records: Records) -> Dataset:
    units = _units_table(records)
    facts = _facts_table(records, units)
    searched = pd.DataFrame(
        [s.record.model_dump() for s in records.searched],
        columns=["era", "code", "name", "field", "note"],
    ).rename(columns={"code": "unit_code", "name": "unit_name"})
    formations = pd.DataFrame(
        [{**f.record.model_dump(), "predecessors": ";".join(f.record.predecessors),
          "sources": ";".join(f.record.sources)} for f in records.formations],
        columns=["code", "name", "predecessors", "date", "sources", "note"],
    )
    return Dataset(
        units=units,
        facts=facts,
        sources=_sources_table(records, facts),
        national=_national_table(records),
        searched=searched,
        formations=formations,
    )


def load_dataset(paths: list[Path] | None = None) -> Dataset:
    """Validate the data files and build the tables; raises DataError if invalid."""
    return build_dataset(load_records(paths))
