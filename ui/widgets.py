"""Small Streamlit helpers shared by pages: labels, map drawing, empty states."""

from __future__ import annotations

import streamlit as st

from analysis.status import INDICATORS, UNKNOWN
from analysis.views import OUTSIDE, map_inputs
from charts import maps
from charts.style import PLOTLY_CONFIG, status_colors
from loaders import geo

from .state import View

WORD_KEYS = ("since", "basis_own", "basis_derived", "basis_frozen", "evidence_national", "conflict")


def words(view: View) -> dict[str, str]:
    return {key: view.t(key) for key in WORD_KEYS}


def indicator_names(view: View, fields=INDICATORS) -> dict[str, str]:
    return {field: view.t(field) for field in fields}


def indicator_picker(view: View, key: str) -> str:
    return st.selectbox(
        view.t("indicator"), INDICATORS, format_func=view.t, key=key
    )


@st.cache_data(show_spinner=False)
def cached_shapes(era: str) -> list[dict]:
    return geo.load_shapes(era)


@st.cache_data(show_spinner=False)
def cached_tiles(era: str):
    return geo.load_tiles(era)


def map_colors(view: View, indicator: str) -> tuple[dict[str, str], dict[str, str]]:
    colors = {**status_colors(indicator), OUTSIDE: "#f5f5f5"}
    labels = {status: view.status_label(status) for status in colors}
    labels[OUTSIDE] = "—"
    return colors, labels


def draw_map(view: View, table, indicator: str, kind: str, key: str):
    """The map (shapes or tiles) of one indicator; returns the selection event."""
    shown = set(view.units["unit_key"])
    status, hover = map_inputs(table, indicator, shown, view.status_label, words(view))
    colors, labels = map_colors(view, indicator)
    if not any(s != OUTSIDE for s in status.values()):
        colors.pop(OUTSIDE)
    figure = None
    if kind == "map":
        try:
            national_only = table[(table["indicator"] == indicator) & (table["evidence"] == "national")]
            hatched = {code: view.t("evidence_national") for code in national_only["unit_code"]}
            figure = maps.shape_map_figure(
                cached_shapes(view.era), status, colors, labels, hover, view.t(indicator), hatched
            )
        except FileNotFoundError:
            st.info(view.t("no_geometry"))
    if figure is None:
        figure = maps.tile_map_figure(cached_tiles(view.era), status, colors, labels, hover, view.t(indicator))
    return st.plotly_chart(
        figure, key=key, on_select="rerun", selection_mode="points", config=PLOTLY_CONFIG, width="stretch"
    )


def selected_code(event) -> str | None:
    """The unit code carried by the first clicked point, if any (dict access works in AppTest too)."""
    if not event:
        return None
    points = event["selection"]["points"] if "selection" in event else []
    for point in points:
        data = point.get("customdata")
        if data:
            return data[0] if isinstance(data, (list, tuple)) else data
    return None


def has_known(table, indicator: str | None = None) -> bool:
    cells = table if indicator is None else table[table["indicator"] == indicator]
    return bool((cells["status"] != UNKNOWN).any())
