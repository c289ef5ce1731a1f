"""A bare reference page: what one map-sized plotly chart and a 63-row table cost.

Why: a rerun's absolute time depends on the machine and its load; the
dashboard's pages are reported as multiples of this page, measured in the
same run, so the figures compare across machines. The content is sized like
the overview's legacy map (63 province outlines of ~80 points each, about the
5,100 points of data/geo/legacy.geojson, plus one marker per unit) and a table
of the 63 legacy provinces. It reads no project code and no data files.
"""

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

UNITS = 63
POINTS = 80


def outline(n: int) -> tuple[list[float], list[float]]:
    """A closed wobbly ring around grid cell n (deterministic, no randomness)."""
    cx, cy = n % 9, n // 9
    angles = [2 * math.pi * i / (POINTS - 1) for i in range(POINTS)]
    radius = [0.4 + 0.05 * math.sin(5 * a + n) for a in angles]
    return ([cx + r * math.cos(a) for r, a in zip(radius, angles)],
            [cy + r * math.sin(a) for r, a in zip(radius, angles)])


def figure() -> go.Figure:
    fig = go.Figure()
    for n in range(UNITS):
        xs, ys = outline(n)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", name=f"unit {n:02d}",
                                 hoveron="fills", text=f"Unit {n:02d}", hoverinfo="text", showlegend=False))
    fig.add_trace(go.Scatter(x=[n % 9 for n in range(UNITS)], y=[n // 9 for n in range(UNITS)],
                             mode="markers", customdata=[[f"{n:02d}"] for n in range(UNITS)], name="units"))
    fig.update_layout(height=700, margin=dict(l=4, r=4, t=4, b=4))
    return fig


def table() -> pd.DataFrame:
    return pd.DataFrame({
        "unit_code": [f"{n:02d}" for n in range(UNITS)],
        "unit_name": [f"Unit {n:02d}" for n in range(UNITS)],
        "status": [("unknown", "planned", "building", "operational")[n % 4] for n in range(UNITS)],
        "since": pd.date_range("2018-01-01", periods=UNITS, freq="MS"),
    })


st.title("Reference")
st.plotly_chart(figure(), key="reference_chart", on_select="rerun", selection_mode="points")
st.dataframe(table(), hide_index=True)
