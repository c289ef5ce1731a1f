"""Emulation-cluster membership of units, in both eras.

A legacy province belongs to every cluster a sourced fact places it in (in
any year). A current unit belongs to the clusters of all its predecessors,
plus any cluster a post-2025 fact names for it: so filtering by a legacy
cluster still finds the merged units that contain one of its members.
"""

from __future__ import annotations

import pandas as pd

UNKNOWN_CLUSTER = "?"
CLUSTERS = tuple(str(n) for n in range(1, 9))


def memberships(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per sourced membership: era, unit, cluster, year, role, source."""
    rows = facts[facts["field"] == "cluster"]
    return rows[["era", "unit_code", "unit_name", "value", "year", "role", "source_url", "date"]].rename(
        columns={"value": "cluster"}
    ).sort_values(["era", "unit_code", "year"], kind="stable").reset_index(drop=True)


def clusters_of_units(facts: pd.DataFrame, units: pd.DataFrame) -> dict[str, frozenset[str]]:
    """unit_key -> the set of clusters it belongs to (empty if unknown)."""
    member = memberships(facts)
    own: dict[str, set[str]] = {}
    for era, code, cluster in zip(member["era"], member["unit_code"], member["cluster"]):
        own.setdefault(f"{era}-{code}", set()).add(cluster)
    result = {}
    for row in units.itertuples():
        clusters = set(own.get(row.unit_key, ()))
        if row.era == "current":
            for code in filter(None, row.predecessor_codes.split(";")):
                clusters |= own.get(f"legacy-{code}", set())
        result[row.unit_key] = frozenset(clusters)
    return result


def units_in_clusters(
    units: pd.DataFrame, membership: dict[str, frozenset[str]], selected: list[str]
) -> pd.DataFrame:
    """The units in any of the selected clusters; all units when nothing is selected.

    `?` selects the units with no sourced cluster.
    """
    if not selected:
        return units
    wanted = set(selected)

    def keep(key: str) -> bool:
        clusters = membership.get(key, frozenset())
        return bool(clusters & wanted) or (UNKNOWN_CLUSTER in wanted and not clusters)

    return units[units["unit_key"].map(keep)]
