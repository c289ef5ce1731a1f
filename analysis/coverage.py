"""How much of the legacy province x indicator grid our sources cover.

A cell is one legacy province and one of four indicator groups. Its state:
- "conflicting": sources disagree (an explicit conflict, or a later fact
  reporting a less advanced stage);
- "sourced": at least one province-specific fact;
- "national": only national-level evidence (a source covering all provinces);
- "unknown": no fact at all.
"""

from __future__ import annotations

import pandas as pd

from .status import RANK, stage_ranks

GROUPS = {
    "lgsp_ngsp": ("lgsp", "ngsp"),
    "ioc": ("ioc", "ioc_local"),
    "architecture": ("architecture",),
    "smart_city": ("smart_city",),
}
CELL_STATES = ("sourced", "national", "conflicting", "unknown")


def _conflicting(facts: pd.DataFrame) -> set[tuple[str, str]]:
    """(unit_code, field) pairs with an explicit conflict or a stage that goes backwards."""
    flagged = set(zip(facts.loc[facts["conflict"] != "", "unit_code"], facts.loc[facts["conflict"] != "", "field"]))
    ranked = facts[facts["field"].isin(RANK)].sort_values("known_by", kind="stable")
    ranked = ranked.assign(rank=stage_ranks(ranked["field"], ranked["value"]))
    drop = ranked.groupby(["unit_code", "field"])["rank"].cummax() > ranked["rank"]
    flagged |= set(zip(ranked.loc[drop, "unit_code"], ranked.loc[drop, "field"]))
    return flagged


def coverage_matrix(facts: pd.DataFrame, units: pd.DataFrame, era: str = "legacy") -> pd.DataFrame:
    """One row per unit of the era, one column per indicator group, holding a cell state."""
    era_facts = facts[facts["era"] == era]
    conflicts = _conflicting(era_facts)
    rows = []
    for unit in units[units["era"] == era].itertuples():
        row = {"unit_key": unit.unit_key, "unit_code": unit.unit_code, "unit_name": unit.unit_name}
        mine = era_facts[era_facts["unit_code"] == unit.unit_code]
        for group, fields in GROUPS.items():
            cell = mine[mine["field"].isin(fields)]
            if any((unit.unit_code, f) in conflicts for f in fields):
                row[group] = "conflicting"
            elif (cell["evidence"] == "province").any():
                row[group] = "sourced"
            elif len(cell):
                row[group] = "national"
            else:
                row[group] = "unknown"
        rows.append(row)
    return pd.DataFrame(rows, columns=["unit_key", "unit_code", "unit_name", *GROUPS])


def coverage_summary(dataset) -> dict:
    """The figures the dataset issue sets targets for."""
    matrix = coverage_matrix(dataset.facts, dataset.units, "legacy")
    cells = matrix[list(GROUPS)]
    total = cells.size
    any_fact = int((cells != "unknown").sum().sum())
    province = int(cells.isin(["sourced", "conflicting"]).sum().sum())
    legacy_clusters = dataset.facts[(dataset.facts["era"] == "legacy") & (dataset.facts["field"] == "cluster")]
    per_group = {
        group: {state: int((matrix[group] == state).sum()) for state in CELL_STATES} for group in GROUPS
    }
    return {
        "legacy_units": len(matrix),
        "cells": total,
        "cells_with_fact": any_fact,
        "cells_with_fact_pct": round(100 * any_fact / total, 1) if total else 0.0,
        "cells_province_specific": province,
        "cells_province_specific_pct": round(100 * province / total, 1) if total else 0.0,
        "units_with_cluster": int(legacy_clusters["unit_code"].nunique()),
        "facts": len(dataset.facts),
        "sources": len(dataset.sources),
        "by_indicator": per_group,
    }


def format_summary(summary: dict) -> str:
    lines = [
        f"legacy provinces x indicators: {summary['cells']} cells "
        f"({summary['legacy_units']} provinces x {len(GROUPS)} indicator groups)",
        f"cells with at least one sourced fact: {summary['cells_with_fact']} "
        f"({summary['cells_with_fact_pct']}%; target 80%)",
        f"cells with a province-specific fact: {summary['cells_province_specific']} "
        f"({summary['cells_province_specific_pct']}%; target 50%)",
        f"provinces with a sourced cluster: {summary['units_with_cluster']} of "
        f"{summary['legacy_units']} (target 46)",
        f"facts: {summary['facts']}, sources: {summary['sources']}",
        "by indicator group (sourced / national only / conflicting / unknown):",
    ]
    for group, counts in summary["by_indicator"].items():
        lines.append(
            f"  {group:13} {counts['sourced']:3} / {counts['national']:3} / "
            f"{counts['conflicting']:3} / {counts['unknown']:3}"
        )
    return "\n".join(lines)
