"""Progress over time: how many units had reached each milestone, year by year."""

from __future__ import annotations

import pandas as pd

from .status import INDICATORS, UNKNOWN, at_milestone, status_table


COUNT_COLUMNS = ["year", "group", "indicator", "reached", "known", "units"]


def milestone_counts(
    facts: pd.DataFrame,
    units: pd.DataFrame,
    era: str,
    years: list[int],
    groups: dict[str, set[str]] | None = None,
) -> pd.DataFrame:
    """Rows of (year, group, indicator, reached, known, units) at the end of each year.

    `groups` maps a group name (e.g. a cluster) to the unit keys in it; the
    default is a single group "all" with every unit of the era.
    """
    era_units = units[units["era"] == era]
    tables = {year: status_table(facts, units, era, year_end(year)) for year in years}
    return counts_from_tables(tables, groups or {"all": set(era_units["unit_key"])})


def year_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(year=year, month=12, day=31)


def counts_from_tables(tables: dict[int, pd.DataFrame], groups: dict[str, set[str]]) -> pd.DataFrame:
    """milestone_counts from status tables already computed, one per year (the dashboard caches them)."""
    frames = []
    for year, table in tables.items():
        cells = table.assign(done=at_milestone(table), is_known=table["status"] != UNKNOWN)
        for name, keys in groups.items():
            part = cells[cells["unit_key"].isin(keys)].groupby("indicator")
            counted = pd.DataFrame(
                {"reached": part["done"].sum(), "known": part["is_known"].sum(), "units": part.size()}
            ).reindex(list(INDICATORS), fill_value=0)
            frames.append(counted.rename_axis("indicator").reset_index().assign(year=year, group=name))
    if not frames:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    counts = pd.concat(frames, ignore_index=True)[COUNT_COLUMNS]
    return counts.astype({"reached": int, "known": int, "units": int})


def year_range(facts: pd.DataFrame, last_year: int) -> list[int]:
    """From the first year with a fact to `last_year`."""
    if facts.empty:
        return [last_year]
    first = int(facts["known_by"].min().year)
    return list(range(first, last_year + 1))


def national_events(national: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """Framework versions and platform launches as (year_fraction, label) within the years shown."""
    events = national[national["kind"].isin(["framework", "platform"])]
    stamp = events["known_by"]
    fraction = stamp.dt.year + (stamp.dt.day_of_year - 1) / 366
    # Short labels ("framework 2.0"): the full titles are in the table below the chart.
    short = events["kind"] + " " + events["value"]
    frame = pd.DataFrame({"year_fraction": fraction, "label": short, "date": events["date"]})
    return frame[(frame["year_fraction"] >= first_year - 0.5) & (frame["year_fraction"] <= last_year + 1)]


def cluster_groups(units: pd.DataFrame, membership: dict, clusters: list[str]) -> dict[str, set[str]]:
    """Cluster name -> unit keys, for the clusters given."""
    return {
        cluster: {key for key in units["unit_key"] if cluster in membership.get(key, ())}
        for cluster in clusters
    }
