"""The status and roll-up rules on the hand-made miniature dataset."""

import pandas as pd

from analysis.status import headline, status_table


def with_fact(facts, like, **changes):
    """The facts plus a hand-made one: a copy of the first row matching `like`, changed."""
    template = facts[like(facts)].iloc[[0]]
    return pd.concat([facts, template.assign(**changes)], ignore_index=True)


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
    # Bắc Ninh's own LGSP facts (building, planned) sit below the national "operational":
    # only evidence at the top stage counts, so the cell is national.
    assert cell(table, "legacy-27", "lgsp").evidence == "national"
    # Current Phú Thọ rolls up Hòa Bình, Phú Thọ and Vĩnh Phúc, whose LGSP is known only from
    # the national fact: national. Its IOC comes from Phú Thọ's own "2020-12" (known from
    # 31 Dec 2020) and Hòa Bình's own operational of 2021-09-15: province, since the earlier.
    current = status_table(mini.facts, mini.units, "current", "2024-01-01")
    assert cell(current, "current-25", "lgsp").evidence == "national"
    phu_tho_ioc = cell(current, "current-25", "ioc")
    assert (phu_tho_ioc.status, phu_tho_ioc.evidence) == ("operational", "province")
    assert phu_tho_ioc.since == pd.Timestamp("2020-12-31")


def test_province_evidence_wins_a_tie_with_national_evidence_at_the_top(mini):
    # Vĩnh Phúc (legacy 26) has only the national LGSP "operational" of end-2020. Give it its
    # own province-sourced "operational" of March 2022: both are at the top stage.
    facts = with_fact(
        mini.facts, lambda f: (f["unit_code"] == "27") & (f["field"] == "lgsp") & (f["evidence"] == "province"),
        unit_code="26", unit_name="Vĩnh Phúc", value="operational", date="2022-03",
        known_by=pd.Timestamp("2022-03-31"), fact_id="hand-made-own-lgsp",
    )
    vinh_phuc = cell(status_table(facts, mini.units, "legacy", "2024-01-01"), "legacy-26", "lgsp")
    assert (vinh_phuc.status, vinh_phuc.evidence, vinh_phuc.conflict) == ("operational", "province", False)
    # The stage was first known from the national fact, so `since` stays end-2020.
    assert vinh_phuc.since == pd.Timestamp("2020-12-31")
    # Before March 2022 only the national fact is known.
    assert cell(status_table(facts, mini.units, "legacy", "2022-03-30"), "legacy-26", "lgsp").evidence == "national"
    # The tie carries over to the roll-up: current Phú Thọ's predecessors are all operational,
    # Hòa Bình and Phú Thọ on national evidence, Vĩnh Phúc now on its own: province wins.
    rolled = cell(status_table(facts, mini.units, "current", "2024-01-01"), "current-25", "lgsp")
    assert (rolled.status, rolled.evidence, rolled.basis) == ("operational", "province", "derived")
    assert rolled.since == pd.Timestamp("2020-12-31")


def test_province_evidence_wins_when_national_evidence_comes_later(mini):
    # The other order: Phú Thọ (legacy 25) reported its own operational IOC ("2020-12"); a
    # hand-made national "operational" IOC row for it dated 2022 comes later, at the same stage.
    facts = with_fact(
        mini.facts, lambda f: (f["unit_code"] == "25") & (f["field"] == "lgsp") & (f["evidence"] == "national"),
        field="ioc", value="operational", date="2022", known_by=pd.Timestamp("2022-12-31"),
        fact_id="hand-made-national-ioc",
    )
    phu_tho = cell(status_table(facts, mini.units, "legacy", "2024-01-01"), "legacy-25", "ioc")
    assert (phu_tho.status, phu_tho.evidence) == ("operational", "province")
    assert phu_tho.since == pd.Timestamp("2020-12-31")


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
    facts = with_fact(
        mini.facts, lambda f: (f["era"] == "current") & (f["field"] == "ioc"),
        unit_code="25", unit_name="Phú Thọ", value="trial", date="2025-10-01",
        known_by=pd.Timestamp("2025-10-01"), fact_id="hand-made-trial",
    )
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
