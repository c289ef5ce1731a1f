"""The status and roll-up rules on the hand-made miniature dataset."""

import pandas as pd

from analysis.status import headline, status_table


def cell(table, key, indicator):
    rows = table[(table["unit_key"] == key) & (table["indicator"] == indicator)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_status_is_the_most_advanced_stage_known_by_the_date(mini):
    before = status_table(mini.facts, mini.units, "legacy", "2021-06-30")
    after = status_table(mini.facts, mini.units, "legacy", "2021-10-01")
    assert cell(before, "legacy-17", "ioc").status == "trial"
    assert cell(after, "legacy-17", "ioc").status == "operational"
    assert cell(after, "legacy-17", "ioc").since == pd.Timestamp("2021-09-15")


def test_partial_dates_count_from_the_end_of_their_period(mini):
    # Phú Thọ's IOC is dated "2020-12": unknown on 30 Dec, known on 31 Dec.
    assert cell(status_table(mini.facts, mini.units, "legacy", "2020-12-30"), "legacy-25", "ioc").status == "unknown"
    assert cell(status_table(mini.facts, mini.units, "legacy", "2020-12-31"), "legacy-25", "ioc").status == "operational"


def test_unknown_is_explicit_not_no(mini):
    table = status_table(mini.facts, mini.units, "legacy", "2024-01-01")
    vinh_phuc = cell(table, "legacy-26", "ioc")
    assert vinh_phuc.status == "unknown" and vinh_phuc.basis == "" and not vinh_phuc.conflict


def test_a_later_less_advanced_fact_is_a_conflict(mini):
    table = status_table(mini.facts, mini.units, "legacy", "2024-01-01")
    bac_ninh = cell(table, "legacy-27", "lgsp")
    assert bac_ninh.conflict
    assert bac_ninh.status == "operational"  # national evidence of end-2020 is still the top stage
    assert not cell(table, "legacy-24", "lgsp").conflict


def test_national_evidence_is_marked_and_province_evidence_wins(mini):
    table = status_table(mini.facts, mini.units, "legacy", "2024-01-01")
    assert cell(table, "legacy-26", "lgsp").evidence == "national"
    assert cell(table, "legacy-17", "ioc").evidence == "province"


def test_drafting_architecture_is_its_own_level(mini):
    table = status_table(mini.facts, mini.units, "legacy", "2024-01-01")
    assert cell(table, "legacy-24", "architecture").status == "2.0-drafting"
    assert headline(table).set_index("indicator").loc["architecture", "reached"] == 0


def test_legacy_provinces_are_frozen_after_the_merger(mini):
    assert cell(status_table(mini.facts, mini.units, "legacy", "2025-06-30"), "legacy-25", "ioc").basis == "own"
    assert cell(status_table(mini.facts, mini.units, "legacy", "2025-07-01"), "legacy-25", "ioc").basis == "frozen"


def test_rollup_all_predecessors_known(mini):
    table = status_table(mini.facts, mini.units, "current", "2022-01-01")
    phu_tho = cell(table, "current-25", "lgsp")
    assert (phu_tho.status, phu_tho.basis) == ("operational", "derived")
    assert [p[1] for p in phu_tho.parts] == ["operational", "operational", "operational"]


def test_rollup_some_predecessors_unknown(mini):
    table = status_table(mini.facts, mini.units, "current", "2021-06-30")
    phu_tho = cell(table, "current-25", "ioc")
    assert phu_tho.status == "operational" and phu_tho.basis == "derived"
    assert dict((name, status) for name, status, _ in phu_tho.parts) == {
        "Hòa Bình": "trial", "Phú Thọ": "operational", "Vĩnh Phúc": "unknown",
    }
    assert phu_tho.since == pd.Timestamp("2020-12-31")


def test_rollup_carries_a_predecessor_conflict(mini):
    table = status_table(mini.facts, mini.units, "current", "2022-01-01")
    assert cell(table, "current-24", "lgsp").conflict
    assert not cell(table, "current-25", "lgsp").conflict


def test_own_post_merger_fact_overrides_the_rollup(mini):
    before = status_table(mini.facts, mini.units, "current", "2025-09-14")
    after = status_table(mini.facts, mini.units, "current", "2025-09-15")
    assert cell(before, "current-24", "ioc").status == "unknown"
    own = cell(after, "current-24", "ioc")
    assert (own.status, own.basis, own.parts) == ("operational", "own", ())


def test_own_fact_below_what_the_predecessors_reached_is_flagged(mini):
    # Phú Thọ (current 25) rolls up an operational IOC from Phú Thọ and Hòa Bình (legacy).
    rolled = cell(status_table(mini.facts, mini.units, "current", "2025-10-01"), "current-25", "ioc")
    assert (rolled.status, rolled.basis, rolled.conflict) == ("operational", "derived", False)
    # A post-merger report of a mere trial still decides the status, but is marked as a conflict.
    template = mini.facts[(mini.facts["era"] == "current") & (mini.facts["field"] == "ioc")].iloc[[0]]
    trial = template.assign(
        unit_code="25", unit_name="Phú Thọ", value="trial", date="2025-10-01",
        known_by=pd.Timestamp("2025-10-01"), fact_id="hand-made-trial",
    )
    facts = pd.concat([mini.facts, trial], ignore_index=True)
    own = cell(status_table(facts, mini.units, "current", "2025-10-02"), "current-25", "ioc")
    assert (own.status, own.basis, own.conflict) == ("trial", "own", True)
    # An own fact at or above the roll-up is no conflict (Bắc Ninh's operational IOC).
    assert not cell(status_table(facts, mini.units, "current", "2025-10-02"), "current-24", "ioc").conflict


def test_code_reuse_never_mixes_eras(mini):
    # Code 24 is Bắc Giang (legacy) and Bắc Ninh (current): separate rows, separate facts.
    legacy = status_table(mini.facts, mini.units, "legacy", "2025-10-01")
    current = status_table(mini.facts, mini.units, "current", "2025-10-01")
    assert cell(legacy, "legacy-24", "ioc").status == "unknown"
    assert cell(current, "current-24", "ioc").status == "operational"
    assert set(legacy["unit_name"][legacy["unit_code"] == "24"]) == {"Bắc Giang"}
    assert set(current["unit_name"][current["unit_code"] == "24"]) == {"Bắc Ninh"}


def test_every_unit_gets_every_indicator(mini):
    for era, count in (("legacy", 5), ("current", 2)):
        table = status_table(mini.facts, mini.units, era, "2023-01-01")
        assert len(table) == count * 5
        assert table.groupby("unit_key").size().eq(5).all()
