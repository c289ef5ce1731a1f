"""Read the map geometry and the tile grid from data/geo/ (no Streamlit here).

The GeoJSON files are built by tools/build_geometry.py; tiles.csv is hand-made.
Both loaders raise FileNotFoundError with a hint, so the dashboard can fall back
to the tile grid or show a message instead of crashing.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

GEO_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
ERAS = ("legacy", "current")
TILE_COLUMNS = ["era", "code", "row", "col", "short"]


def _check_era(era: str) -> None:
    # The era becomes part of a file name: accept only the two known values.
    if era not in ERAS:
        raise ValueError(f"unknown era {era!r}; expected one of {ERAS}")


def _require(path: Path, hint: str) -> None:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; {hint}")


def load_shapes(era: str) -> list[dict]:
    """One dict per unit: code, name, rings [(n, 2) arrays of lon, lat], lon, lat.

    `rings` holds the exterior ring of every part (mainland and islands); the
    build script guarantees there are no holes. (lon, lat) is a point inside
    the largest part, where the chart puts the unit's clickable marker.
    """
    _check_era(era)
    path = GEO_DIR / f"{era}.geojson"
    _require(path, "rebuild it with tools/build_geometry.py (see data/geo/README.md)")
    collection = json.loads(path.read_text(encoding="utf-8"))
    shapes = []
    for feature in collection["features"]:
        props = feature["properties"]
        parts = shapely.get_parts(shape(feature["geometry"]))
        point = max(parts, key=lambda p: p.area).representative_point()
        shapes.append(
            {
                "code": props["code"],
                "name": props["name"],
                "rings": [np.asarray(p.exterior.coords) for p in parts],
                "lon": point.x,
                "lat": point.y,
            }
        )
    return shapes


def load_tiles(era: str) -> pd.DataFrame:
    """Rows of tiles.csv for one era: code, row, col, short (codes stay strings: "01")."""
    _check_era(era)
    path = GEO_DIR / "tiles.csv"
    _require(path, "it is hand-made and kept in the repository")
    # keep_default_na=False: otherwise the label "NA" (Nghệ An) is read as NaN.
    tiles = pd.read_csv(
        path,
        dtype={"era": str, "code": str, "row": int, "col": int, "short": str},
        keep_default_na=False,
    )
    missing = set(TILE_COLUMNS) - set(tiles.columns)
    if missing:
        raise ValueError(f"{path} lacks columns {sorted(missing)}")
    tiles = tiles[tiles["era"] == era]
    return tiles[["code", "row", "col", "short"]].reset_index(drop=True)
