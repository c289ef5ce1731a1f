"""Hostile text in the data (tests/fixtures/hostile) never reaches a chart or a link unescaped.

Three layers, without a browser:

- the loader refuses every URL that is not http(s), `javascript:` first of all;
- every chart builder, fed the hostile dataset through the same analysis functions the
  pages use, puts no raw `<` from the data into any string of the figure (plotly renders a
  subset of HTML in trace text, hover text, names, tick labels, titles and annotations);
- every link column of every table the pages show holds only http(s) URLs, and every chart
  the pages actually draw passes the same check (AppTest on the hostile data).

The browser side (nothing runs, the text shows literally) is tests/e2e/test_injection.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from pydantic import ValidationError
from streamlit.testing.v1 import AppTest

from analysis.clusters import clusters_of_units
from analysis.coverage import GROUPS, coverage_matrix
from analysis.progress import milestone_counts, national_events, year_range
from analysis.status import INDICATORS, status_table
from analysis.views import OUTSIDE, map_inputs, matrix_cells, matrix_colors, status_by_cluster, timeline_events
from charts import figures, maps
from charts.style import COVERAGE_COLORS, status_colors
from loaders import geo
from loaders.models import Source
from loaders.tables import load_dataset
from loaders.validate import default_files, load_records
from loaders.yaml_source import DataError
from tests.conftest import MINI, ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
UNIT = "<script>window.__pwned=1</script>Hòa Bình"  # legacy 17
IMG_UNIT = '<img src=x onerror="window.__pwned=1">Bắc Giang'  # legacy 24
MARKUP_UNIT = "Phú Thọ {{7*7}} **bold** <b>bold</b>"  # legacy 25
EVIL = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<b>bold</b>",
    '<a href="javascript:window.__pwned=1">link</a>',
    "<svg onload=alert(1)>",
    "<br>",  # our own line break, but data must not be able to inject one either
]
# The only tags our own code puts into plotly strings.
OWN_TAGS = re.compile(r"<br>|</?extra>")
WORDS = {k: k for k in ("since", "basis_own", "basis_derived", "basis_frozen", "evidence_national", "conflict")}
HTTP = re.compile(r"^https?://[^\s/:?#]+\.[^\s/?#]+([/?#]\S*)?$")


@pytest.fixture(scope="module")
def hostile():
    return load_dataset(default_files(HOSTILE))


def test_the_hostile_fixture_is_valid_and_hostile(hostile):
    names = set(hostile.units["unit_name"])
    assert {UNIT, IMG_UNIT, MARKUP_UNIT} <= names
    texts = " ".join(hostile.facts[["note", "source_title", "source_publisher", "pilot", "place"]].astype(str).sum())
    for needle in ("<script>", "onerror=", "javascript:", "**bold**", "<b>bold</b>", "{{7*7}}"):
        assert needle in texts
    assert hostile.sources["title"].str.len().max() > 1500  # the very long string
    assert hostile.facts["source_url"].map(lambda u: bool(HTTP.match(u))).all()


# --- The loader ---------------------------------------------------------------------------

BAD_URLS = [
    "javascript:window.__pwned=1",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//example.org/protocol-relative",
    "https://example.org/ok\njavascript:alert(1)",
    "https://example.org/a b",
]


def _data_dir_with_url(tmp_path: Path, url: str) -> Path:
    (tmp_path / "facts").mkdir()
    (tmp_path / "provinces.yaml").write_text((MINI / "provinces.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    # A JSON string is a valid YAML double-quoted scalar: the URL reaches the loader verbatim.
    (tmp_path / "facts" / "one.yaml").write_text(
        "sources:\n"
        f"  - {{id: s1, title: T, publisher: P, url: {json.dumps(url)}, published: 2021-01-05}}\n"
        "  - {id: nat, title: N, publisher: P, url: 'https://example.org/nat', published: 2021-01-05, scope: national}\n"
        "facts:\n"
        '  - {era: legacy, code: "17", name: Hòa Bình, field: ioc, value: trial, date: 2021-03, sources: [s1]}\n',
        encoding="utf-8",
    )
    return tmp_path


def test_the_loader_accepts_an_http_url(tmp_path):
    # The control for the next test: the file is otherwise valid.
    load_records(default_files(_data_dir_with_url(tmp_path, "https://example.org/ok?q=%3Cx%3E")))


@pytest.mark.parametrize("url", BAD_URLS)
def test_the_loader_rejects_a_non_http_url(tmp_path, url):
    with pytest.raises(DataError) as error:
        load_records(default_files(_data_dir_with_url(tmp_path, url)))
    problems = [p for p in error.value.problems if p.where == "sources[0].url"]
    assert problems, error.value
    assert "http" in problems[0].message
    assert problems[0].file.endswith("one.yaml") and problems[0].line == 2


# --- The chart builders -----------------------------------------------------------------------


def plotly_strings(figure) -> list[str]:
    """Every string in a figure's JSON (traces and layout) that plotly may render as text."""
    spec = figure if isinstance(figure, dict) else json.loads(figure.to_json())
    found: list[str] = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in ("customdata", "uid", "template"):  # data, not labels
                    walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str):
            found.append(node)

    walk(spec.get("data", []))
    walk(spec.get("layout", {}))
    return found


def assert_no_raw_markup(figure, must_show: list[str] = ()) -> None:
    strings = plotly_strings(figure)
    raw = [s for s in strings if "<" in OWN_TAGS.sub("", s)]
    assert not raw, f"unescaped markup in plotly strings: {raw[:5]}"
    # Not vacuous: the hostile text did reach the figure, escaped.
    joined = "\n".join(strings)
    for text in must_show:
        assert html.escape(text, quote=False) in joined, f"{text!r} missing from the figure"


def test_the_checker_catches_raw_markup():
    import plotly.graph_objects as go

    with pytest.raises(AssertionError):
        assert_no_raw_markup(go.Figure(go.Scatter(x=[1], y=[1], hovertext=[UNIT])))
    with pytest.raises(AssertionError):
        assert_no_raw_markup(go.Figure(go.Scatter(x=[1], y=[1], name=IMG_UNIT)))


def _map_inputs(dataset, era: str, indicator: str, shown: set[str] | None = None):
    table = status_table(dataset.facts, dataset.units, era, pd.Timestamp("2024-01-01"))
    era_units = dataset.units[dataset.units["era"] == era]
    shown = set(era_units["unit_key"]) if shown is None else shown
    status, hover = map_inputs(table, indicator, shown, lambda s: s, WORDS)
    colors = {**status_colors(indicator), OUTSIDE: "#f5f5f5"}
    labels = {s: f"<i>{s}</i>" for s in colors}  # hostile labels too: they are caller-supplied
    return status, hover, colors, labels


@pytest.mark.parametrize("indicator", INDICATORS)
@pytest.mark.parametrize("era", ["legacy", "current"])
def test_shape_map_escapes_every_string(hostile, era, indicator):
    status, hover, colors, labels = _map_inputs(hostile, era, indicator)
    figure = maps.shape_map_figure(geo.load_shapes(era), status, colors, labels, hover, "<u>legend</u>")
    shown = [UNIT, IMG_UNIT] if era == "legacy" else ['Bắc Ninh <iframe src="javascript:window.__pwned=1"></iframe>']
    assert_no_raw_markup(figure, shown)


@pytest.mark.parametrize("era", ["legacy", "current"])
def test_tile_map_escapes_every_string(hostile, era):
    status, hover, colors, labels = _map_inputs(hostile, era, "ioc", shown=set())
    figure = maps.tile_map_figure(geo.load_tiles(era), status, colors, labels, hover, "<u>legend</u>")
    assert_no_raw_markup(figure, [UNIT] if era == "legacy" else [])


def test_shape_map_hover_keeps_our_line_breaks_but_escapes_the_data():
    shapes = geo.load_shapes("legacy")[:2]
    codes = [s["code"] for s in shapes]
    hover = {codes[0]: f"{UNIT}\n<br>second line"}
    figure = maps.shape_map_figure(shapes, {}, {"unknown": "#ddd"}, {"unknown": "?"}, hover, "t")
    texts = [t for trace in figure.data for t in ([trace.text] if isinstance(trace.text, str) else [])]
    assert html.escape(UNIT, quote=False) + "<br>&lt;br&gt;second line" in texts


def test_status_bars_escape_groups_and_labels():
    counts = pd.DataFrame({"group": [UNIT, "4"], "status": ["operational", "unknown"], "units": [2, 1]})
    colors = status_colors("ioc")
    labels = {s: f"{IMG_UNIT} {s}" for s in colors}
    figure = figures.stacked_status_bars(counts, colors, labels, MARKUP_UNIT, "<i>y</i>")
    assert_no_raw_markup(figure, [UNIT, IMG_UNIT, MARKUP_UNIT])


def test_real_cluster_bars_on_hostile_data(hostile):
    table = status_table(hostile.facts, hostile.units, "legacy", pd.Timestamp("2024-01-01"))
    membership = clusters_of_units(hostile.facts, hostile.units)
    keys = set(hostile.units.loc[hostile.units["era"] == "legacy", "unit_key"])
    counts = status_by_cluster(table, membership, "ioc", keys)
    colors = status_colors("ioc")
    figure = figures.stacked_status_bars(counts, colors, dict.fromkeys(colors, "l"), "x", "y")
    assert figure.data
    assert_no_raw_markup(figure)


@pytest.mark.parametrize("era", ["legacy", "current"])
def test_compare_matrix_escapes_rows_and_hover(hostile, era):
    table = status_table(hostile.facts, hostile.units, era, pd.Timestamp("2026-01-01"))
    keys = list(hostile.units.loc[hostile.units["era"] == era, "unit_key"])
    names = {i: f"<b>{i}</b>" for i in INDICATORS}
    cells = matrix_cells(table, keys, lambda s: s, names, WORDS)
    merged = matrix_colors({i: status_colors(i) for i in INDICATORS})
    figure = figures.cell_matrix(cells, merged, {s: f"<i>{s}</i>" for s in merged})
    assert_no_raw_markup(figure, [UNIT, MARKUP_UNIT] if era == "legacy" else ["Phú Thọ <a href="])


def test_coverage_matrix_escapes_rows_and_hover(hostile):
    matrix = coverage_matrix(hostile.facts, hostile.units, "legacy")
    long = matrix.melt(id_vars=["unit_key", "unit_code", "unit_name"], value_vars=list(GROUPS), var_name="group", value_name="status")
    cells = long.assign(row=long["unit_name"], column=long["group"], hover=long["unit_name"] + ": " + long["status"])
    figure = figures.cell_matrix(cells, COVERAGE_COLORS, {s: s for s in COVERAGE_COLORS})
    assert_no_raw_markup(figure, [UNIT, IMG_UNIT, MARKUP_UNIT])


@pytest.mark.parametrize("era", ["legacy", "current"])
def test_timeline_escapes_rows_pilots_places_and_publishers(hostile, era):
    keys = list(hostile.units.loc[hostile.units["era"] == era, "unit_key"])
    colors = {i: status_colors(i) for i in INDICATORS}
    events = timeline_events(hostile.facts, keys, hostile.units, lambda s: s, colors, {i: f"<b>{i}</b>" for i in INDICATORS})
    symbols = {"lgsp": "circle", "ngsp": "diamond", "ioc": "square", "architecture": "triangle-up", "smart_city": "star"}
    figure = figures.timeline(events, "<i>unit</i>", symbols, {i: f"<b>{i}</b>" for i in INDICATORS})
    # The current era's timeline shows the predecessors' facts under the current unit's row.
    assert_no_raw_markup(figure, [
        UNIT if era == "legacy" else "Phú Thọ <a href=",
        "<script>window.__pwned=1</script>Đô thị thông minh",  # a pilot name
        '<img src=x onerror="window.__pwned=1">TP Hòa Bình',  # a place
        "**bold** <b>bold</b>",  # a publisher
    ])


def test_progress_lines_escape_names_and_event_labels(hostile):
    years = year_range(hostile.facts, 2026)
    counts = milestone_counts(hostile.facts, hostile.units, "legacy", years)
    events = national_events(hostile.national, years[0], years[-1])
    events = pd.concat([events, pd.DataFrame({"year_fraction": [2021.5], "label": [UNIT], "date": ["2021-07"]})])
    figure = figures.progress_lines(counts.assign(indicator=counts["indicator"]), {"ioc": IMG_UNIT, "lgsp": "x"}, events, "<b>x</b>", "y")
    assert_no_raw_markup(figure, [UNIT, IMG_UNIT])


def test_quotes_in_data_reach_plotly_as_something_it_decodes(hostile):
    status, hover, colors, labels = _map_inputs(hostile, "legacy", "ioc")
    figure = maps.shape_map_figure(geo.load_shapes("legacy"), status, colors, labels, hover, "t")
    assert not [s for s in plotly_strings(figure) if "&quot;" in s]


# --- The pages, through AppTest on the hostile data ---------------------------------------------

LINK_COLUMNS = ("source_url", "url", "other_source_urls")


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("EGOV_DATA_DIR", str(HOSTILE))

    def make(page: str, **params):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]
        return at

    return make


def link_values(at) -> list[str]:
    values = []
    for frame in at.dataframe:
        table = frame.value
        for column in LINK_COLUMNS:
            if column in table.columns:
                values += [u for cell in table[column] for u in str(cell).split() if cell != ""]
    return values


@pytest.mark.parametrize("era", ["legacy", "current"])
def test_data_page_link_columns_hold_only_http_urls(app, era):
    at = app("pages/data_sources.py", era=era)
    tables = [frame.value for frame in at.dataframe]
    assert any("source_url" in t.columns for t in tables) and any("url" in t.columns for t in tables)
    links = link_values(at)
    assert links and all(HTTP.match(u) for u in links), [u for u in links if not HTTP.match(u)]
    # The hostile text is in the tables, unchanged (st.dataframe draws it as plain text).
    cells = " ".join(t.astype(str).to_string() for t in tables)
    assert "<script>window.__pwned=1</script>One" in " ".join(tables[-1]["title"])
    assert "{{7*7}}" in cells


@pytest.mark.parametrize(("page", "params"), [
    ("pages/profile.py", {"era": "legacy", "unit": UNIT}),
    ("pages/profile.py", {"era": "current", "unit": "Phú Thọ <a href=\"javascript:window.__pwned=1\">link</a> %{x} ${7*7} :red[red]"}),
    ("pages/progress.py", {"era": "legacy"}),
])
def test_other_link_columns_hold_only_http_urls(app, page, params):
    at = app(page, **params)
    links = link_values(at)
    assert links and all(HTTP.match(u) for u in links), [u for u in links if not HTTP.match(u)]


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/profile.py", "pages/compare.py", "pages/progress.py", "pages/data_sources.py"])
@pytest.mark.parametrize("era", ["legacy", "current"])
def test_every_chart_the_pages_draw_is_escaped(app, page, era):
    params = {"era": era, "unit": UNIT} if page.endswith("profile.py") and era == "legacy" else {"era": era}
    at = app(page, **params)
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert specs, "no chart drawn"
    for spec in specs:
        assert_no_raw_markup(spec)
    if page.endswith(("profile.py", "compare.py", "data_sources.py", "overview.py")):
        # At least one chart carries data text, so the check above is not vacuous.
        joined = "\n".join(s for spec in specs for s in plotly_strings(spec))
        assert "&lt;" in joined


@pytest.mark.parametrize("url", [
    "https://baobacgiang.vn/tin/123.html",
    "http://news.baothuathienhue.vn/hue-smart-city-taking-shape-a104043.html",
    "https://noivu.danang.gov.vn/chi-tiet-tin-tuc?dinhdanh=160501&cat=0",
    "https://vi.wikipedia.org/wiki/Bắc_Giang",
    "https://example.org:8443/a#b",
])
def test_source_urls_that_are_accepted(url):
    assert Source(id="s1", title="t", publisher="p", url=url, published="2020").url == url


@pytest.mark.parametrize("url", [
    "javascript://example.org/%0Aalert(1)", "data:text/html,<b>x</b>", "ftp://example.org/a",
    "https://", "https://localhost/x", "https://user:pw@example.org/", "https://exa<mple.org/",
    'https://example.org/"onmouseover=alert(1)', "https://example.org/a b",
    "https://example.org/\u202eexe.txt", "https://example.org:99999/", "https://e..org/",
])
def test_source_urls_that_are_refused(url):
    with pytest.raises(ValidationError, match="http:// or https://"):
        Source(id="s1", title="t", publisher="p", url=url, published="2020")
