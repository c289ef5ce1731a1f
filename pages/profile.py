"""Province profile: everything known about one unit, each fact with its source."""

import streamlit as st

from analysis.status import INDICATORS, UNKNOWN
from analysis.text import markdown_literal as md
from analysis.views import breakdown_text, unit_facts
from charts.style import PLOTLY_CONFIG
from ui import data, figures
from ui.state import view
from ui.tables import fact_table, link_config


v = view()
units = v.units if len(v.units) else v.dataset.units[v.dataset.units["era"] == v.era]
names = list(units["unit_name"])
if st.session_state.get("unit") not in names:
    era_units = v.dataset.units[v.dataset.units["era"] == v.era]
    if st.session_state.get("unit") in set(era_units["unit_name"]):
        units, names = era_units, list(era_units["unit_name"])
name = st.selectbox(v.t("unit"), names, key="unit", bind="query-params")
unit = units[units["unit_name"] == name].iloc[0]
all_units = v.dataset.units
facts = v.dataset.facts

st.title(md(unit.unit_name))
st.caption(f"{v.t('era_' + v.era)} · {v.t('col_code')} {md(unit.unit_code)} · {v.t(unit.kind)}")

if unit.era == "legacy":
    successor = all_units[(all_units["era"] == "current") & (all_units["unit_code"] == unit.successor_code)].iloc[0]
    st.info(f"{v.t('successor')}: **{md(successor.unit_name)}** ({md(successor.unit_code)})")
else:
    codes = unit.predecessor_codes.split(";")
    parts = all_units[(all_units["era"] == "legacy") & all_units["unit_code"].isin(codes)]
    st.info(f"{v.t('predecessors')}: " + ", ".join(f"{md(p.unit_name)} ({md(p.unit_code)})" for p in parts.itertuples()))
clusters = sorted(v.membership.get(unit.unit_key, ()), key=int)
if unit.era == "current" and len(clusters) > 1:
    st.warning(v.t("multi_cluster", clusters=", ".join(clusters)))

table = data.status_table(v.era, v.as_of)
cells = table[table["unit_key"] == unit.unit_key].set_index("indicator")
st.subheader(f"{v.t('status_now')} · {v.as_of:%Y-%m-%d}")
columns = st.columns(len(INDICATORS))
searched = v.dataset.searched
for column, indicator in zip(columns, INDICATORS):
    cell = cells.loc[indicator]
    card = column.container(border=True)
    card.caption(v.t(indicator))
    card.markdown(f"**{v.status_label(cell.status)}**")  # our own vocabulary, never data text
    if cell.status != UNKNOWN:
        card.caption(f"{v.t('since')} {cell.since:%Y-%m-%d}")
    notes = [v.t(f"basis_{cell.basis}")] if cell.basis else []
    if cell.evidence == "national":
        notes.append(v.t("evidence_national"))
    if cell.conflict:
        notes.append("⚠️ " + v.t("conflict"))
    if notes:
        column.caption("; ".join(notes))
    if cell.parts:
        with column.expander(v.t("derived_note")):
            st.text(breakdown_text(cell.parts, cell.status, v.status_label, figures.words(v.lang)))
    if cell.status == UNKNOWN:
        tried = searched[(searched["era"] == unit.era) & (searched["unit_code"] == unit.unit_code) & (searched["field"] == indicator)]
        for note in tried["note"]:
            column.caption(f"{v.t('searched_note')}: {md(note)}")

st.subheader(v.t("timeline"))
history_chart = figures.timeline(v, [unit.unit_key])
if history_chart is None:
    st.info(v.t("none_known"))
else:
    st.plotly_chart(history_chart, config=PLOTLY_CONFIG, width="stretch", key="profile_timeline")

own = unit_facts(facts, unit.era, unit.unit_code)
pilots = own[own["field"] == "smart_city"]
st.subheader(v.t("pilots"))
if pilots.empty:
    st.caption(v.t("none_known"))
else:
    st.dataframe(
        pilots[["pilot", "place", "partner", "years", "value", "date", "source_url"]].assign(
            value=lambda f: f["value"].map(v.status_label)
        ),
        hide_index=True, column_config=link_config(v), width="stretch",
    )

st.subheader(v.t("cluster_history"))
history = data.cluster_history()
if unit.era == "current":
    keys = set(unit.predecessor_codes.split(";"))
    history = history[((history["era"] == "legacy") & history["unit_code"].isin(keys)) | ((history["era"] == "current") & (history["unit_code"] == unit.unit_code))]
else:
    history = history[(history["era"] == "legacy") & (history["unit_code"] == unit.unit_code)]
if history.empty:
    st.caption(v.t("none_known"))
else:
    st.dataframe(
        history[["unit_name", "year", "cluster", "role", "source_url"]].assign(role=lambda f: f["role"].map(v.t)),
        hide_index=True, column_config=link_config(v), width="stretch",
    )

st.subheader(v.t("facts_sources"))
non_cluster = own[own["field"] != "cluster"]
if non_cluster.empty:
    st.caption(v.t("none_known"))
else:
    st.dataframe(fact_table(v, non_cluster), hide_index=True, column_config=link_config(v), width="stretch")

if unit.era == "current":
    codes = unit.predecessor_codes.split(";")
    before = facts[(facts["era"] == "legacy") & facts["unit_code"].isin(codes) & (facts["field"] != "cluster")]
    st.subheader(v.t("predecessor_facts"))
    if before.empty:
        st.caption(v.t("none_known"))
    else:
        st.dataframe(fact_table(v, before), hide_index=True, column_config=link_config(v), width="stretch")
