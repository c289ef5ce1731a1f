"""Small Streamlit helpers shared by pages: the indicator picker and the map."""

from __future__ import annotations

import streamlit as st

from analysis.status import INDICATORS
from charts.style import PLOTLY_CONFIG

from . import figures
from .state import View

def indicator_picker(view: View, key: str) -> str:
    return st.selectbox(
        view.t("indicator"), INDICATORS, format_func=view.t, key=key
    )


def draw_map(view: View, indicator: str, kind: str, key: str):
    """The map (shapes or tiles) of one indicator; returns the selection event."""
    figure, geometry_missing = figures.status_map(view, indicator, kind)
    if geometry_missing:
        st.info(view.t("no_geometry"))
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
