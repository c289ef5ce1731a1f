"""Compare: 2 to 8 units (or whole clusters) side by side, and their timelines."""

import streamlit as st

from analysis.clusters import CLUSTERS
from analysis.views import expand_selection
from charts.style import PLOTLY_CONFIG
from ui import figures
from ui.state import view

MAX_UNITS = 8

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

st.subheader(f"{v.t('matrix')} · {v.as_of:%Y-%m-%d}")
st.plotly_chart(figures.status_matrix(v, keys), config=PLOTLY_CONFIG, width="stretch", key="compare_matrix")

st.subheader(v.t("timeline"))
history_chart = figures.timeline(v, keys)
if history_chart is None:
    st.info(v.t("empty_facts"))
else:
    st.plotly_chart(history_chart, config=PLOTLY_CONFIG, width="stretch", key="compare_timeline")
