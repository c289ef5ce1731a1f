"""Overview: headline figures, the map, and status by cluster."""

import streamlit as st

from analysis.status import INDICATORS
from charts.style import PLOTLY_CONFIG
from ui import data, figures
from ui.state import view
from ui.widgets import draw_map, indicator_picker, selected_code

v = view()
st.title(v.t("app_title"))
st.caption(f"{v.t('era_' + v.era)} · {v.t('as_of')} {v.as_of:%Y-%m-%d}")

if v.units.empty:
    st.info(v.t("empty_filter"))
    st.stop()

numbers = data.headline(v.era, v.as_of, v.clusters)
columns = st.columns(len(INDICATORS))
for column, row in zip(columns, numbers.itertuples()):
    column.metric(v.t(f"ms_{row.indicator}"), row.reached, border=True)
    column.caption(v.t("of_known", known=row.known, units=row.units))

if not numbers["known"].any():
    st.info(v.t("empty_facts"))

left, right = st.columns([3, 2])
with left:
    pick, kind_col = st.columns(2)
    with pick:
        indicator = indicator_picker(v, "overview_indicator")
    with kind_col:
        kind = st.segmented_control(
            v.t("map_view"), ["map", "tiles"], default="map", format_func=v.t, key="map_kind", required=True
        )
    event = draw_map(v, indicator, kind or "map", key="overview_map")
    st.caption(v.t("click_hint"))
    code = selected_code(event)
    if code:
        name = v.dataset.units.loc[
            (v.dataset.units["era"] == v.era) & (v.dataset.units["unit_code"] == code), "unit_name"
        ]
        if len(name):
            st.session_state["unit"] = name.iloc[0]
            st.switch_page("pages/profile.py", query_params={})  # {}: bound widgets keep theirs
with right:
    st.subheader(v.t("by_cluster"))
    st.plotly_chart(figures.cluster_bars(v, indicator), config=PLOTLY_CONFIG, width="stretch", key="cluster_bars")
