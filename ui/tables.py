"""Fact tables as the pages show them: translated headers, links only to http(s)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .state import View


def link_config(view: View) -> dict:
    """Column settings: source URLs as links (validated http/https at load time)."""
    return {
        "source_url": st.column_config.LinkColumn(view.t("col_source"), display_text=r"https?://([^/]+)/.*"),
        "url": st.column_config.LinkColumn("URL", display_text=r"https?://([^/]+)/.*"),
        "unit_name": view.t("col_unit"),
        "field": view.t("col_field"),
        "value": view.t("col_value"),
        "date": view.t("col_date"),
        "source_publisher": view.t("col_publisher"),
        "source_published": view.t("col_published"),
        "source_title": view.t("col_title"),
        "note": view.t("col_note"),
        "year": view.t("col_year"),
        "role": view.t("col_role"),
        "cluster": view.t("col_cluster"),
        "pilot": view.t("col_pilot"),
        "place": view.t("col_place"),
        "partner": view.t("col_partner"),
        "years": view.t("col_years"),
        "title": view.t("col_title"),
        "publisher": view.t("col_publisher"),
        "published": view.t("col_published"),
        "facts": view.t("col_facts"),
        "detail": view.t("col_detail"),
        "era": view.t("col_era"),
        "date_basis": view.t("col_basis"),
        "evidence": view.t("col_evidence"),
        "kind": view.t("col_kind_fact"),
        "label": view.t("col_label"),
        "of": view.t("col_of"),
        "indicator": view.t("col_indicator"),
        "conflict": view.t("col_conflict"),
        "scope": view.t("col_scope"),
        "legacy_code": view.t("col_legacy_code"),
        "legacy_name": view.t("col_legacy_name"),
        "current_code": view.t("col_current_code"),
        "current_name": view.t("col_current_name"),
    }


def fact_table(view: View, facts: pd.DataFrame) -> pd.DataFrame:
    """The columns a reader needs to judge a fact, with translated field and value names."""
    shown = facts.assign(
        field=facts["field"].map(view.t),
        value=[
            view.status_label(v + ("-drafting" if s == "drafting" else "")) if f != "cluster" else v
            for v, s, f in zip(facts["value"], facts["stage"], facts["field"])
        ],
        detail=[
            " · ".join(str(x) for x in (p, pl, b, d) if x)
            for p, pl, b, d in zip(facts["pilot"], facts["place"], facts["builder"], facts["decision"])
        ],
    )
    return shown[[
        "unit_name", "field", "value", "date", "detail", "note", "source_title",
        "source_publisher", "source_published", "source_url",
    ]].sort_values("date", kind="stable")
