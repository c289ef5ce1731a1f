"""The controls shared by every page, and the view they describe.

The sidebar widgets live in the entry point, so they are drawn on every page
and keep their values across page switches; each is bound to a URL query
parameter (`?era=legacy&cluster=4&asof=2022-12-31&lang=English`), so a copied
link opens the same view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import i18n
from analysis.clusters import CLUSTERS, UNKNOWN_CLUSTER
from analysis.text import markdown_literal, search_units
from loaders.tables import Dataset

from . import data

ERAS = ("current", "legacy")
VIEW_KEY = "_view"


@dataclass(frozen=True)
class View:
    lang: str
    era: str
    clusters: tuple[str, ...]
    as_of: dt.date
    dataset: Dataset
    units: pd.DataFrame  # units of the era in the selected clusters, Vietnamese order
    membership: dict

    def t(self, key: str, **values) -> str:
        return i18n.t(key, self.lang, **values)

    def status_label(self, status: str) -> str:
        return i18n.status_label(status, self.lang)


def _first_date(dataset: Dataset) -> dt.date:
    if dataset.facts.empty:
        return dt.date(2015, 1, 1)
    return min(dataset.facts["known_by"].min().date(), dt.date.today())


def render_sidebar(dataset: Dataset) -> View:
    """Draw the shared controls and return the view they select."""
    side = st.sidebar
    lang = side.segmented_control(
        "Ngôn ngữ / Language", i18n.LANGS, default=i18n.DEFAULT_LANG, key="lang",
        bind="query-params", required=True,
    ) or i18n.DEFAULT_LANG
    t = lambda key, **v: i18n.t(key, lang, **v)  # noqa: E731
    era = side.radio(
        t("era"), ERAS, key="era", bind="query-params",
        captions=[t("era_current"), t("era_legacy")],
    )
    clusters = side.multiselect(
        t("cluster"), [*CLUSTERS, UNKNOWN_CLUSTER], key="cluster", bind="query-params",
        placeholder=t("all"), help=t("cluster_help"),
    )
    today = dt.date.today()
    as_of = side.date_input(
        t("as_of"), value=today, min_value=_first_date(dataset), max_value=today,
        key="asof", bind="query-params", format="YYYY-MM-DD",
    ) or today
    membership = data.membership()
    units = data.shown_units(era, tuple(clusters))
    _search_box(dataset, lang)
    side.caption(f"{len(units)} / {len(data.shown_units(era, ()))} {t('units_shown')}")
    view = View(lang, era, tuple(clusters), as_of, dataset, units, membership)
    st.session_state[VIEW_KEY] = view
    return view


def _open_unit(era: str, name: str) -> None:
    # Runs as a callback, before the widgets are drawn again, so it may set them.
    st.session_state["era"] = era
    st.session_state["unit"] = name
    st.session_state["_goto_profile"] = True


def _search_box(dataset: Dataset, lang: str) -> None:
    side = st.sidebar
    query = side.text_input(
        i18n.t("search", lang), key="q", placeholder=i18n.t("search_hint", lang), max_chars=60
    )
    if not query:
        return
    hits = search_units(dataset.units, query)
    if hits.empty:
        side.caption(i18n.t("no_match", lang))
        return
    for row in hits.head(8).itertuples():
        era_word = "legacy" if row.era == "legacy" else "current"
        link = i18n.t("now_part_of" if row.era == "legacy" else "formed_from", lang)
        side.button(
            markdown_literal(f"{row.unit_name} ({era_word} {row.unit_code}) → {link} {row.links_to}"),
            key=f"hit-{row.unit_key}", on_click=_open_unit, args=(row.era, row.unit_name),
            width="stretch",
        )


def view() -> View:
    """The view the sidebar selected in this run (pages call this)."""
    if VIEW_KEY not in st.session_state:
        _run_through_the_entry_point()
    return st.session_state[VIEW_KEY]


def _run_through_the_entry_point() -> None:
    """Rerun via dashboard.py when Streamlit ran a page file on its own.

    A server that has not yet run dashboard.py (hence st.navigation) treats
    pages/ as an old-style multipage folder, so a first visit to a deep link
    such as /compare runs pages/compare.py without the sidebar. Streamlit
    keeps that mode in one class flag that st.navigation clears; clearing it
    here and rerunning lets the entry point handle the same URL.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory:
        raise RuntimeError("pages must be opened through dashboard.py (streamlit run dashboard.py)")
    PagesManager.uses_pages_directory = False
    st.rerun()
