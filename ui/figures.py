"""The pages' figures, built once per view and shared between reruns and sessions.

Building a plotly figure (validating every trace) costs more than the rest of
a rerun, and the same view (era, date, clusters, language, indicator) gives
the same figure. So each builder here is keyed by those few values plus the
data fingerprint, and the figure is kept with st.cache_resource: one shared
object, never mutated (st.plotly_chart copies it with to_dict).
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import streamlit as st

from analysis import i18n
from analysis.clusters import CLUSTERS
from analysis.coverage import GROUPS
from analysis.progress import cluster_groups, national_events, year_range
from analysis.status import INDICATORS
from analysis.views import OUTSIDE, map_inputs, matrix_cells, matrix_colors, status_by_cluster, timeline_events
from charts import figures, maps
from charts.style import COVERAGE_COLORS, status_colors
from loaders import geo

from . import data
from .state import View

CACHE = {"show_spinner": False, "max_entries": 128}
WORD_KEYS = ("since", "basis_own", "basis_derived", "basis_frozen", "evidence_national", "conflict")
TIMELINE_SYMBOLS = {"lgsp": "circle", "ngsp": "diamond", "ioc": "square", "architecture": "triangle-up", "smart_city": "star"}


def view_key(v: View) -> tuple:
    """What a figure of this view depends on, as cheap hashable values."""
    return data.fingerprint(), v.era, v.as_of, v.clusters, v.lang


def _t(lang: str):
    return lambda key, **values: i18n.t(key, lang, **values)


def _label(lang: str):
    return lambda status: i18n.status_label(status, lang)


def words(lang: str) -> dict[str, str]:
    """The words analysis.views uses to describe a cell (since, derived, conflict, …)."""
    return {key: i18n.t(key, lang) for key in WORD_KEYS}


def field_names(lang: str) -> dict[str, str]:
    return {field: i18n.t(field, lang) for field in INDICATORS}


def _shown_keys(era: str, clusters: tuple) -> set[str]:
    return set(data.shown_units(era, clusters)["unit_key"])


@st.cache_resource(**CACHE)
def shapes(era: str) -> list[dict]:
    return geo.load_shapes(era)


@st.cache_resource(**CACHE)
def tiles(era: str):
    return geo.load_tiles(era)


# --- overview ------------------------------------------------------------------------------


@st.cache_resource(**CACHE)
def _map(key: tuple, indicator: str, kind: str) -> tuple[go.Figure, bool]:
    _, era, as_of, clusters, lang = key
    t = _t(lang)
    table = data.status_table(era, as_of)
    status, hover = map_inputs(table, indicator, _shown_keys(era, clusters), _label(lang), words(lang))
    colors = {**status_colors(indicator), OUTSIDE: "#f5f5f5"}
    labels = {state: i18n.status_label(state, lang) for state in colors} | {OUTSIDE: "—"}
    if not any(state != OUTSIDE for state in status.values()):
        colors.pop(OUTSIDE)
    if kind == "map":
        try:
            national_only = table[(table["indicator"] == indicator) & (table["evidence"] == "national")]
            hatched = {code: t("evidence_national") for code in national_only["unit_code"]}
            return maps.shape_map_figure(shapes(era), status, colors, labels, hover, t(indicator), hatched), False
        except FileNotFoundError:
            pass  # fall back to the tile grid, and say so
    return maps.tile_map_figure(tiles(era), status, colors, labels, hover, t(indicator)), kind == "map"


def status_map(v: View, indicator: str, kind: str) -> tuple[go.Figure, bool]:
    """(figure, whether the geometry was missing and the tiles stand in for it)."""
    return _map(view_key(v), indicator, kind)


@st.cache_resource(**CACHE)
def _cluster_bars(key: tuple, indicator: str) -> go.Figure:
    _, era, as_of, clusters, lang = key
    t = _t(lang)
    table = data.status_table(era, as_of)
    counts = status_by_cluster(table, data.membership(), indicator, _shown_keys(era, clusters), clusters)
    colors = status_colors(indicator)
    labels = {state: i18n.status_label(state, lang) for state in colors}
    return figures.stacked_status_bars(counts, colors, labels, t("cluster_field"), t("units_count"))


def cluster_bars(v: View, indicator: str) -> go.Figure:
    return _cluster_bars(view_key(v), indicator)


# --- profile and compare --------------------------------------------------------------------


@st.cache_resource(**CACHE)
def _timeline(files: tuple, unit_keys: tuple, lang: str) -> go.Figure | None:
    names = field_names(lang)
    colors = {field: status_colors(field) for field in INDICATORS}
    dataset = data.dataset()
    events = timeline_events(dataset.facts, list(unit_keys), dataset.units, _label(lang), colors, names)
    if events.empty:
        return None
    return figures.timeline(events, i18n.t("unit", lang), TIMELINE_SYMBOLS, names)


def timeline(v: View, unit_keys: list[str]) -> go.Figure | None:
    """The dated facts of these units (current units with their predecessors'); None if none."""
    return _timeline(data.fingerprint(), tuple(unit_keys), v.lang)


@st.cache_resource(**CACHE)
def _matrix(files: tuple, era: str, as_of: dt.date, unit_keys: tuple, lang: str) -> go.Figure:
    colors = {field: status_colors(field) for field in INDICATORS}
    table = data.status_table(era, as_of)
    cells = matrix_cells(table, list(unit_keys), _label(lang), field_names(lang), words(lang))
    merged = matrix_colors(colors)
    return figures.cell_matrix(cells, merged, {state: i18n.status_label(state, lang) for state in merged})


def status_matrix(v: View, unit_keys: list[str]) -> go.Figure:
    return _matrix(data.fingerprint(), v.era, v.as_of, tuple(unit_keys), v.lang)


# --- progress --------------------------------------------------------------------------------


def _events(lang: str, years: list[int]):
    events = national_events(data.dataset().national, years[0], years[-1])
    short = events["label"].str.replace("framework", i18n.t("framework_short", lang))
    return events.assign(label=short.str.replace("platform", i18n.t("platform_short", lang)))


@st.cache_resource(**CACHE)
def _progress(key: tuple) -> go.Figure:
    _, era, as_of, clusters, lang = key
    t = _t(lang)
    years = year_range(data.dataset().facts, as_of.year)
    counts = data.milestone_counts(era, years, {"shown": _shown_keys(era, clusters)})
    milestones = {indicator: t(f"ms_{indicator}") for indicator in INDICATORS}
    return figures.progress_lines(counts, milestones, _events(lang, years), t("year"), t("units_count"))


def progress(v: View) -> go.Figure:
    """Units at each milestone at the end of each year, for the units shown."""
    return _progress(view_key(v))


@st.cache_resource(**CACHE)
def _cluster_progress(key: tuple, indicator: str) -> go.Figure | None:
    _, era, as_of, clusters, lang = key
    t = _t(lang)
    groups = cluster_groups(data.shown_units(era, clusters), data.membership(), list(clusters) or list(CLUSTERS))
    groups = {name: keys for name, keys in groups.items() if keys}
    if not groups:
        return None
    years = year_range(data.dataset().facts, as_of.year)
    counts = data.milestone_counts(era, years, groups)
    counts = counts[counts["indicator"] == indicator]
    lines = counts.assign(indicator=counts["group"])
    names = {group: f"{t('cluster_field')} {group}" for group in groups}
    return figures.progress_lines(lines, names, _events(lang, years), t("year"), t("units_count"))


def cluster_progress(v: View, indicator: str) -> go.Figure | None:
    """One line per cluster for one indicator; None when no cluster has a unit shown."""
    return _cluster_progress(view_key(v), indicator)


# --- data and sources ------------------------------------------------------------------------


@st.cache_resource(**CACHE)
def _coverage(files: tuple, lang: str, unit_keys: frozenset) -> tuple[go.Figure | None, dict[str, int]]:
    t = _t(lang)
    matrix = data.coverage_matrix("legacy")
    matrix = matrix[matrix["unit_key"].isin(unit_keys)]
    long = matrix.melt(
        id_vars=["unit_key", "unit_code", "unit_name"], value_vars=list(GROUPS), var_name="group", value_name="status"
    )
    if long.empty:
        return None, {}
    names = {"lgsp_ngsp": "LGSP/NGSP", "ioc": "IOC", "architecture": t("architecture"), "smart_city": t("smart_city")}
    cells = long.assign(
        row=long["unit_name"],
        column=long["group"].map(names),
        hover=long["unit_name"] + ": " + long["status"].map(lambda state: t(f"cov_{state}")),
    )
    labels = {state: t(f"cov_{state}") for state in COVERAGE_COLORS}
    counts = long["status"].value_counts()
    figure = figures.cell_matrix(cells, COVERAGE_COLORS, labels, height=26 * matrix.shape[0] + 140)
    return figure, {state: int(counts.get(state, 0)) for state in COVERAGE_COLORS}


def coverage(v: View, legacy_keys: set[str]) -> tuple[go.Figure | None, dict[str, int]]:
    """The legacy coverage matrix of these provinces, and the count of cells per state."""
    return _coverage(data.fingerprint(), v.lang, frozenset(legacy_keys))
