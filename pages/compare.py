"""Compare: 2 to 8 units (or whole clusters) side by side, and their timelines."""

import streamlit as st

from analysis.clusters import CLUSTERS
from analysis.status import INDICATORS
from analysis.views import expand_selection, matrix_cells, matrix_colors, timeline_events
from charts.figures import cell_matrix, timeline
from charts.style import PLOTLY_CONFIG, status_colors
from ui import data
from ui.state import view
from ui.widgets import indicator_names, words

MAX_UNITS = 8
SYMBOLS = {"lgsp": "circle", "ngsp": "diamond", "ioc": "square", "architecture": "triangle-up", "smart_city": "star"}

v = view()
st.title(v.t("page_compare"))
if v.units.empty:
    st.info(v.t("empty_filter"))
    st.stop()

names = list(v.units["unit_name"])
left, right = st.columns([3, 1])
picked = left.multiselect(v.t("pick_units"), names, default=names[:2] if len(names) >= 2 else names, key="compare_units", max_selections=MAX_UNITS)
picked_clusters = right.multiselect(v.t("pick_clusters"), CLUSTERS, key="compare_clusters")
keys = expand_selection(v.units, v.membership, picked, picked_clusters)
if len(keys) > MAX_UNITS:
    st.caption(v.t("too_many"))
    keys = keys[:MAX_UNITS]
if len(keys) < 2:
    st.info(v.t("too_few"))
    st.stop()

table = data.status_table(v.era, v.as_of)
field_names = indicator_names(v)
colors = {field: status_colors(field) for field in INDICATORS}
cells = matrix_cells(table, keys, v.status_label, field_names, words(v))
merged_colors = matrix_colors(colors)
labels = {status: v.status_label(status) for status in merged_colors}
st.subheader(f"{v.t('matrix')} · {v.as_of:%Y-%m-%d}")
st.plotly_chart(cell_matrix(cells, merged_colors, labels), config=PLOTLY_CONFIG, width="stretch", key="compare_matrix")

st.subheader(v.t("timeline"))
events = timeline_events(v.dataset.facts, keys, v.dataset.units, v.status_label, colors, field_names)
if events.empty:
    st.info(v.t("empty_facts"))
else:
    st.plotly_chart(timeline(events, v.t("unit"), SYMBOLS, field_names), config=PLOTLY_CONFIG, width="stretch", key="compare_timeline")
