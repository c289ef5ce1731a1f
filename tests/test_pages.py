"""Every page and every shared control, through Streamlit's AppTest, on the miniature data.

The expected figures are worked out by hand from tests/fixtures/mini (see the
comments there), not read back from the code.
"""

import datetime as dt
import io
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.methodology import METHODOLOGY
from analysis.views import export_csv, export_json, facts_export
from tests.conftest import MINI, ROOT

PAGES = ["pages/overview.py", "pages/profile.py", "pages/compare.py", "pages/progress.py", "pages/data_sources.py"]


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("EGOV_DATA_DIR", str(MINI))

    def make(page=None, state=None, **params):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        for key, value in (state or {}).items():  # widgets not bound to the URL, seeded before the first run
            at.session_state[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


@pytest.fixture
def media(monkeypatch):
    """The media file manager of every AppTest run, so a test can click a deferred download.

    AppTest makes a fresh MediaFileManager per run and drops it afterwards; this
    records them. The last one holds the callables of the last run's download buttons.
    """
    import streamlit.testing.v1.app_test as app_test_module
    from streamlit.runtime.media_file_manager import MediaFileManager

    managers = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    return managers


def click_download(manager, button):
    """What the browser gets when the button is clicked: (file name, MIME type, text)."""
    url = manager.execute_deferred(button.proto.deferred_file_id)
    file = manager.read_file(url.rsplit("/", 1)[-1])
    return file.filename, file.mimetype, file.content.decode("utf-8")


def metrics(at):
    return {m.label: m.value for m in at.metric}


def charts(at):
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def bar_totals(figure):
    """Units per cluster group in the stacked cluster bars, summed over the status traces."""
    totals = {}
    for trace in figure["data"]:
        for group, units in zip(trace["x"], trace["y"]):
            totals[group] = totals.get(group, 0) + units
    return totals


def matrix_cell(figure, row, column):
    """The status label (trace name) of one cell of a compare or coverage matrix."""
    found = [t["name"] for t in figure["data"] for x, y in zip(t["x"], t["y"]) if (x, y) == (column, row)]
    assert len(found) == 1, (row, column, found)
    return found[0]


def line(figure, name):
    trace = next(t for t in figure["data"] if t["name"] == name)
    return dict(zip(trace["x"], trace["y"]))


def cards(at):
    """The five status cards of the profile page, in indicator order."""
    return [m.value for m in at.markdown if m.value.startswith("**") and m.value.endswith("**")]


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
    # Status by cluster: only the chosen cluster's bar, holding Bắc Ninh (legacy 27, cluster 3 from 2019).
    assert bar_totals(charts(at)[1]) == {"3": 1}


def test_cluster_bars_count_a_merged_unit_in_each_of_its_clusters(app):
    # Legacy, no filter: cluster 4 = Hòa Bình, Bắc Giang, Phú Thọ (2020 facts); 3 = Bắc Ninh;
    # Vĩnh Phúc has no cluster fact, so it is under "?".
    assert bar_totals(charts(app(era="legacy", asof="2022-01-01"))[1]) == {"3": 1, "4": 3, "?": 1}
    # Current: Bắc Ninh (24) is formed from legacy 24 (cluster 4) and 27 (cluster 3), so it counts
    # in both; Phú Thọ (25) from 17, 25 (cluster 4) and 26 (none) only in 4.
    assert bar_totals(charts(app(era="current", asof="2022-01-01"))[1]) == {"3": 1, "4": 2}
    # Filtered on 3: current Bắc Ninh is shown, but only its cluster-3 bar is drawn.
    at = app(era="current", asof="2022-01-01", cluster="3")
    assert any("1 / 2" in c.value for c in at.sidebar.caption)
    assert bar_totals(charts(at)[1]) == {"3": 1}


def test_overview_tile_grid_draws_one_tile_per_province(app):
    at = app(era="legacy", asof="2022-01-01", state={"map_kind": "tiles"})
    figure = charts(at)[0]
    units = [t for t in figure["data"] if t.get("name") == "units"]
    assert len(units) == 1  # the clickable marker layer, one marker per tile carrying its code
    codes = [c[0] for c in units[0]["customdata"]]
    # The tile grid (data/geo/tiles.csv, not the mini data) has one tile per legacy province: 63,
    # each code once, the five mini provinces among them.
    assert len(codes) == len(set(codes)) == 63
    assert {"17", "24", "25", "26", "27"} <= set(codes)
    # Indicator LGSP on 2022-01-01: the national fact (Dec 2020) makes all five mini provinces
    # operational, so that fill trace draws exactly five squares (each closed by one None);
    # the 58 provinces with no fact are unknown. (The outline map fills each status as one shape.)
    squares = {t["name"]: t["x"].count(None) for t in figure["data"] if t.get("fill") == "toself" and t.get("legendgroup")}
    assert squares == {"Vận hành chính thức": 5, "Chưa rõ": 58}


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
    # Profile of current Phú Thọ on 2022-01-01 (worked out in the Vietnamese profile test below),
    # with the statuses in English.
    at = app("pages/profile.py", lang="English", era="current", asof="2022-01-01", unit="Phú Thọ")
    assert cards(at) == ["**Operational**", "**Unknown**", "**Operational**", "**Unknown**", "**Unknown**"]
    # The methodology in English, not the Vietnamese text.
    at = app("pages/data_sources.py", lang="English", era="legacy")
    shown = " ".join(m.value for m in at.markdown)
    assert "**Facts, not scores.**" in shown and "Sự kiện có nguồn" not in shown
    assert METHODOLOGY["English"].strip() in shown


def test_profile_of_a_current_unit_shows_the_derivation(app):
    at = app("pages/profile.py", era="current", asof="2022-01-01", unit="Phú Thọ")
    assert at.title[0].value == "Phú Thọ"
    assert cards(at) == ["**Vận hành chính thức**", "**Chưa rõ**", "**Vận hành chính thức**", "**Chưa rõ**", "**Chưa rõ**"]
    texts = " ".join(t.value for t in at.text)
    assert "2/3" in texts and "Vĩnh Phúc: Chưa rõ" in texts
    assert any("Hòa Bình (17), Phú Thọ (25), Vĩnh Phúc (26)" in i.value for i in at.info)
    # On 2020-06-30 none of the predecessors' facts is known yet: the national LGSP fact and
    # Phú Thọ's IOC count from 2020-12-31, Hòa Bình's IOC trial from 2021-03-10.
    at = app("pages/profile.py", era="current", asof="2020-06-30", unit="Phú Thọ")
    assert cards(at) == ["**Chưa rõ**"] * 5


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
    ioc_of_hoa_binh = {}
    for asof in ("2021-06-30", "2022-01-01"):
        at = app("pages/compare.py", era="legacy", asof=asof)
        matrix, timeline = charts(at)
        rows = {y for trace in matrix["data"] for y in trace["y"]}
        assert rows == {"Bắc Giang", "Bắc Ninh"}  # the default: the first two in Vietnamese order
        at.multiselect(key="compare_clusters").set_value(["4"]).run()
        matrix, timeline = charts(at)
        rows = {y for trace in matrix["data"] for y in trace["y"]}
        # The two picked units plus cluster 4 (Hòa Bình, Bắc Giang, Phú Thọ); not Vĩnh Phúc (no cluster).
        assert rows == {"Bắc Giang", "Bắc Ninh", "Hòa Bình", "Phú Thọ"}
        ioc_of_hoa_binh[asof] = matrix_cell(matrix, "Hòa Bình", "IOC cấp tỉnh")
    # Hòa Bình's IOC: trial from 2021-03-10, operational from 2021-09-15.
    assert ioc_of_hoa_binh == {"2021-06-30": "Vận hành thử", "2022-01-01": "Vận hành chính thức"}
    # The timeline shows every dated fact, whatever the date: Hòa Bình has its two IOC facts and
    # its row of the national LGSP fact (2020-12 → 2020-12-31); the four units 10 points in all
    # (Bắc Giang 2: LGSP, architecture; Bắc Ninh 3: LGSP building, national, planned; Phú Thọ 2).
    points = [(y, x[:10]) for trace in timeline["data"] for x, y in zip(trace["x"], trace["y"])]
    assert sorted(x for y, x in points if y == "Hòa Bình") == ["2020-12-31", "2021-03-10", "2021-09-15"]
    assert len(points) == 10


def test_compare_too_few_units(app):
    # Cluster 3 holds only Bắc Ninh in the legacy era: one unit cannot be compared.
    at = app("pages/compare.py", era="legacy", cluster="3")
    assert "Hãy chọn ít nhất 2 đơn vị." in [i.value for i in at.info]
    assert charts(at) == []
    # Unpicking down to one unit without a cluster gives the same state.
    at = app("pages/compare.py", era="legacy")
    at.multiselect(key="compare_units").set_value(["Hòa Bình"]).run()
    assert "Hãy chọn ít nhất 2 đơn vị." in [i.value for i in at.info]
    assert charts(at) == []


def test_compare_caps_at_eight_units(monkeypatch):
    # The mini data has only 5 units, so the cap needs the real data: every cluster picked
    # gives far more than 8 units (53 provinces have a sourced cluster).
    monkeypatch.delenv("EGOV_DATA_DIR", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["era"] = "legacy"
    at.run()
    at.switch_page("pages/compare.py").run()
    assert not any("8 đơn vị đầu tiên" in c.value for c in at.caption)
    picked = at.multiselect(key="compare_units").value
    assert len(picked) == 2
    at.multiselect(key="compare_clusters").set_value([str(n) for n in range(1, 9)]).run()
    assert not at.exception
    assert "Chỉ hiển thị 8 đơn vị đầu tiên." in [c.value for c in at.caption]
    rows = {y for trace in charts(at)[0]["data"] for y in trace["y"]}
    assert len(rows) == 8 and set(picked) <= rows  # the picked units are kept within the 8


FRAMEWORK_2 = 2019 + 364 / 366  # 2019-12-31 is day 365: year + (day - 1) / 366


def test_progress_counts_by_year(app):
    at = app("pages/progress.py", era="legacy")
    national, per_cluster = charts(at)
    by_year = line(national, "IOC tỉnh vận hành")
    # Years from the first fact (Bắc Ninh's LGSP, 2019-05) to the as-of date (today by default).
    assert list(by_year) == list(range(2019, dt.date.today().year + 1))
    assert by_year[2019] == 0 and by_year[2020] == 1 and by_year[2021] == 2  # Phú Thọ end-2020, Hòa Bình 2021
    # The national framework 2.0 (2019-12-31) is marked by a dotted vertical line and its label.
    assert [s["x0"] for s in national["layout"].get("shapes", [])] == [pytest.approx(FRAMEWORK_2, abs=1e-9)]
    assert [(a["x"], a["text"]) for a in national["layout"].get("annotations", [])] == [(pytest.approx(FRAMEWORK_2, abs=1e-9), "Khung KT 2.0")]
    # Per cluster, the clusters with a unit: 3 (Bắc Ninh) and 4 (Hòa Bình, Bắc Giang, Phú Thọ).
    assert {t["name"] for t in per_cluster["data"]} == {"Cụm thi đua 3", "Cụm thi đua 4"}
    at.selectbox(key="progress_indicator").select("ioc").run()
    per_cluster = charts(at)[1]
    four = line(per_cluster, "Cụm thi đua 4")
    # IOC in cluster 4: Phú Thọ from 2020-12-31, Hòa Bình from 2021-09-15, then unchanged (Bắc Giang unknown).
    assert four[2019] == 0 and four[2020] == 1 and four[2021] == 2
    assert {four[y] for y in four if y > 2021} == {2}
    assert set(line(per_cluster, "Cụm thi đua 3").values()) == {0}  # Bắc Ninh has no IOC fact


def test_progress_honours_cluster_and_date(app):
    at = app("pages/progress.py", era="legacy", cluster="3")
    national, per_cluster = charts(at)
    # Only Bắc Ninh: no IOC fact, so the IOC line is 0 every year; its LGSP is building in 2019
    # and operational from the national fact at end-2020 (the later "planned" does not undo it).
    assert set(line(national, "IOC tỉnh vận hành").values()) == {0}
    lgsp = line(national, "LGSP vận hành")
    assert lgsp[2019] == 0 and set(lgsp[y] for y in lgsp if y >= 2020) == {1}
    assert [t["name"] for t in per_cluster["data"]] == ["Cụm thi đua 3"]
    # As of 2021-12-31 the years stop at 2021.
    at = app("pages/progress.py", era="legacy", asof="2021-12-31")
    national, per_cluster = charts(at)
    assert line(national, "IOC tỉnh vận hành") == {2019: 0, 2020: 1, 2021: 2}
    assert list(line(per_cluster, "Cụm thi đua 4")) == [2019, 2020, 2021]
    assert [s["x0"] for s in national["layout"].get("shapes", [])] == [pytest.approx(FRAMEWORK_2, abs=1e-9)]


def test_data_page_downloads_and_tables(app):
    at = app("pages/data_sources.py", era="legacy")
    facts = at.dataframe[0].value
    assert len(facts) == 15  # 16 rows (the national fact counts for 5 units), less the one current-era fact
    assert len(at.download_button) == 3
    sources = at.dataframe[-1].value
    assert len(sources) == 4
    # Coverage of the 5 × 4 legacy cells: sourced = Hòa Bình IOC, Phú Thọ IOC, Bắc Giang architecture;
    # national only = LGSP/NGSP of the four others; conflicting = Bắc Ninh's LGSP (planned after
    # building and operational); the other 12 cells unknown.
    assert "Có nguồn riêng: 3 · Chỉ nguồn quốc gia: 4 · Nguồn mâu thuẫn: 1 · Chưa rõ: 12" in [c.value for c in at.caption]


def test_data_page_with_a_cluster_filter(app, media):
    at = app("pages/data_sources.py", era="legacy", cluster="3")
    facts = at.dataframe[0].value
    # Bắc Ninh (legacy 27) only: its two LGSP facts (building 2019-05, planned 2021), its row of
    # the national LGSP fact, and its cluster fact; 3 sources (s1, s2, nat).
    assert set(facts["unit_name"]) == {"Bắc Ninh"}
    assert sorted(zip(facts["field"], facts["value"])) == [
        ("cluster", "3"), ("lgsp", "building"), ("lgsp", "operational"), ("lgsp", "planned"),
    ]
    captions = [c.value for c in at.caption]
    assert "4 thông tin, 3 nguồn" in captions
    # Coverage of Bắc Ninh's 4 cells: LGSP/NGSP conflicting, IOC/architecture/smart city unknown
    # (its IOC fact is a current-era one).
    assert "Có nguồn riêng: 0 · Chỉ nguồn quốc gia: 0 · Nguồn mâu thuẫn: 1 · Chưa rõ: 3" in captions
    # The crosswalk is never filtered: 5 legacy provinces, legacy 24 Bắc Giang → current 24 Bắc Ninh.
    crosswalk = at.dataframe[1].value
    assert len(crosswalk) == 5
    bac_giang = crosswalk[crosswalk["legacy_name"] == "Bắc Giang"].iloc[0]
    assert (bac_giang["legacy_code"], bac_giang["current_code"], bac_giang["current_name"]) == ("24", "24", "Bắc Ninh")

    # The downloads, generated as a click would generate them.
    buttons = {b.key: b for b in at.download_button}
    assert set(buttons) == {"dl_csv", "dl_json", "dl_crosswalk"}
    manager = media[-1]
    name, mime, text = click_download(manager, buttons["dl_csv"])
    assert (name, mime) == ("egov-facts.csv", "text/csv")
    rows = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert len(rows) == 4 and set(rows["unit_code"]) == {"27"} and set(rows["era"]) == {"legacy"}
    name, mime, text = click_download(manager, buttons["dl_json"])
    assert (name, mime) == ("egov-facts.json", "application/json")
    records = json.loads(text)
    assert sorted(r["value"] for r in records) == ["3", "building", "operational", "planned"]
    assert "Bắc Ninh" in text  # readable, not \u escaped
    name, mime, text = click_download(manager, buttons["dl_crosswalk"])
    assert (name, mime) == ("crosswalk-63-34.csv", "text/csv")
    back = pd.read_csv(io.StringIO(text), dtype=str)
    assert len(back) == 5 and back.set_index("legacy_name").loc["Bắc Giang", "current_name"] == "Bắc Ninh"


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
