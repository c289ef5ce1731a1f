"""Geometry files, tile grid and map figures (data/geo, loaders/geo.py, charts/maps.py)."""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
import yaml
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # also works with a bare `pytest` run
    sys.path.insert(0, str(ROOT))

from charts import maps  # noqa: E402
from charts.maps import ISLANDS, UNKNOWN, shape_map_figure, tile_map_figure  # noqa: E402
from loaders import geo  # noqa: E402
from loaders.geo import load_shapes, load_tiles  # noqa: E402

GEO_DIR = ROOT / "data" / "geo"
MAX_BYTES = 150_000
ERAS = ("legacy", "current")


@pytest.fixture(scope="module")
def units() -> dict:
    with (ROOT / "data" / "provinces.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)["units"]


def read_features(era: str) -> list[dict]:
    return json.loads((GEO_DIR / f"{era}.geojson").read_text(encoding="utf-8"))["features"]


# --- GeoJSON files ---------------------------------------------------------


@pytest.mark.parametrize("era, count", [("legacy", 63), ("current", 34)])
def test_geojson_has_every_unit_once(units, era, count):
    features = read_features(era)
    codes = [f["properties"]["code"] for f in features]
    assert len(features) == count
    assert sorted(codes) == sorted(u["code"] for u in units[era])
    names = {u["code"]: u["name"] for u in units[era]}
    for f in features:
        assert f["properties"]["era"] == era
        assert f["properties"]["name"] == names[f["properties"]["code"]]


@pytest.mark.parametrize("era", ERAS)
def test_geometries_valid_and_in_vietnam(era):
    for f in read_features(era):
        g = shape(f["geometry"])
        assert g.is_valid and not g.is_empty, f["properties"]["code"]
        minx, miny, maxx, maxy = g.bounds
        assert 102 < minx and maxx < 110 and 8 < miny and maxy < 24


@pytest.mark.parametrize("era", ERAS)
def test_file_size_within_budget(era):
    assert (GEO_DIR / f"{era}.geojson").stat().st_size < MAX_BYTES


def test_coordinates_rounded_to_three_decimals():
    text = (GEO_DIR / "legacy.geojson").read_text(encoding="utf-8")
    coords = np.concatenate(
        [shapely.get_coordinates(shape(f["geometry"])) for f in json.loads(text)["features"]]
    )
    assert np.allclose(coords, np.round(coords, 3), atol=1e-9)


def test_current_area_matches_predecessors(units):
    legacy = {f["properties"]["code"]: shape(f["geometry"]) for f in read_features("legacy")}
    current = {f["properties"]["code"]: shape(f["geometry"]) for f in read_features("current")}
    for unit in units["current"]:
        expected = sum(legacy[c].area for c in unit["predecessors"])
        assert current[unit["code"]].area == pytest.approx(expected, rel=0.02), unit["code"]


# --- tiles.csv ---------------------------------------------------------------


@pytest.mark.parametrize("era", ERAS)
def test_tiles_cover_every_unit_once(units, era):
    tiles = load_tiles(era)
    assert sorted(tiles["code"]) == sorted(u["code"] for u in units[era])
    assert not tiles.duplicated(["row", "col"]).any()
    assert tiles["short"].is_unique
    assert tiles["short"].str.len().between(2, 4).all()
    assert (tiles["row"] >= 0).all() and (tiles["col"] >= 0).all()


def test_tiles_keep_na_as_a_label():
    # pandas reads "NA" (Nghệ An) as missing unless told otherwise.
    tiles = load_tiles("legacy")
    assert tiles.loc[tiles["code"] == "40", "short"].item() == "NA"


@pytest.mark.parametrize("era", ERAS)
def test_island_tiles_do_not_cover_unit_tiles(era):
    tiles = load_tiles(era)
    cells = maps._island_cells(tiles)
    assert len(cells) == 2
    for _, row, col in cells:
        clear = (abs(tiles["row"] - row) >= 1) | (abs(tiles["col"] - col) >= 1)
        assert clear.all()


# --- loaders -------------------------------------------------------------------


def test_load_shapes_structure():
    shapes = load_shapes("current")
    assert len(shapes) == 34
    for s in shapes:
        assert {"code", "name", "rings", "lon", "lat"} <= s.keys()
        assert all(r.ndim == 2 and r.shape[1] == 2 for r in s["rings"])
        point = shapely.Point(s["lon"], s["lat"])
        assert any(shapely.Polygon(r).contains(point) for r in s["rings"])


def test_loaders_raise_clear_error_when_files_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(geo, "GEO_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="legacy.geojson"):
        load_shapes("legacy")
    with pytest.raises(FileNotFoundError, match="tiles.csv"):
        load_tiles("legacy")


def test_loaders_reject_unknown_era():
    with pytest.raises(ValueError):
        load_shapes("../secrets")


# --- figures ---------------------------------------------------------------------

COLORS = {"operational": "#1a7f37", "planned": "#fb8c00", "building": "#fdd835", UNKNOWN: "#d9d9d9"}
LABELS = {
    "operational": "Đang vận hành",
    "planned": "Kế hoạch",
    "building": "Đang xây dựng",
    UNKNOWN: "Chưa rõ",
}


def square(x: float, y: float) -> np.ndarray:
    return np.array([(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1), (x, y)], dtype=float)


def fake_shapes() -> list[dict]:
    codes = ["01", "48", "56", "79"]
    return [
        {
            "code": c,
            "name": f"Unit {c}",
            "rings": [square(104 + i, 10 + 2 * i)],
            "lon": 104.5 + i,
            "lat": 10.5 + 2 * i,
        }
        for i, c in enumerate(codes)
    ]


def fake_tiles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["01", "48", "56", "79"],
            "row": [0, 3, 5, 7],
            "col": [1, 2, 2, 1],
            "short": ["HN", "ĐN", "KH", "HCM"],
        }
    )


STATUS = {"01": "planned", "48": "operational", "56": "building"}  # 79 has none


def build(kind: str, **overrides):
    args = dict(
        status_by_code=STATUS,
        color_by_status=COLORS,
        label_by_status=LABELS,
        hover_by_code={c: f"hover {c}" for c in ["01", "48", "56", "79"]},
        legend_title="LGSP",
    )
    args.update(overrides)
    if kind == "shapes":
        return shape_map_figure(fake_shapes(), **args)
    return tile_map_figure(fake_tiles(), **args)


def legend_names(fig) -> list[str]:
    return [t.name for t in fig.data if t.showlegend is not False]


def unit_codes(fig) -> list[str]:
    trace = next(t for t in fig.data if t.name == "units")
    return [c[0] for c in trace.customdata]


@pytest.mark.parametrize("kind", ["shapes", "tiles"])
def test_one_legend_entry_per_status_in_colour_order(kind):
    fig = build(kind)
    # 01 planned, 48 operational, 56 building, 79 missing -> unknown; order of COLORS.
    assert legend_names(fig) == [LABELS[s] for s in ["operational", "planned", "building", UNKNOWN]]


@pytest.mark.parametrize("kind", ["shapes", "tiles"])
def test_unit_without_status_is_unknown(kind):
    fig = build(kind)
    unknown = [t for t in fig.data if t.legendgroup == UNKNOWN]
    assert unknown and all(t.fillcolor == COLORS[UNKNOWN] for t in unknown)
    if kind == "shapes":  # one fill trace per unit: the unknown one is 79's
        assert [t.text for t in unknown] == ["hover 79"]


@pytest.mark.parametrize("kind", ["shapes", "tiles"])
def test_markers_carry_customdata_codes(kind):
    assert sorted(unit_codes(build(kind))) == ["01", "48", "56", "79"]


@pytest.mark.parametrize("kind", ["shapes", "tiles"])
def test_island_markers_take_parent_colour(kind):
    fig = build(kind)
    for island in ISLANDS:
        traces = [t for t in fig.data if t.name == html.escape(island["label"])]
        assert traces, island["label"]
        labelled = [t for t in traces if t.text is not None]
        assert [t.customdata[0][0] for t in labelled] == [island["parent"]]
        assert island["label"].split(" (")[0] in labelled[0].text[0]
        parent_color = COLORS[STATUS[island["parent"]]]
        colours = [t.marker.color for t in traces] + [t.fillcolor for t in traces]
        assert parent_color in colours


def test_shape_map_x_range_includes_islands():
    fig = build("shapes")
    assert fig.layout.xaxis.range[1] > max(i["lon"] for i in ISLANDS)
    assert fig.layout.yaxis.scaleanchor == "x"


def test_tile_map_north_up():
    fig = build("tiles")
    low, high = fig.layout.yaxis.range
    assert low > high  # reversed: row 0 (north) at the top


@pytest.mark.parametrize("kind", ["shapes", "tiles"])
def test_user_strings_are_html_escaped(kind):
    evil = "<b>x</b>"
    shapes = fake_shapes()
    for s in shapes:
        s["name"] = evil
    tiles = fake_tiles().assign(short=evil)
    args = dict(
        status_by_code=STATUS,
        color_by_status=COLORS,
        label_by_status={**LABELS, "planned": evil},
        hover_by_code={"01": evil, "48": f"{evil}\nsecond line"},  # 56/79 fall back to name/short
        legend_title=evil,
    )
    fig = shape_map_figure(shapes, **args) if kind == "shapes" else tile_map_figure(tiles, **args)
    strings = [fig.layout.legend.title.text]
    for t in fig.data:
        for value in (t.name, t.text, t.hovertext):
            strings += [value] if isinstance(value, str) else list(value or [])
    assert not [s for s in strings if "<b>" in s]
    assert "&lt;b&gt;x&lt;/b&gt;" in strings  # label and legend title, escaped
    assert any(s.startswith("&lt;b&gt;") and "<br>second line" in s for s in strings)


@pytest.mark.parametrize("era", ERAS)
def test_figures_build_from_real_files(units, era):
    status = {u["code"]: "operational" for u in units[era][::2]}
    shapes_fig = shape_map_figure(load_shapes(era), status, COLORS, LABELS, {}, "LGSP")
    tiles_fig = tile_map_figure(load_tiles(era), status, COLORS, LABELS, {}, "LGSP")
    for fig in (shapes_fig, tiles_fig):
        assert sorted(unit_codes(fig)) == sorted(u["code"] for u in units[era])
        assert legend_names(fig) == [LABELS["operational"], LABELS[UNKNOWN]]


def test_no_streamlit_import():
    for path in (ROOT / "loaders" / "geo.py", ROOT / "charts" / "maps.py"):
        assert "import streamlit" not in path.read_text(encoding="utf-8")
