"""Where each unit stands on each indicator on a given date.

The rules (also written for users on the data-and-sources page):

- A stage, once reached, stays reached: a unit's status on date D is the most
  advanced stage among its facts known by D. A fact dated "2020" is counted
  from 31 Dec 2020, "2020-07" from 31 Jul 2020: only then do we know it held.
- A fact that reports a less advanced stage than an earlier fact, or that
  carries an explicit `conflict`, marks the cell as conflicting.
- Legacy provinces ceased to exist on 1 July 2025: after that date they show
  their last known state, marked "frozen".
- A current unit's status is its own (facts dated from 1 July 2025) when it
  has one; otherwise it is derived from its predecessors: the most advanced
  stage any predecessor reached, with the breakdown kept alongside.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from loaders.models import STAGES
from loaders.validate import MERGER

INDICATORS = ("lgsp", "ngsp", "ioc", "architecture", "smart_city")
UNKNOWN = "unknown"
ARCHITECTURE_LEVELS = ("1.0-drafting", "1.0", "2.0-drafting", "2.0", "3.0-drafting", "3.0", "4.0-drafting", "4.0")
LEVELS = {**{k: v for k, v in STAGES.items() if k != "cluster"}, "architecture": ARCHITECTURE_LEVELS}
RANK = {field: {level: rank for rank, level in enumerate(levels)} for field, levels in LEVELS.items()}
# The stage that counts as "done" for the headline figures and progress charts.
MILESTONES = {
    "lgsp": "operational",
    "ngsp": "connected",
    "ioc": "operational",
    "architecture": "2.0",
    "smart_city": "piloting",
}
STATUS_COLUMNS = [
    "unit_key", "era", "unit_code", "unit_name", "indicator", "status", "since",
    "evidence", "conflict", "basis", "parts", "fact_ids",
]


def as_timestamp(day) -> pd.Timestamp:
    return pd.Timestamp(day if day is not None else dt.date.today())


def status_level(facts: pd.DataFrame) -> pd.Series:
    """The level key of each fact: its value, or e.g. '2.0-drafting' for a draft architecture."""
    drafting = (facts["field"] == "architecture") & (facts["stage"] == "drafting")
    return facts["value"].where(~drafting, facts["value"] + "-drafting")


def stage_ranks(fields, levels) -> list[int]:
    """The rank of each level among its field's stages; -1 for unknown or anything unrecognised."""
    return [RANK[field].get(level, -1) for field, level in zip(fields, levels)]


def at_milestone(table: pd.DataFrame) -> pd.Series:
    """True where a status-table cell has reached its indicator's milestone (unknown is False)."""
    goal = table["indicator"].map(lambda i: RANK[i][MILESTONES[i]])
    return pd.Series(stage_ranks(table["indicator"], table["status"]), index=table.index) >= goal


def _ranked(facts: pd.DataFrame) -> pd.DataFrame:
    facts = facts[facts["field"].isin(INDICATORS)].copy()
    facts["level"] = status_level(facts)
    facts["rank"] = stage_ranks(facts["field"], facts["level"])
    return facts


def _best_per_cell(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per (unit, indicator): the most advanced level, when first known, conflicts."""
    keys = ["era", "unit_code", "field"]
    facts = facts.sort_values("known_by", kind="stable")
    facts["top"] = facts.groupby(keys)["rank"].transform("max")
    facts["regressed"] = facts.groupby(keys)["rank"].cummax() > facts["rank"]
    facts["flagged"] = (facts["conflict"] != "") | facts["regressed"]
    at_top = facts[facts["rank"] == facts["top"]]
    first = at_top.groupby(keys, sort=False).head(1).set_index(keys)
    grouped = facts.groupby(keys, sort=False)
    province_at_top = (
        at_top.assign(p=at_top["evidence"] == "province").groupby(keys, sort=False)["p"].any()
    )
    cells = pd.DataFrame(
        {
            "status": first["level"],
            "since": first["known_by"],
            "conflict": grouped["flagged"].any(),
            "evidence": province_at_top.map({True: "province", False: "national"}),
            "fact_ids": grouped["fact_id"].agg(";".join),
        }
    )
    return cells.reset_index().rename(columns={"field": "indicator"})


def _grid(units: pd.DataFrame, era: str) -> pd.DataFrame:
    era_units = units[units["era"] == era][["unit_key", "era", "unit_code", "unit_name"]]
    indicators = pd.DataFrame({"indicator": INDICATORS})
    return era_units.merge(indicators, how="cross")


def legacy_status(facts: pd.DataFrame, units: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Status of every legacy province on every indicator, on date `as_of` (default today)."""
    day = as_timestamp(as_of)
    known = _ranked(facts[(facts["era"] == "legacy") & (facts["known_by"] <= day)])
    cells = _best_per_cell(known)
    table = _grid(units, "legacy").merge(cells, how="left", on=["era", "unit_code", "indicator"])
    table = _fill_unknown(table)
    table["basis"] = "frozen" if day >= pd.Timestamp(MERGER) else "own"
    table.loc[table["status"] == UNKNOWN, "basis"] = ""
    table["parts"] = [()] * len(table)
    return table[STATUS_COLUMNS]


def _fill_unknown(table: pd.DataFrame) -> pd.DataFrame:
    table["status"] = table["status"].fillna(UNKNOWN)
    table["evidence"] = table["evidence"].fillna("")
    table["conflict"] = table["conflict"].fillna(False).astype(bool)
    table["fact_ids"] = table["fact_ids"].fillna("")
    return table


def _derived(legacy: pd.DataFrame) -> pd.DataFrame:
    """Each (successor, indicator) cell rolled up from its predecessors' legacy cells."""
    keys = ["successor_code", "indicator"]
    known = legacy["status"] != UNKNOWN
    rank = pd.Series(stage_ranks(legacy["indicator"], legacy["status"]), index=legacy.index)
    legacy = legacy.assign(rank=rank.where(known, -2))  # below any known stage
    groups = legacy.groupby(keys, sort=False)
    at_best = legacy[known & (legacy["rank"] == groups["rank"].transform("max"))]
    best = at_best.groupby(keys, sort=False)
    province = (at_best["evidence"] == "province").groupby([at_best[k] for k in keys], sort=False).any()
    parts = [
        (name, status, "" if status == UNKNOWN else f"{since:%Y-%m-%d}")
        for name, status, since in zip(legacy["unit_name"], legacy["status"], legacy["since"])
    ]
    rolled = pd.DataFrame(
        {
            "conflict": groups["conflict"].any(),
            "fact_ids": groups["fact_ids"].agg(lambda ids: ";".join(f for f in ids if f)),
            "parts": pd.Series(parts, index=legacy.index).groupby([legacy[k] for k in keys], sort=False).agg(tuple),
        }
    )
    rolled = rolled.join(
        pd.DataFrame(
            {
                "status": best["status"].first(),
                "since": best["since"].min(),
                "evidence": province.map({True: "province", False: "national"}),
                "basis": "derived",
            }
        )
    )
    return rolled.reset_index().rename(columns={"successor_code": "unit_code"})


def _flag_own_below_rollup(own: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """An own fact less advanced than what the predecessors had reached is a conflict.

    The own fact still decides the status (the reorganisation rule), but a
    stage once reached stays reached, so the drop is flagged, as it is for a
    later fact that reports less within one province.
    """
    rolled = own[["unit_code", "indicator"]].merge(derived[["unit_code", "indicator", "status"]], how="left", on=["unit_code", "indicator"])
    before = stage_ranks(rolled["indicator"], rolled["status"])  # NaN (no roll-up) ranks -1
    now = stage_ranks(own["indicator"], own["status"])
    dropped = pd.Series([n < b for n, b in zip(now, before)], index=own.index)
    return own.assign(conflict=own["conflict"].astype(bool) | dropped)


def current_status(facts: pd.DataFrame, units: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Status of every current unit: its own facts, else rolled up from its predecessors."""
    day = as_timestamp(as_of)
    legacy = legacy_status(facts, units, day)
    successors = units[units["era"] == "legacy"][["unit_code", "successor_code"]]
    derived = _derived(legacy.merge(successors, on="unit_code"))
    own_facts = _ranked(facts[(facts["era"] == "current") & (facts["known_by"] <= day)])
    own = _best_per_cell(own_facts).assign(basis="own")
    own["parts"] = [()] * len(own)
    grid = _grid(units, "current")
    own_part = _flag_own_below_rollup(grid.merge(own.drop(columns="era"), how="inner", on=["unit_code", "indicator"]), derived)
    rest = grid.merge(own_part[["unit_code", "indicator"]], how="left", on=["unit_code", "indicator"], indicator=True)
    rest = rest[rest["_merge"] == "left_only"].drop(columns="_merge")
    rest = rest.merge(derived, how="left", on=["unit_code", "indicator"])
    table = pd.concat([own_part, rest], ignore_index=True)
    table = _fill_unknown(table)
    table["basis"] = table["basis"].fillna("")
    table["parts"] = [p if isinstance(p, tuple) else () for p in table["parts"]]
    order = {code: n for n, code in enumerate(grid["unit_code"].unique())}
    table = table.sort_values(["unit_code", "indicator"], key=lambda s: s.map(order) if s.name == "unit_code" else s.map(INDICATORS.index))
    return table[STATUS_COLUMNS].reset_index(drop=True)


def status_table(facts: pd.DataFrame, units: pd.DataFrame, era: str, as_of=None) -> pd.DataFrame:
    """The status grid of one era on one date."""
    if era == "legacy":
        return legacy_status(facts, units, as_of)
    return current_status(facts, units, as_of)


def reached(table: pd.DataFrame, indicator: str) -> pd.Series:
    """True where a cell has reached the indicator's milestone (unknown is False)."""
    return at_milestone(table[table["indicator"] == indicator])


def headline(table: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: units at the milestone, units with any known status, all units."""
    rows = []
    for indicator in INDICATORS:
        cells = table[table["indicator"] == indicator]
        rows.append(
            {
                "indicator": indicator,
                "reached": int(reached(table, indicator).sum()),
                "known": int((cells["status"] != UNKNOWN).sum()),
                "units": len(cells),
            }
        )
    return pd.DataFrame(rows)
