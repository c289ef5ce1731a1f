"""The unit table and the 63 -> 34 crosswalk against the official code lists."""

import json
import sqlite3
from importlib import resources

from loaders.tables import fold


def _units(real, era):
    return real.units[real.units["era"] == era]


def test_63_legacy_and_34_current_units(real):
    assert len(_units(real, "legacy")) == 63 and len(_units(real, "current")) == 34


def test_crosswalk_covers_each_legacy_province_exactly_once(real):
    claimed = [c for codes in _units(real, "current")["predecessor_codes"] for c in codes.split(";")]
    assert sorted(claimed) == sorted(_units(real, "legacy")["unit_code"])
    sizes = [len(codes.split(";")) for codes in _units(real, "current")["predecessor_codes"]]
    assert sizes.count(1) == 11 and len(sizes) - sizes.count(1) == 23
    assert sum(s for s in sizes if s > 1) == 52


def test_successors_and_predecessors_agree(real):
    current = _units(real, "current").set_index("unit_code")
    for row in _units(real, "legacy").itertuples():
        assert row.unit_code in current.loc[row.successor_code, "predecessor_codes"].split(";")


def test_every_current_unit_has_a_sourced_formation(real):
    formations = real.formations.set_index("code")
    for row in _units(real, "current").itertuples():
        assert row.unit_code in formations.index
        sourced = formations.loc[row.unit_code, "predecessors"].split(";")
        assert sorted(sourced) == sorted(row.predecessor_codes.split(";"))
        assert formations.loc[row.unit_code, "sources"]


def _bare(name: str) -> str:
    for prefix in ("Thành phố ", "TP ", "Tỉnh "):
        name = name.removeprefix(prefix)
    return fold(name).replace(" ", "").replace("-", "")


def test_current_codes_names_and_kinds_match_vietnam_provinces():
    import vietnam_provinces  # GPL-3.0: a test-only dependency (requirements-dev.txt)

    official = {f"{int(p.code):02d}": p for p in vietnam_provinces.Province.iter_all()}
    from loaders.tables import load_dataset

    units = load_dataset().units
    current = units[units["era"] == "current"]
    assert set(current["unit_code"]) == set(official)
    for row in current.itertuples():
        province = official[row.unit_code]
        assert _bare(row.unit_name) == _bare(province.name)
        is_city = "THANH_PHO" in str(province.division_type)
        assert (row.kind == "city") == is_city, row.unit_name


def test_legacy_codes_names_and_crosswalk_match_vietnamadminunits(real):
    package = resources.files("vietnamadminunits") / "data"
    db = sqlite3.connect(str(package / "dataset.db"))
    official = {code: key for code, key in db.execute("select distinct provinceCode, provinceKey from admin_units_legacy")}
    legacy = _units(real, "legacy")
    assert set(legacy["unit_code"]) == set(official)
    for row in legacy.itertuples():
        if row.unit_code == "46":
            continue  # the package already calls it Huế; we keep the legacy name Thừa Thiên Huế
        assert official[row.unit_code].endswith(_bare(row.unit_name).replace("tphochiminh", "hochiminh"))
    converter = json.loads((package / "converter_2025.json").read_text())["DICT_PROVINCE"]
    by_key = {key: code for code, key in official.items()}
    current = _units(real, "current")
    groups = {frozenset(by_key[k] for k in members) for members in converter.values()}
    ours = {frozenset(codes.split(";")) for codes in current["predecessor_codes"]}
    assert groups == ours
