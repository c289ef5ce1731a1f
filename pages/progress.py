"""Progress over time: units reaching each milestone, year by year, national and per cluster."""

import streamlit as st

from charts.style import PLOTLY_CONFIG
from ui import figures
from ui.state import view
from ui.tables import link_config
from ui.widgets import indicator_picker

v = view()
st.title(v.t("page_progress"))
if v.units.empty:
    st.info(v.t("empty_filter"))
    st.stop()

st.subheader(v.t("milestone_by_year") + (f" · {v.t('cluster_field')} {', '.join(v.clusters)}" if v.clusters else f" · {v.t('national')}"))
st.plotly_chart(figures.progress(v), config=PLOTLY_CONFIG, width="stretch", key="progress_all")
st.caption(f"{len(v.units)} {v.t('units_shown')}. {v.t('progress_note')}")

st.subheader(v.t("per_cluster"))
indicator = indicator_picker(v, "progress_indicator")
per_cluster = figures.cluster_progress(v, indicator)
if per_cluster is None:
    st.info(v.t("empty_filter"))
else:
    st.plotly_chart(per_cluster, config=PLOTLY_CONFIG, width="stretch", key="progress_clusters")

st.subheader(v.t("national_events"))
national = v.dataset.national
st.dataframe(
    national[["date", "kind", "label", "value", "of", "indicator", "note", "conflict", "source_url"]],
    hide_index=True, width="stretch", column_config=link_config(v),
)
