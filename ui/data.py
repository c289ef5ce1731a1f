"""Cached access to the dataset and to the tables derived from it.

Every function is keyed by a fingerprint of the data files (names, sizes,
modification times), so editing a file reloads it while a rerun never
parses YAML again.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import clusters, coverage, progress, status, views
from analysis.text import sort_vietnamese
from loaders.tables import Dataset, load_dataset
from loaders.validate import default_files
from loaders.yaml_source import DataError


FINGERPRINT_SECONDS = 1.0  # how stale the check for edited data files may be
_fingerprints: dict[str, tuple[float, tuple]] = {}


def fingerprint() -> tuple:
    """Names, sizes and modification times of the data files, looked at most once a second.

    Every cached accessor is keyed by it; without the memo a rerun would list
    and stat the data folder a dozen times.
    """
    folder = os.environ.get("EGOV_DATA_DIR", "")
    now = time.monotonic()
    checked = _fingerprints.get(folder)
    if checked and now - checked[0] < FINGERPRINT_SECONDS:
        return checked[1]
    files = default_files()
    current = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.exists())
    _fingerprints[folder] = (now, current)
    return current


# cache_resource: one shared Dataset, not a copy per call; nothing in ui/ or
# pages/ modifies it (the tables derived from it are new frames).
@st.cache_resource(show_spinner=False, max_entries=4)
def _load(files: tuple) -> tuple[Dataset | None, list[str]]:
    try:
        return load_dataset([Path(f[0]) for f in files]), []
    except DataError as error:
        return None, [str(p) for p in error.problems]


def load() -> tuple[Dataset | None, list[str]]:
    return _load(fingerprint())


def dataset() -> Dataset:
    data, problems = load()
    if data is None:
        raise RuntimeError("dataset requested while the data is invalid")
    return data


@st.cache_data(show_spinner=False, max_entries=64)
def _status(files: tuple, era: str, as_of: dt.date) -> pd.DataFrame:
    data = dataset()
    return status.status_table(data.facts, data.units, era, as_of)


def status_table(era: str, as_of: dt.date) -> pd.DataFrame:
    return _status(fingerprint(), era, as_of)


@st.cache_data(show_spinner=False, max_entries=4)
def _membership(files: tuple) -> dict:
    data = dataset()
    return clusters.clusters_of_units(data.facts, data.units)


def membership() -> dict[str, frozenset[str]]:
    return _membership(fingerprint())


@st.cache_data(show_spinner=False, max_entries=4)
def _coverage(files: tuple, era: str) -> pd.DataFrame:
    data = dataset()
    return coverage.coverage_matrix(data.facts, data.units, era)


def coverage_matrix(era: str) -> pd.DataFrame:
    return _coverage(fingerprint(), era)


@st.cache_data(show_spinner=False, max_entries=64)
def _milestones(files: tuple, era: str, years: tuple, groups: tuple) -> pd.DataFrame:
    tables = {year: _status(files, era, progress.year_end(year).date()) for year in years}
    return progress.counts_from_tables(tables, {name: set(keys) for name, keys in groups})


def milestone_counts(era: str, years: list[int], groups: dict[str, set[str]]) -> pd.DataFrame:
    """analysis.progress.milestone_counts on the dataset, cached per era, years and groups."""
    key = tuple((name, tuple(sorted(keys))) for name, keys in groups.items())
    return _milestones(fingerprint(), era, tuple(years), key)


@st.cache_data(show_spinner=False, max_entries=64)
def _shown_units(files: tuple, era: str, selected: tuple) -> pd.DataFrame:
    units = dataset().units
    chosen = clusters.units_in_clusters(units[units["era"] == era], membership(), list(selected))
    return sort_vietnamese(chosen, "unit_name")


def shown_units(era: str, selected: tuple) -> pd.DataFrame:
    """The units of the era in the selected clusters (all when none), in Vietnamese order."""
    return _shown_units(fingerprint(), era, tuple(selected))


@st.cache_data(show_spinner=False, max_entries=64)
def _headline(files: tuple, era: str, as_of: dt.date, selected: tuple) -> pd.DataFrame:
    table = _status(files, era, as_of)
    keys = set(shown_units(era, selected)["unit_key"])
    return status.headline(table[table["unit_key"].isin(keys)])


def headline(era: str, as_of: dt.date, selected: tuple) -> pd.DataFrame:
    """analysis.status.headline for the units shown."""
    return _headline(fingerprint(), era, as_of, tuple(selected))


@st.cache_data(show_spinner=False, max_entries=64)
def _facts_export(files: tuple, era: str, selected: tuple) -> pd.DataFrame:
    return views.facts_export(dataset().facts, shown_units(era, selected))


def facts_export(era: str, selected: tuple) -> pd.DataFrame:
    """analysis.views.facts_export for the units shown."""
    return _facts_export(fingerprint(), era, tuple(selected))


@st.cache_data(show_spinner=False, max_entries=4)
def _cluster_history(files: tuple) -> pd.DataFrame:
    return clusters.memberships(dataset().facts)


def cluster_history() -> pd.DataFrame:
    """analysis.clusters.memberships: every sourced membership, cached."""
    return _cluster_history(fingerprint())
