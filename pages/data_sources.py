"""Data and sources: coverage, the source list, the crosswalk, the method, downloads."""

import streamlit as st

from analysis.methodology import METHODOLOGY
from analysis.views import export_csv, export_json, predecessor_keys
from charts.style import PLOTLY_CONFIG
from ui import data, figures
from ui.state import view
from ui.tables import link_config

v = view()
st.title(v.t("page_data"))

# Facts of the units shown, and for current units those of their predecessors too.
shown_keys = set(v.units["unit_key"])
export = data.facts_export(v.era, v.clusters)
st.subheader(v.t("facts_table"))
if v.units.empty:
    st.info(v.t("empty_filter"))
else:
    st.caption(v.t("fact_count", n=len(export), s=export["source_url"].nunique()))
    left, right, _ = st.columns([1, 1, 3])
    # Callables: the files are written only when a user clicks, not on every rerun.
    left.download_button(v.t("download_csv"), lambda: export_csv(export), "egov-facts.csv", "text/csv", key="dl_csv")
    right.download_button(v.t("download_json"), lambda: export_json(export), "egov-facts.json", "application/json", key="dl_json")
    st.dataframe(
        export[["era", "unit_name", "field", "value", "date", "date_basis", "evidence", "note", "source_publisher", "source_url"]],
        hide_index=True, column_config=link_config(v), width="stretch", height=320,
    )

st.subheader(v.t("coverage"))
chart, counts = figures.coverage(v, shown_keys if v.era == "legacy" else predecessor_keys(v.units))
if chart is None:
    st.caption(v.t("empty_filter"))
else:
    st.caption(" · ".join(f"{v.t('cov_' + state)}: {n}" for state, n in counts.items()))
    st.plotly_chart(chart, config=PLOTLY_CONFIG, width="stretch", key="coverage_matrix")

st.subheader(v.t("crosswalk"))
units = v.dataset.units
legacy = units[units["era"] == "legacy"][["unit_code", "unit_name", "successor_code"]]
current = units[units["era"] == "current"][["unit_code", "unit_name"]].rename(columns={"unit_code": "successor_code", "unit_name": "successor_name"})
crosswalk = legacy.merge(current, on="successor_code").rename(columns={"unit_code": "legacy_code", "unit_name": "legacy_name", "successor_code": "current_code", "successor_name": "current_name"})
st.download_button(v.t("download_crosswalk"), lambda: crosswalk.to_csv(index=False), "crosswalk-63-34.csv", "text/csv", key="dl_crosswalk")
st.dataframe(crosswalk, hide_index=True, width="stretch", height=300, column_config=link_config(v))
formations = v.dataset.formations
if len(formations):
    with st.expander(f"{v.t('sources')} · {v.t('crosswalk')}"):
        st.dataframe(formations, hide_index=True, width="stretch")

st.subheader(v.t("sources"))
st.dataframe(
    v.dataset.sources[["published", "title", "publisher", "scope", "facts", "url"]],
    hide_index=True, column_config=link_config(v), width="stretch", height=360,
)

st.subheader(v.t("methodology"))
st.markdown(METHODOLOGY[v.lang])
