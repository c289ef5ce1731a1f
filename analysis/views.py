"""Shape the status and fact tables into what each chart or table needs.

Pure functions: tables in, tables or dicts out, labels passed in by the
caller so that the language stays the page's business.
"""

from __future__ import annotations

import json
from typing import Callable

import pandas as pd

from .clusters import CLUSTERS, UNKNOWN_CLUSTER
from .status import INDICATORS, LEVELS, UNKNOWN

OUTSIDE = "outside"  # a unit drawn on the map but outside the cluster filter


def describe_cell(row, label: Callable[[str], str], words: dict[str, str]) -> str:
    """One line per status cell: 'Bắc Giang — Operational since 2021-05-20 (national evidence)'."""
    text = f"{row.unit_name}: {label(row.status)}"
    if row.status != UNKNOWN and pd.notna(row.since):
        text += f" ({words['since']} {row.since:%Y-%m-%d})"
    notes = []
    if row.basis:
        notes.append(words[f"basis_{row.basis}"])
    if row.evidence == "national":
        notes.append(words["evidence_national"])
    if row.conflict:
        notes.append(words["conflict"])
    if notes:
        text += " · " + "; ".join(notes)
    if row.parts:
        text += "\n" + breakdown_text(row.parts, row.status, label, words)
    return text


def breakdown_text(parts: tuple, status: str, label: Callable[[str], str], words: dict[str, str]) -> str:
    """'2/3 → Operational: Phú Thọ (2020-12-31), Hòa Bình (2021-09-30); Vĩnh Phúc: Unknown'."""
    reached = sum(1 for _, s, _ in parts if s == status and s != UNKNOWN)
    items = [f"{name}: {label(s)}" + (f" ({words['since']} {since})" if since else "") for name, s, since in parts]
    head = f"{reached}/{len(parts)} → {label(status)}" if status != UNKNOWN else f"0/{len(parts)}"
    return head + " — " + "; ".join(items)


def map_inputs(
    table: pd.DataFrame, indicator: str, shown_keys: set[str], label: Callable[[str], str],
    words: dict[str, str],
) -> tuple[dict[str, str], dict[str, str]]:
    """status_by_code and hover_by_code for one indicator; units outside the filter greyed."""
    cells = table[table["indicator"] == indicator]
    status, hover = {}, {}
    for row in cells.itertuples():
        hover[row.unit_code] = describe_cell(row, label, words)
        status[row.unit_code] = row.status if row.unit_key in shown_keys else OUTSIDE
    return status, hover


def status_by_cluster(
    table: pd.DataFrame, membership: dict[str, frozenset[str]], indicator: str,
    shown_keys: set[str], selected: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Counts of units per (cluster, status) for an indicator: columns group, status, units.

    A unit in several clusters (a merged unit) counts in each; units with no
    sourced cluster form the group '?'.
    """
    cells = table[(table["indicator"] == indicator) & table["unit_key"].isin(shown_keys)]
    rows = []
    for row in cells.itertuples():
        for cluster in sorted(membership.get(row.unit_key) or {UNKNOWN_CLUSTER}):
            if selected and cluster not in selected:
                continue
            rows.append({"group": cluster, "status": row.status})
    frame = pd.DataFrame(rows, columns=["group", "status"])
    counts = frame.value_counts().rename("units").reset_index()
    order = {c: n for n, c in enumerate([*CLUSTERS, UNKNOWN_CLUSTER])}
    return counts.sort_values("group", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def matrix_cells(
    table: pd.DataFrame, unit_keys: list[str], label: Callable[[str], str],
    indicator_names: dict[str, str], words: dict[str, str],
) -> pd.DataFrame:
    """Cells (row=unit, column=indicator, status, hover) for the compare matrix, units in order."""
    cells = table[table["unit_key"].isin(unit_keys)].copy()
    cells["order"] = cells["unit_key"].map({k: n for n, k in enumerate(unit_keys)})
    cells = cells.sort_values(["order", "indicator"], key=lambda s: s.map(INDICATORS.index) if s.name == "indicator" else s)
    return pd.DataFrame(
        {
            "row": cells["unit_name"].to_list(),
            "column": [indicator_names[i] for i in cells["indicator"]],
            "status": cells["status"].to_list(),
            "hover": [describe_cell(r, label, words) for r in cells.itertuples()],
        }
    )


def matrix_colors(indicator_colors: dict[str, dict[str, str]]) -> dict[str, str]:
    """One colour per status key across indicators, for a mixed matrix legend."""
    merged: dict[str, str] = {}
    for indicator in INDICATORS:
        for status, color in indicator_colors[indicator].items():
            merged.setdefault(status, color)
    return merged


def timeline_events(
    facts: pd.DataFrame, unit_keys: list[str], units: pd.DataFrame,
    label: Callable[[str], str], colors: dict[str, dict[str, str]], field_names: dict[str, str],
) -> pd.DataFrame:
    """The dated facts of some units, ready for charts.figures.timeline.

    A current unit's timeline includes its predecessors' facts, labelled with
    the predecessor's name.
    """
    rows = []
    by_key = units.set_index("unit_key")
    for key in unit_keys:
        unit = by_key.loc[key]
        wanted = [(unit["era"], unit["unit_code"], unit["unit_name"])]
        if unit["era"] == "current":
            for code in filter(None, unit["predecessor_codes"].split(";")):
                name = by_key.loc[f"legacy-{code}", "unit_name"]
                wanted.append(("legacy", code, name))
        for era, code, name in wanted:
            part = facts[(facts["era"] == era) & (facts["unit_code"] == code) & facts["field"].isin(colors)]
            for fact in part.itertuples():
                level = fact.value + ("-drafting" if fact.stage == "drafting" else "")
                place = f" ({fact.place})" if fact.place else ""
                pilot = f" {fact.pilot}" if fact.pilot else ""
                rows.append(
                    {
                        "row": unit["unit_name"],
                        "date_shown": fact.known_by,
                        "field": fact.field,
                        "color": colors[fact.field].get(level, "#999999"),
                        "hover": f"{name} · {field_names[fact.field]}: {label(level)}{pilot}{place}"
                        f" · {fact.date} · {fact.source_publisher}",
                    }
                )
    return pd.DataFrame(rows, columns=["row", "date_shown", "field", "color", "hover"])


def unit_facts(facts: pd.DataFrame, era: str, code: str) -> pd.DataFrame:
    return facts[(facts["era"] == era) & (facts["unit_code"] == code)]


def expand_selection(units: pd.DataFrame, membership: dict, names: list[str], clusters: list[str]) -> list[str]:
    """Unit keys for the picked unit names plus every unit of the picked clusters."""
    # Plain lists: on a few dozen units this runs on every rerun of the compare page, and
    # pandas' per-call overhead would be most of its cost.
    named, wanted = set(names), set(clusters)
    pairs = list(zip(units["unit_key"].tolist(), units["unit_name"].tolist()))
    keys = [key for key, name in pairs if name in named]
    if wanted:
        picked = set(keys)
        keys += [key for key, _ in pairs if wanted & membership.get(key, frozenset()) and key not in picked]
    return keys


def levels_of(indicator: str) -> tuple[str, ...]:
    return (UNKNOWN, *LEVELS[indicator])


def predecessor_keys(units: pd.DataFrame) -> set[str]:
    """Keys of the legacy provinces that formed these units (none for legacy units)."""
    return {f"legacy-{code}" for codes in units["predecessor_codes"] for code in codes.split(";") if code}


def facts_export(facts: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The facts of these units, and of their predecessors, without internal columns."""
    keys = set(units["unit_key"]) | predecessor_keys(units)
    chosen = facts[(facts["era"] + "-" + facts["unit_code"]).isin(keys)]
    return chosen.drop(columns=["known_by", "file", "line"])


def export_csv(export: pd.DataFrame) -> str:
    return export.to_csv(index=False)


def export_json(export: pd.DataFrame) -> str:
    """A list of records with dates as text; Vietnamese kept readable (no \\u escapes)."""
    return json.dumps(export.to_dict(orient="records"), ensure_ascii=False, indent=1, default=str)
