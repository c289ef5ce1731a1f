"""Data and sources: coverage, the source list, the crosswalk, the method, downloads."""

import json

import streamlit as st

from analysis.coverage import GROUPS
from analysis.methodology import METHODOLOGY
from charts.figures import cell_matrix
from charts.style import COVERAGE_COLORS, PLOTLY_CONFIG
from ui import data
from ui.state import view
from ui.tables import link_config

v = view()
facts = v.dataset.facts
st.title(v.t("page_data"))

# Facts of the units shown, and for current units those of their predecessors too.
shown_keys = set(v.units["unit_key"])
predecessor_keys = {f"legacy-{c}" for codes in v.units["predecessor_codes"] for c in codes.split(";") if c}
filtered = facts[(facts["era"] + "-" + facts["unit_code"]).isin(shown_keys | predecessor_keys)]
export = filtered.drop(columns=["known_by", "file", "line"])
st.subheader(v.t("facts_table"))
st.caption(v.t("fact_count", n=len(filtered), s=filtered["source_url"].nunique()))
left, right, _ = st.columns([1, 1, 3])
left.download_button(v.t("download_csv"), export.to_csv(index=False), "egov-facts.csv", "text/csv", key="dl_csv")
right.download_button(
    v.t("download_json"),
    json.dumps(export.to_dict(orient="records"), ensure_ascii=False, indent=1, default=str),
    "egov-facts.json", "application/json", key="dl_json",
)
st.dataframe(
    export[["era", "unit_name", "field", "value", "date", "date_basis", "evidence", "note", "source_publisher", "source_url"]],
    hide_index=True, column_config=link_config(v), width="stretch", height=320,
)

st.subheader(v.t("coverage"))
matrix = data.coverage_matrix("legacy")
if v.era == "legacy":
    matrix = matrix[matrix["unit_key"].isin(shown_keys)]
else:
    matrix = matrix[matrix["unit_key"].isin(predecessor_keys)]
long = matrix.melt(id_vars=["unit_key", "unit_code", "unit_name"], value_vars=list(GROUPS), var_name="group", value_name="status")
group_names = {"lgsp_ngsp": "LGSP/NGSP", "ioc": "IOC", "architecture": v.t("architecture"), "smart_city": v.t("smart_city")}
cells = long.assign(row=long["unit_name"], column=long["group"].map(group_names), hover=long["unit_name"] + ": " + long["status"].map(lambda s: v.t(f"cov_{s}")))
labels = {state: v.t(f"cov_{state}") for state in COVERAGE_COLORS}
if cells.empty:
    st.info(v.t("empty_filter"))
else:
    counts = long["status"].value_counts()
    st.caption(" · ".join(f"{labels[s]}: {counts.get(s, 0)}" for s in COVERAGE_COLORS))
    st.plotly_chart(cell_matrix(cells, COVERAGE_COLORS, labels, height=26 * matrix.shape[0] + 140), config=PLOTLY_CONFIG, width="stretch", key="coverage_matrix")

st.subheader(v.t("crosswalk"))
units = v.dataset.units
legacy = units[units["era"] == "legacy"][["unit_code", "unit_name", "successor_code"]]
current = units[units["era"] == "current"][["unit_code", "unit_name"]].rename(columns={"unit_code": "successor_code", "unit_name": "successor_name"})
crosswalk = legacy.merge(current, on="successor_code").rename(columns={"unit_code": "legacy_code", "unit_name": "legacy_name", "successor_code": "current_code", "successor_name": "current_name"})
st.download_button(v.t("download_crosswalk"), crosswalk.to_csv(index=False), "crosswalk-63-34.csv", "text/csv", key="dl_crosswalk")
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
