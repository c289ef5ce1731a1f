"""Cluster membership across eras, Vietnamese sorting and accent-blind search."""

import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.clusters import clusters_of_units, units_in_clusters
from analysis.text import markdown_literal, search_units, sort_vietnamese, vi_sort_key


def test_current_unit_inherits_the_clusters_of_its_predecessors(mini):
    membership = clusters_of_units(mini.facts, mini.units)
    assert membership["legacy-27"] == {"3"}
    assert membership["current-24"] == {"3", "4"}  # Bắc Giang (4) + Bắc Ninh (3)
    assert membership["legacy-26"] == frozenset()


def test_filter_by_cluster_and_unknown(mini):
    membership = clusters_of_units(mini.facts, mini.units)
    legacy = mini.units[mini.units["era"] == "legacy"]
    assert set(units_in_clusters(legacy, membership, ["4"])["unit_name"]) == {"Hòa Bình", "Bắc Giang", "Phú Thọ"}
    assert set(units_in_clusters(legacy, membership, ["?"])["unit_name"]) == {"Vĩnh Phúc"}
    assert len(units_in_clusters(legacy, membership, [])) == 5
    current = mini.units[mini.units["era"] == "current"]
    assert set(units_in_clusters(current, membership, ["3"])["unit_name"]) == {"Bắc Ninh"}


def test_vietnamese_order_puts_d_stroke_after_d_and_tones_after_letters():
    names = ["Đồng Nai", "Điện Biên", "Đà Nẵng", "Cà Mau", "Cần Thơ", "Bắc Giang", "Bạc Liêu", "An Giang", "Ấn", "Dương"]
    ordered = sorted(names, key=vi_sort_key)
    assert ordered.index("Dương") < ordered.index("Đà Nẵng") < ordered.index("Điện Biên") < ordered.index("Đồng Nai")
    assert ordered.index("Cà Mau") < ordered.index("Cần Thơ")  # a before â
    assert ordered.index("Bạc Liêu") < ordered.index("Bắc Giang")  # a before ă
    assert ordered[0] == "An Giang" and ordered.index("Ấn") > ordered.index("An Giang")


def test_sort_vietnamese_on_a_frame():
    frame = pd.DataFrame({"n": ["Đắk Lắk", "Yên Bái", "Đà Nẵng", "Cao Bằng"]})
    assert list(sort_vietnamese(frame, "n")["n"]) == ["Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Yên Bái"]


def test_search_without_diacritics_finds_the_legacy_name_and_its_successor(real):
    hits = search_units(real.units, "bac giang")
    assert list(hits["era"]) == ["legacy"]
    assert hits.iloc[0]["unit_name"] == "Bắc Giang" and hits.iloc[0]["links_to"] == "Bắc Ninh"
    current = search_units(real.units, "Bắc Ninh")
    found = dict(zip(current["unit_key"], current["links_to"]))
    assert found["current-24"] == "Bắc Giang, Bắc Ninh"
    assert found["legacy-27"] == "Bắc Ninh"


def test_every_merged_province_is_found_with_and_without_diacritics(real):
    from loaders.tables import fold

    legacy = real.units[real.units["era"] == "legacy"]
    current_names = dict(zip(real.units.loc[real.units["era"] == "current", "unit_code"], real.units.loc[real.units["era"] == "current", "unit_name"]))
    for row in legacy.itertuples():
        for query in (row.unit_name, fold(row.unit_name)):
            hits = search_units(real.units, query)
            match = hits[hits["unit_key"] == row.unit_key]
            assert len(match) == 1, query
            assert match.iloc[0]["links_to"] == current_names[row.successor_code]


def test_empty_search_finds_nothing(real):
    assert search_units(real.units, "   ").empty


@given(st.text(max_size=60))
def test_markdown_literal_escapes_every_punctuation_mark_and_nothing_else(text):
    shown = markdown_literal(text)
    # CommonMark turns each backslash pair back into the character: the reader sees `text`.
    assert re.sub(r"\\(.)", r"\1", shown, flags=re.S) == text
    unescaped = re.sub(r"\\.", "", shown, flags=re.S)
    assert not any(c in unescaped for c in "*_[]()`:$<>#|~\\")


def test_markdown_literal_disarms_links_emphasis_and_streamlit_directives():
    assert markdown_literal("**b** [x](javascript:a) :red[r]") == (
        r"\*\*b\*\* \[x\]\(javascript\:a\) \:red\[r\]"
    )
