"""Progress over time: units reaching each milestone, year by year, national and per cluster."""

import streamlit as st

from analysis.clusters import CLUSTERS
from analysis.progress import cluster_groups, milestone_counts, national_events, year_range
from analysis.status import INDICATORS
from charts.figures import progress_lines
from charts.style import PLOTLY_CONFIG
from ui.state import view
from ui.tables import link_config
from ui.widgets import indicator_picker

v = view()
st.title(v.t("page_progress"))
if v.units.empty:
    st.info(v.t("empty_filter"))
    st.stop()

facts = v.dataset.facts
years = year_range(facts, v.as_of.year)
events = national_events(v.dataset.national, years[0], years[-1])
events["label"] = events["label"].str.replace("framework", v.t("framework_short")).str.replace("platform", v.t("platform_short"))
milestones = {indicator: v.t(f"ms_{indicator}") for indicator in INDICATORS}

st.subheader(v.t("milestone_by_year") + (f" · {v.t('cluster_field')} {', '.join(v.clusters)}" if v.clusters else f" · {v.t('national')}"))
counts = milestone_counts(facts, v.dataset.units, v.era, years, {"shown": set(v.units["unit_key"])})
st.plotly_chart(progress_lines(counts, milestones, events, v.t("year"), v.t("units_count")), config=PLOTLY_CONFIG, width="stretch", key="progress_all")
st.caption(f"{len(v.units)} {v.t('units_shown')}")

st.subheader(v.t("per_cluster"))
indicator = indicator_picker(v, "progress_indicator")
groups = cluster_groups(v.units, v.membership, list(v.clusters) or list(CLUSTERS))
groups = {name: keys for name, keys in groups.items() if keys}
if not groups:
    st.info(v.t("empty_filter"))
else:
    per_cluster = milestone_counts(facts, v.dataset.units, v.era, years, groups)
    per_cluster = per_cluster[per_cluster["indicator"] == indicator]
    lines = per_cluster.assign(indicator=per_cluster["group"])
    names = {group: f"{v.t('cluster_field')} {group}" for group in groups}
    st.plotly_chart(progress_lines(lines, names, events, v.t("year"), v.t("units_count")), config=PLOTLY_CONFIG, width="stretch", key="progress_clusters")

st.subheader(v.t("national_events"))
national = v.dataset.national
st.dataframe(
    national[["date", "kind", "label", "value", "of", "indicator", "note", "conflict", "source_url"]],
    hide_index=True, width="stretch", column_config=link_config(v),
)
