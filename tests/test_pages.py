"""Every page and every shared control, through Streamlit's AppTest, on the miniature data.

The expected figures are worked out by hand from tests/fixtures/mini (see the
comments there), not read back from the code.
"""

import io
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.views import export_csv, export_json, facts_export
from tests.conftest import MINI, ROOT

PAGES = ["pages/overview.py", "pages/profile.py", "pages/compare.py", "pages/progress.py", "pages/data_sources.py"]


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("EGOV_DATA_DIR", str(MINI))

    def make(page=None, **params):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def metrics(at):
    return {m.label: m.value for m in at.metric}


def charts(at):
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_both_eras(app, page):
    for era in ("legacy", "current"):
        at = app(page, era=era, asof="2022-01-01")
        assert at.title, page


def test_overview_headline_legacy(app):
    at = app(era="legacy", asof="2022-01-01")
    shown = metrics(at)
    assert shown["LGSP vận hành"] == "5"  # national evidence covers all five
    assert shown["IOC tỉnh vận hành"] == "2"  # Phú Thọ, Hòa Bình
    assert shown["Kiến trúc ≥ 2.0"] == "0"  # Bắc Giang is only drafting
    assert any("trên 2 đã biết / 5 đơn vị" in c.value for c in at.caption)


def test_overview_as_of_moves_the_figures(app):
    assert metrics(app(era="legacy", asof="2021-06-30"))["IOC tỉnh vận hành"] == "1"
    assert metrics(app(era="legacy", asof="2020-06-30"))["IOC tỉnh vận hành"] == "0"


def test_overview_current_era_rolls_up(app):
    shown = metrics(app(era="current", asof="2022-01-01"))
    assert shown["LGSP vận hành"] == "2"
    assert shown["IOC tỉnh vận hành"] == "1"  # Phú Thọ, derived; Bắc Ninh unknown
    assert metrics(app(era="current", asof="2025-10-01"))["IOC tỉnh vận hành"] == "2"  # Bắc Ninh's own fact


def test_cluster_filter(app):
    at = app(era="legacy", asof="2022-01-01", cluster="3")
    assert metrics(at)["LGSP vận hành"] == "1"  # Bắc Ninh only
    assert any("1 / 5" in c.value for c in at.sidebar.caption)
    map_figure = charts(at)[0]
    names = {trace.get("legendgroup") or trace.get("name") for trace in map_figure["data"]}
    assert "outside" in names  # the other four are drawn as outside the filter


def test_cluster_filter_unknown_and_empty_state(app):
    at = app(era="legacy", cluster="?")
    assert any("1 / 5" in c.value for c in at.sidebar.caption)  # Vĩnh Phúc
    at = app(era="legacy", cluster="8")
    assert any("Không có đơn vị nào" in i.value for i in at.info)
    # The data page explains the empty filter instead of an empty table and empty downloads,
    # and still lists every source.
    at = app("pages/data_sources.py", era="legacy", cluster="8")
    assert any("chưa tìm được nguồn" in i.value for i in at.info)
    assert len(at.download_button) == 1  # the crosswalk only
    assert len(at.dataframe[-1].value) == 4


def test_language_switch(app):
    at = app(lang="English", era="legacy", asof="2022-01-01")
    assert at.title[0].value == "Vietnam provincial e-government"
    assert metrics(at)["LGSP operational"] == "5"


def test_profile_of_a_current_unit_shows_the_derivation(app):
    at = app("pages/profile.py", era="current", asof="2022-01-01", unit="Phú Thọ")
    assert at.title[0].value == "Phú Thọ"
    cards = [m.value for m in at.markdown if m.value.startswith("**")]
    assert cards == ["**Vận hành chính thức**", "**Chưa rõ**", "**Vận hành chính thức**", "**Chưa rõ**", "**Chưa rõ**"]
    texts = " ".join(t.value for t in at.text)
    assert "2/3" in texts and "Vĩnh Phúc: Chưa rõ" in texts
    assert any("Hòa Bình (17), Phú Thọ (25), Vĩnh Phúc (26)" in i.value for i in at.info)


def test_profile_of_a_legacy_unit_names_its_successor_and_sources(app):
    at = app("pages/profile.py", era="legacy", unit="Bắc Giang", asof="2024-01-01")
    assert any("Bắc Ninh" in i.value for i in at.info)
    tables = [d.value for d in at.dataframe]
    facts = tables[-1]
    assert set(facts["source_url"]) == {"https://example.org/1", "https://example.org/nat"}


def test_profile_unit_selection_widget(app):
    at = app("pages/profile.py", era="legacy")
    at.selectbox(key="unit").select("Vĩnh Phúc").run()
    assert at.title[0].value == "Vĩnh Phúc"
    assert any("three queries" in c.value for c in at.caption)  # what was searched, shown by the unknown


def test_profile_multi_cluster_note(app):
    at = app("pages/profile.py", era="current", unit="Bắc Ninh")
    assert any("3, 4" in w.value for w in at.warning)


def test_compare_matrix_and_timeline(app):
    at = app("pages/compare.py", era="legacy", asof="2022-01-01")
    matrix, timeline = charts(at)
    rows = {y for trace in matrix["data"] for y in trace["y"]}
    assert len(rows) == 2
    at.multiselect(key="compare_clusters").set_value(["4"]).run()
    matrix = charts(at)[0]
    rows = {y for trace in matrix["data"] for y in trace["y"]}
    assert rows >= {"Hòa Bình", "Bắc Giang", "Phú Thọ"}


def test_progress_counts_by_year(app):
    at = app("pages/progress.py", era="legacy")
    lines = charts(at)[0]["data"]
    ioc = next(trace for trace in lines if trace["name"] == "IOC tỉnh vận hành")
    by_year = dict(zip(ioc["x"], ioc["y"]))
    assert by_year[2020] == 1 and by_year[2021] == 2


def test_data_page_downloads_and_tables(app):
    at = app("pages/data_sources.py", era="legacy")
    facts = at.dataframe[0].value
    assert len(facts) == 15  # 16 rows (the national fact counts for 5 units), less the one current-era fact
    assert len(at.download_button) == 3
    sources = at.dataframe[-1].value
    assert len(sources) == 4


def test_search_finds_legacy_names_without_diacritics_and_opens_the_profile(monkeypatch):
    monkeypatch.setenv("EGOV_DATA_DIR", str(MINI))
    # AppTest drops sidebar elements from its tree on reruns under st.navigation,
    # so the query is seeded before the first run instead of typed.
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["q"] = "bac giang"
    at.run()
    hits = [b for b in at.sidebar.button if "Bắc Giang" in b.label]
    assert len(hits) == 1 and "Bắc Ninh" in hits[0].label
    hits[0].click().run()
    assert at.session_state["era"] == "legacy" and at.session_state["unit"] == "Bắc Giang"
    # AppTest neither follows st.switch_page nor syncs bound widgets to the URL;
    # the browser test checks the jump to the profile itself.


def test_invalid_data_shows_the_problems_not_a_traceback(monkeypatch, tmp_path):
    (tmp_path / "facts").mkdir()
    (tmp_path / "provinces.yaml").write_text((MINI / "provinces.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "facts" / "bad.yaml").write_text("facts:\n  - era: legacy\n    code: '25'\n", encoding="utf-8")
    monkeypatch.setenv("EGOV_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert at.error
    assert "bad.yaml:2:" in at.code[0].value


def test_real_data_every_page(monkeypatch):
    monkeypatch.delenv("EGOV_DATA_DIR", raising=False)
    for era in ("current", "legacy"):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params["era"] = era
        at.run()
        for page in PAGES:
            at.switch_page(page).run()
            assert not at.exception, (page, [e.value for e in at.exception])


def test_fact_downloads_hold_the_facts_of_the_units_and_of_their_predecessors(mini):
    phu_tho = mini.units[(mini.units["era"] == "current") & (mini.units["unit_name"] == "Phú Thọ")]
    export = facts_export(mini.facts, phu_tho)
    predecessors = set(phu_tho.iloc[0]["predecessor_codes"].split(";"))
    assert len(predecessors) == 3
    legacy = mini.facts[(mini.facts["era"] == "legacy") & mini.facts["unit_code"].isin(predecessors)]
    assert len(legacy) > 0 and len(export) >= len(legacy)
    assert set(export.loc[export["era"] == "legacy", "unit_code"]) <= predecessors
    assert {"known_by", "file", "line"}.isdisjoint(export.columns)

    records = json.loads(export_json(export))
    assert len(records) == len(export) and "Phú Thọ" in export_json(export)  # readable, not \u escaped
    assert {r["fact_id"] for r in records} == set(export["fact_id"])
    back = pd.read_csv(io.StringIO(export_csv(export)), dtype=str, keep_default_na=False)
    assert list(back.columns) == list(export.columns) and len(back) == len(export)
