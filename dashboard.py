"""Entry point: `streamlit run dashboard.py`.

Loads the data (cached), draws the shared sidebar, and hands over to the
page the user picked. Pages only lay out widgets; the work is done in
`loaders/`, `analysis/` and `charts/`.
"""

import streamlit as st

from analysis import i18n
from ui import data
from ui.state import render_sidebar

st.set_page_config(page_title="Chính quyền số cấp tỉnh · Vietnam e-government", page_icon="🇻🇳", layout="wide")



def show_problems() -> None:
    st.title(i18n.t("app_title"))
    st.error(i18n.t("data_error") + " / " + i18n.t("data_error", "English"))
    st.code("\n".join(problems), language=None)


dataset, problems = data.load()
if dataset is None:
    # Still go through st.navigation, or Streamlit would run pages/ on its own.
    st.navigation([st.Page(show_problems, title=i18n.t("page_data"), url_path="problems")]).run()
    st.stop()

view = render_sidebar(dataset)
pages = [
    st.Page("pages/overview.py", title=view.t("page_overview"), url_path="overview", default=True),
    st.Page("pages/profile.py", title=view.t("page_profile"), url_path="profile"),
    st.Page("pages/compare.py", title=view.t("page_compare"), url_path="compare"),
    st.Page("pages/progress.py", title=view.t("page_progress"), url_path="progress"),
    st.Page("pages/data_sources.py", title=view.t("page_data"), url_path="data"),
]
page = st.navigation(pages)
if st.session_state.pop("_goto_profile", False) and page.url_path != "profile":
    st.switch_page(pages[1], query_params={})  # {}: bound widgets keep their own params
page.run()
st.divider()
st.caption(
    view.t("source_licence")
    + " · "
    + view.t("fact_count", n=len(dataset.facts), s=len(dataset.sources))
)
