"""Synthetic data at n times the real number of facts, valid against the schema.

Why synthetic: the scale benchmark asks how load and rerun time grow with the
data, before the real data grows. The generator starts from the validated real
records, so the mix of fields, stages, details and national (`code: all`)
evidence stays realistic.

How it scales:

- Units: unit codes are two-digit strings (`^\\d{2}$`), so an era holds at most
  100 units. For n > 1 every free legacy code becomes a new legacy province
  (63 -> 100), each with its own new current unit (34 -> 71, the new units
  take free current codes). That is all the schema allows, so beyond it the
  data grows by facts per unit instead: 10x and 100x have the same 171 units
  and differ only in how many facts each unit has.
- Facts: copy k (1 <= k < n) of every real fact goes to another unit of the
  same era (the unit k places further along the era's unit list), with the
  name of that unit; `code: all` facts stay national and are copied as they
  are. Dates are kept, so the years spanned (and the progress page's x axis)
  stay those of the real data and only the volume grows.
- Sources: every source cited by a fact is copied with the fact, under a new
  id and a URL made unique with a `#copy-k` fragment, so every source is still
  used and no id or URL is duplicated.
- National reference facts, formations and `searched:` notes are kept once.

Each copy goes to its own file under facts/, which keeps every file far below
the loader's 5 MB limit.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from loaders.validate import DATA_DIR, Records, default_files, load_records

CODES = [f"{n:02d}" for n in range(100)]


def _scalar(value) -> str:
    """JSON text is valid YAML: strings double-quoted, lists in flow style."""
    return json.dumps(value, ensure_ascii=False)


def _entry(record: dict, indent: str) -> str:
    lines = [f"{key}: {_scalar(value)}" for key, value in record.items()]
    return f"{indent}- " + f"\n{indent}  ".join(lines)


def _dump(path: Path, document: dict) -> None:
    """Block-style YAML like the real files (PyYAML's dumper took 10 s at 100x)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    parts = []
    for section, value in document.items():
        if isinstance(value, dict):  # units: {legacy: [...], current: [...]}
            parts.append(f"{section}:")
            for era, items in value.items():
                parts.append(f"  {era}:\n" + "\n".join(_entry(item, "    ") for item in items))
        elif value:
            parts.append(f"{section}:\n" + "\n".join(_entry(item, "  ") for item in value))
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def _plain(item) -> dict:
    """A validated record as the YAML mapping a person would have written."""
    return item.record.model_dump(mode="json", exclude_none=True)


def _units(records: Records, grow: bool) -> tuple[list[dict], list[dict]]:
    """Legacy and current units; with `grow`, every free code gets a new unit pair."""
    legacy = [_plain(u) for u in records.legacy]
    current = [_plain(u) for u in records.current]
    if not grow:
        return legacy, current
    free_legacy = [c for c in CODES if c not in {u["code"] for u in legacy}]
    free_current = [c for c in CODES if c not in {u["code"] for u in current}]
    for old, new in zip(free_legacy, free_current):
        legacy.append({"code": old, "name": f"Tỉnh thử {old}", "kind": "province", "successor": new})
        current.append({"code": new, "name": f"Tỉnh thử mới {new}", "kind": "province", "predecessors": [old]})
    return legacy, current


def _copy_facts(facts: list[dict], sources: dict[str, dict], units: dict[str, list[dict]], k: int) -> dict:
    """Copy k of every fact and of the sources they cite, moved k units along its era."""
    position = {era: {u["code"]: i for i, u in enumerate(items)} for era, items in units.items()}
    copies = []
    for fact in facts:
        fact = {**fact, "sources": [f"{s}-copy-{k}" for s in fact["sources"]]}
        if fact["code"] != "all":
            era_units = units[fact["era"]]
            unit = era_units[(position[fact["era"]][fact["code"]] + k) % len(era_units)]
            fact["code"], fact["name"] = unit["code"], unit["name"]
        copies.append(fact)
    cited = dict.fromkeys(s for fact in facts for s in fact["sources"])
    copied = [{**sources[s], "id": f"{s}-copy-{k}", "url": f"{sources[s]['url']}#copy-{k}"} for s in cited]
    return {"sources": copied, "facts": copies}


def _originals(records: Records) -> dict:
    """Everything of the real data except the units, in one file."""
    return {
        section: [_plain(item) for item in getattr(records, section)]
        for section in ("sources", "facts", "formations", "national", "searched")
    }


def generate(factor: int, out_dir: Path | None = None, source_dir: Path = DATA_DIR) -> Path:
    """Write a data folder with `factor` times the real facts; returns its path.

    factor 1 rewrites the real data unchanged (the baseline the ratios use).
    """
    out_dir = Path(out_dir or tempfile.mkdtemp(prefix=f"egov-bench-{factor}x-"))
    records = load_records(default_files(source_dir))
    legacy, current = _units(records, grow=factor > 1)
    _dump(out_dir / "provinces.yaml", {"units": {"legacy": legacy, "current": current}})
    _dump(out_dir / "facts" / "real.yaml", _originals(records))
    units = {"legacy": legacy, "current": current}
    facts = [_plain(item) for item in records.facts]
    sources = {item.record.id: _plain(item) for item in records.sources}
    for k in range(1, factor):
        _dump(out_dir / "facts" / f"copy_{k:03d}.yaml", _copy_facts(facts, sources, units, k))
    return out_dir
