"""Colours for statuses: one scale per indicator, unknown always neutral grey."""

from __future__ import annotations

from html import escape

from analysis.status import LEVELS, UNKNOWN

UNKNOWN_COLOR = "#d9d9d9"
# Light to dark: later stages are darker, so a map reads as progress at a glance.
_RAMPS = {
    2: ["#9ecae1", "#08519c"],
    3: ["#fdd49e", "#6baed6", "#08519c"],
    4: ["#fdd49e", "#fc8d59", "#6baed6", "#08519c"],
    8: ["#fde0c5", "#fdd49e", "#fdbb84", "#fc8d59", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
}


def status_colors(indicator: str) -> dict[str, str]:
    """Ordered mapping status -> colour for an indicator, unknown first."""
    levels = LEVELS[indicator]
    ramp = _RAMPS[len(levels)]
    return {UNKNOWN: UNKNOWN_COLOR, **dict(zip(levels, ramp))}


COVERAGE_COLORS = {
    "sourced": "#08519c",
    "national": "#9ecae1",
    "conflicting": "#d62728",
    "unknown": UNKNOWN_COLOR,
}
PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def escape_text(text: object) -> str:
    """Data text made safe for plotly's HTML-ish labels; newlines become line breaks."""
    # quote=False: plotly.js does not decode &quot; or &#x27; and would show them as typed.
    return escape(str(text), quote=False).replace("\n", "<br>")
