"""Cached access to the dataset and to the tables derived from it.

Every function is keyed by a fingerprint of the data files (names, sizes,
modification times), so editing a file reloads it while a rerun never
parses YAML again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import clusters, coverage, status
from loaders.tables import Dataset, load_dataset
from loaders.validate import default_files
from loaders.yaml_source import DataError


def fingerprint() -> tuple:
    files = default_files()
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.exists())


@st.cache_data(show_spinner=False, max_entries=4)
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
