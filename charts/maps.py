"""Choropleth-style maps of the provinces on plain cartesian axes (no Streamlit here).

plotly's geo subplots fetch a base map from a CDN and draw nothing offline, so the
shapes are filled scatter traces on hidden x/y axes instead. Each unit also gets a
small marker carrying `customdata=[code]`: fills cannot be selected, markers can,
so a Streamlit `on_select="rerun"` event yields the clicked unit's code.

plotly renders a subset of HTML in text and hover labels, so every caller-supplied
string (names, labels, hover text) goes through `html.escape` here; a newline in
hover text becomes a line break.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb, unlabel_rgb

from .style import escape_text as _esc

UNKNOWN = "unknown"
FALLBACK_COLOR = "#d9d9d9"  # for a status that color_by_status does not list
LAT_SCALE = 1 / math.cos(math.radians(16))  # degrees of lat vs lon at Vietnam's mid-latitude
HEIGHT = 700
TILE_HALF = 0.46  # half the side of a tile; the rest of the cell is the gap
LEGEND_TOP = 0.93  # below plotly's mode bar, which sits in the top right corner
# A selection dims the other points; the island labels should stay readable.
KEEP_VISIBLE = dict(marker=dict(opacity=1), textfont=dict(color="#333333"))

# The source geometry lacks the two archipelagos, so we add them as labelled
# markers coloured like the unit that administers them (same code in both eras).
# tile_dx/tile_dy place them on the tile grid relative to the parent's tile.
ISLANDS = (
    {
        "label": "Quần đảo Hoàng Sa (Đà Nẵng)",
        "parent": "48",
        "lon": 112.0,
        "lat": 16.5,
        "textposition": "top center",
        "tile_dx": 1.7,
        "tile_dy": 0.0,
    },
    {
        "label": "Quần đảo Trường Sa (Khánh Hòa)",
        "parent": "56",
        "lon": 114.0,
        "lat": 10.0,
        "textposition": "bottom center",
        "tile_dx": 1.7,
        "tile_dy": 1.5,
    },
)


def _two_lines(label: str) -> str:
    # "Quần đảo Hoàng Sa (Đà Nẵng)" -> two shorter lines that fit beside the map.
    head, sep, tail = label.partition(" (")
    return _esc(head) + ("<br>(" + _esc(tail) if sep else "")


def _status_order(statuses: set[str], color_by_status: dict[str, str]) -> list[str]:
    """Statuses present, in the order of color_by_status, others (sorted) after."""
    listed = [s for s in color_by_status if s in statuses]
    return listed + sorted(statuses - set(listed))


def _text_color(fill: str) -> str:
    """Dark text on light fills, white on dark ones."""
    try:
        r, g, b = hex_to_rgb(fill) if fill.startswith("#") else unlabel_rgb(fill)[:3]
    except (ValueError, TypeError):
        return "#222222"
    return "#222222" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _with_breaks(rings) -> tuple[list, list]:
    """Concatenate rings into one x/y pair, separated by None (one fill per ring)."""
    xs: list = []
    ys: list = []
    for ring in rings:
        xs += [float(x) for x, _ in ring] + [None]
        ys += [float(y) for _, y in ring] + [None]
    return xs, ys


def _hidden_axes(fig: go.Figure, x_range, y_range, scaleratio: float, reverse_y=False) -> None:
    axis = dict(visible=False, showgrid=False, zeroline=False)
    fig.update_xaxes(axis, range=list(x_range), constrain="domain")
    y_range = list(reversed(y_range)) if reverse_y else list(y_range)
    fig.update_yaxes(
        axis, range=y_range, scaleanchor="x", scaleratio=scaleratio, constrain="domain"
    )


def _layout(fig: go.Figure, legend_title: str, legend_y: float) -> None:
    fig.update_layout(
        height=HEIGHT,
        margin=dict(l=4, r=4, t=4, b=4),
        plot_bgcolor="white",
        paper_bgcolor="white",
        hovermode="closest",
        legend=dict(
            title=dict(text=_esc(legend_title)),
            x=0.99,
            xanchor="right",
            y=legend_y,
            yanchor="top",
            bgcolor="rgba(255,255,255,0.85)",
            itemclick="toggle",
        ),
    )


def _island_hover(island: dict, hover_by_code: dict[str, str]) -> str:
    parent_hover = hover_by_code.get(island["parent"])
    return _esc(island["label"]) + ("<br>" + _esc(parent_hover) if parent_hover else "")


HATCH = dict(shape="/", fgcolor="white", fgopacity=0.7, size=7, solidity=0.3, fillmode="overlay")


def shape_map_figure(
    shapes: list[dict],
    status_by_code: dict[str, str],
    color_by_status: dict[str, str],
    label_by_status: dict[str, str],
    hover_by_code: dict[str, str],
    legend_title: str,
    hatched: dict[str, str] | None = None,
) -> go.Figure:
    """Filled province shapes coloured by status, with clickable markers.

    `hatched` maps the codes to draw hatched (e.g. a status resting only on
    national-level evidence) to the legend label that explains the hatching.

    Each unit is its own fill trace, because a fill shows one hover text per
    trace; units of one status share a legendgroup and only the first shows in
    the legend, so each status appears once, in the order of color_by_status.
    """
    status = {s["code"]: status_by_code.get(s["code"], UNKNOWN) for s in shapes}
    color = {st: color_by_status.get(st, FALLBACK_COLOR) for st in set(status.values())}
    hover = {s["code"]: _esc(hover_by_code.get(s["code"], s["name"])) for s in shapes}
    fig = go.Figure()
    for st in _status_order(set(status.values()), color_by_status):
        members = [s for s in shapes if status[s["code"]] == st]
        for i, unit in enumerate(members):
            xs, ys = _with_breaks(unit["rings"])
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    fill="toself",
                    fillcolor=color[st],
                    line=dict(color="white", width=0.8),
                    name=_esc(label_by_status.get(st, st)),
                    legendgroup=st,
                    showlegend=i == 0,
                    hoveron="fills",
                    text=hover[unit["code"]],
                    hoverinfo="text",
                    fillpattern=HATCH if unit["code"] in (hatched or {}) else None,
                )
            )
    if hatched:
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="lines", fill="toself", fillcolor=FALLBACK_COLOR,
                fillpattern=HATCH, line=dict(color="white"), showlegend=True,
                name=_esc(next(iter(hatched.values()))), hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[s["lon"] for s in shapes],
            y=[s["lat"] for s in shapes],
            mode="markers",
            marker=dict(size=6, color="rgba(40,40,40,0.45)", line=dict(color="white", width=1)),
            customdata=[[s["code"]] for s in shapes],
            hovertext=[hover[s["code"]] for s in shapes],
            hoverinfo="text",
            name="units",
            showlegend=False,
        )
    )
    for island in ISLANDS:
        parent_status = status_by_code.get(island["parent"], UNKNOWN)
        fig.add_trace(
            go.Scatter(
                x=[island["lon"]],
                y=[island["lat"]],
                mode="markers+text",
                marker=dict(
                    size=11,
                    symbol="circle",
                    color=color_by_status.get(parent_status, FALLBACK_COLOR),
                    line=dict(color="#555555", width=1),
                ),
                text=[_two_lines(island["label"])],
                textposition=island["textposition"],
                textfont=dict(size=11, color="#333333"),
                customdata=[[island["parent"]]],
                hovertext=[_island_hover(island, hover_by_code)],
                hoverinfo="text",
                name=_esc(island["label"]),
                showlegend=False,
                unselected=KEEP_VISIBLE,
            )
        )
    lons = [x for s in shapes for r in s["rings"] for x in r[:, 0]]
    lats = [y for s in shapes for r in s["rings"] for y in r[:, 1]]
    x_max = max([*lons, *(i["lon"] for i in ISLANDS)]) + 1.6  # room for centred labels
    _hidden_axes(fig, (min(lons) - 0.2, x_max), (min(lats) - 0.6, max(lats) + 0.2), LAT_SCALE)
    _layout(fig, legend_title, legend_y=LEGEND_TOP)
    return fig


def _square(row: float, col: float, half: float) -> tuple[list, list]:
    return (
        [col - half, col + half, col + half, col - half, col - half, None],
        [row - half, row - half, row + half, row + half, row - half, None],
    )


def _island_cells(tiles: pd.DataFrame) -> list[tuple[dict, float, float]]:
    """(island, row, col) beside each parent's tile; skipped if the parent has no tile."""
    where = {code: (row, col) for code, row, col in zip(tiles["code"], tiles["row"], tiles["col"])}
    cells = []
    for island in ISLANDS:
        if island["parent"] in where:
            row, col = where[island["parent"]]
            cells.append((island, row + island["tile_dy"], col + island["tile_dx"]))
    return cells


def tile_map_figure(
    tiles: pd.DataFrame,
    status_by_code: dict[str, str],
    color_by_status: dict[str, str],
    label_by_status: dict[str, str],
    hover_by_code: dict[str, str],
    legend_title: str,
) -> go.Figure:
    """Equal square tiles (tiles.csv) coloured by status, short labels, north up.

    One fill trace per status draws the squares and the legend entry (fills
    scale with the axes, unlike pixel-sized markers); one marker trace on top
    carries labels, hover and customdata for selection.
    """
    codes = list(tiles["code"])
    status = {c: status_by_code.get(c, UNKNOWN) for c in codes}
    color = {st: color_by_status.get(st, FALLBACK_COLOR) for st in set(status.values())}
    fig = go.Figure()
    for st in _status_order(set(status.values()), color_by_status):
        xs: list = []
        ys: list = []
        for row, col, code in zip(tiles["row"], tiles["col"], codes):
            if status[code] == st:
                sx, sy = _square(row, col, TILE_HALF)
                xs += sx
                ys += sy
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=color[st],
                line=dict(color=color[st], width=0),
                name=_esc(label_by_status.get(st, st)),
                legendgroup=st,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=list(tiles["col"]),
            y=list(tiles["row"]),
            mode="markers+text",
            # Transparent squares about a tile wide: hover and click work anywhere on the tile.
            marker=dict(size=30, symbol="square", color="rgba(0,0,0,0)"),
            text=[_esc(s) for s in tiles["short"]],
            textfont=dict(size=11, color=[_text_color(color[status[c]]) for c in codes]),
            customdata=[[c] for c in codes],
            hovertext=[_esc(hover_by_code.get(c, s)) for c, s in zip(codes, tiles["short"])],
            hoverinfo="text",
            name="units",
            showlegend=False,
        )
    )
    x_max = tiles["col"].max()
    for island, row, col in _island_cells(tiles):
        parent_status = status_by_code.get(island["parent"], UNKNOWN)
        parent_color = color_by_status.get(parent_status, FALLBACK_COLOR)
        sx, sy = _square(row, col, TILE_HALF / 2)
        fig.add_trace(
            go.Scatter(
                x=sx,
                y=sy,
                mode="lines",
                fill="toself",
                fillcolor=parent_color,
                line=dict(color="#555555", width=1),
                hoverinfo="skip",
                showlegend=False,
                name=_esc(island["label"]),
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[col + TILE_HALF / 2],  # on the square's right edge, so the label clears it
                y=[row],
                mode="markers+text",
                marker=dict(size=16, symbol="square", color="rgba(0,0,0,0)"),
                text=[_two_lines(island["label"])],
                textposition="middle right",
                textfont=dict(size=10, color="#333333"),
                customdata=[[island["parent"]]],
                hovertext=[_island_hover(island, hover_by_code)],
                hoverinfo="text",
                name=_esc(island["label"]),
                showlegend=False,
                unselected=KEEP_VISIBLE,
            )
        )
        x_max = max(x_max, col + 3.6)  # room for the two-line label on the right
    rows = (tiles["row"].min() - 0.6, tiles["row"].max() + 0.6)
    _hidden_axes(fig, (tiles["col"].min() - 0.6, x_max), rows, 1.0, reverse_y=True)
    _layout(fig, legend_title, legend_y=0.75)
    return fig
