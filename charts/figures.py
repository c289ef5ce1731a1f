"""Plotly figures for the pages: pure functions from tables to figures.

Plotly renders a subset of HTML in hover and text labels, so every string
that comes from the data passes through `html.escape` here, never raw.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .style import escape_text as escape

FONT = dict(family="Inter, Segoe UI, Roboto, Arial, sans-serif", size=13)


def _layout(fig: go.Figure, height: int, **extra) -> go.Figure:
    fig.update_layout(
        height=height, margin=dict(l=10, r=10, t=30, b=10), font=FONT,
        plot_bgcolor="white", paper_bgcolor="white", legend=dict(orientation="h", y=-0.12), **extra,
    )
    return fig


def stacked_status_bars(
    counts: pd.DataFrame, colors: dict[str, str], labels: dict[str, str], x_title: str, y_title: str
) -> go.Figure:
    """Bars of `counts` (columns group, status, units): one bar per group, stacked by status."""
    fig = go.Figure()
    groups = list(dict.fromkeys(counts["group"]))
    for status, color in colors.items():
        units = counts[counts["status"] == status].set_index("group")["units"].reindex(groups, fill_value=0)
        if units.sum() == 0:
            continue
        fig.add_bar(
            x=[escape(str(g)) for g in groups], y=list(units), name=escape(labels[status]),
            marker_color=color, hovertemplate="%{x}: %{y}<extra>" + escape(labels[status]) + "</extra>",
        )
    fig.update_layout(barmode="stack", xaxis_title=escape(x_title), yaxis_title=escape(y_title))
    fig.update_xaxes(type="category")
    # Legend above the bars: below them it would sit on the axis title in a narrow column.
    return _layout(fig, 420).update_layout(
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), margin=dict(t=60)
    )


def cell_matrix(
    cells: pd.DataFrame, colors: dict[str, str], labels: dict[str, str], height: int | None = None
) -> go.Figure:
    """A grid of coloured squares: `cells` has columns row, column, status, hover.

    Rows are drawn top to bottom in the order they first appear; one trace per
    status gives each its legend entry. Each point's customdata is its row.
    """
    rows = list(dict.fromkeys(cells["row"]))
    columns = list(dict.fromkeys(cells["column"]))
    fig = go.Figure()
    for status, color in colors.items():
        part = cells[cells["status"] == status]
        if part.empty:
            continue
        fig.add_scatter(
            x=[escape(c) for c in part["column"]], y=[escape(r) for r in part["row"]],
            mode="markers+text", name=escape(labels.get(status, status)),
            marker=dict(symbol="square", size=30, color=color, line=dict(color="white", width=1)),
            hovertext=[escape(h) for h in part["hover"]], hoverinfo="text",
            customdata=list(part["row"]),
        )
    fig.update_xaxes(categoryorder="array", categoryarray=[escape(c) for c in columns], side="top", showgrid=False)
    fig.update_yaxes(categoryorder="array", categoryarray=[escape(r) for r in reversed(rows)], showgrid=False)
    return _layout(fig, height or max(220, 34 * len(rows) + 120))


def timeline(
    events: pd.DataFrame, row_label: str, symbols: dict[str, str], names: dict[str, str]
) -> go.Figure:
    """Events (columns date_shown, row, field, hover, color) as markers on one time axis."""
    fig = go.Figure()
    for field, symbol in symbols.items():
        part = events[events["field"] == field]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["date_shown"], y=[escape(r) for r in part["row"]], mode="markers",
            name=escape(names[field]),
            marker=dict(symbol=symbol, size=13, color=list(part["color"]), line=dict(color="#333", width=1)),
            hovertext=[escape(h) for h in part["hover"]], hoverinfo="text",
        )
    fig.update_yaxes(title=escape(row_label), type="category")
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eee")
    rows = events["row"].nunique() if not events.empty else 1
    return _layout(fig, max(260, 40 * rows + 140))


LINE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
LINE_MARKERS = ("circle", "diamond", "square", "triangle-up", "star", "x", "cross", "hexagon")


def progress_lines(
    counts: pd.DataFrame, names: dict[str, str], events: pd.DataFrame, x_title: str, y_title: str
) -> go.Figure:
    """Lines of units reaching each milestone per year, national events as dotted verticals.

    `counts`: year, indicator, reached; `events`: year_fraction, label.
    """
    fig = go.Figure()
    for n, (indicator, name) in enumerate(names.items()):
        part = counts[counts["indicator"] == indicator]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["year"].tolist(), y=part["reached"].tolist(), mode="lines+markers", name=escape(name),
            hovertemplate="%{x}: %{y}<extra>" + escape(name) + "</extra>",
            # Lines often coincide (LGSP and its NGSP link): dashes and markers keep each visible.
            line=dict(dash=LINE_DASHES[n % len(LINE_DASHES)]), marker=dict(symbol=LINE_MARKERS[n % len(LINE_MARKERS)]),
        )
    for row in events.itertuples():
        fig.add_vline(x=row.year_fraction, line=dict(color="#888", dash="dot", width=1))
        fig.add_annotation(
            x=row.year_fraction, y=1, yref="paper", text=escape(row.label), showarrow=False,
            textangle=-90, xanchor="right", yanchor="top", font=dict(size=10, color="#555"),
        )
    fig.update_xaxes(title=escape(x_title), dtick=1)
    fig.update_yaxes(title=escape(y_title), rangemode="tozero")
    return _layout(fig, 420)
