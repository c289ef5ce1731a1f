"""ui/data.py picks up edited data files, and does not look at them on every call.

The cached accessors are keyed by a fingerprint of the data files (name, size,
modification time), which is itself looked at most once per FINGERPRINT_SECONDS.
Each test works on a copy of tests/fixtures/mini, with a clock it controls.
Streamlit's caches work outside a server (with a warning); they are cleared
around every test so that no test sees another's data.
"""

import datetime as dt
import os
import shutil
from types import SimpleNamespace

import pytest
import streamlit as st

import ui.data
from tests.conftest import MINI

# tests/fixtures/mini has 12 fact entries, one of them `code: all` over the 5 legacy
# provinces: 11 + 5 = 16 fact rows (see the comments in tests/test_cli.py).
MINI_FACT_ROWS = 16
# One more, for Vĩnh Phúc's IOC: the fixture has no IOC fact for it (only a `searched:` note).
NEW_FACT = '  - {era: legacy, code: "26", name: Vĩnh Phúc, field: ioc, value: operational, date: 2021-06, sources: [s2]}\n'


class Clock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of the mini data that ui.data reads, a fake clock, and counters of the work done."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    monkeypatch.setenv("EGOV_DATA_DIR", str(folder))
    clock = Clock()
    monkeypatch.setattr(ui.data, "time", SimpleNamespace(monotonic=clock.monotonic))
    monkeypatch.setattr(ui.data, "_fingerprints", {})
    calls = {"listed": 0, "loaded": 0}
    list_files, load_files = ui.data.default_files, ui.data.load_dataset

    def counted_list(*args, **kwargs):
        calls["listed"] += 1
        return list_files(*args, **kwargs)

    def counted_load(*args, **kwargs):
        calls["loaded"] += 1
        return load_files(*args, **kwargs)

    monkeypatch.setattr(ui.data, "default_files", counted_list)
    monkeypatch.setattr(ui.data, "load_dataset", counted_load)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield SimpleNamespace(folder=folder, facts=folder / "facts" / "facts.yaml", clock=clock, calls=calls)
    st.cache_data.clear()
    st.cache_resource.clear()


def add_fact(path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("searched:\n", NEW_FACT + "searched:\n", 1), encoding="utf-8")


def vinh_phuc_ioc(facts):
    return facts[(facts["era"] == "legacy") & (facts["unit_code"] == "26") & (facts["field"] == "ioc")]


def ioc_of_vinh_phuc():
    table = ui.data.status_table("legacy", dt.date(2024, 1, 1))
    row = table[(table["unit_key"] == "legacy-26") & (table["indicator"] == "ioc")]
    return row.iloc[0].status


def test_an_added_fact_is_seen_once_the_memo_window_has_passed(data):
    before = ui.data.dataset()
    assert len(before.facts) == MINI_FACT_ROWS and vinh_phuc_ioc(before.facts).empty
    assert ioc_of_vinh_phuc() == "unknown"
    assert data.calls == {"listed": 1, "loaded": 1}

    add_fact(data.facts)
    data.clock.now += ui.data.FINGERPRINT_SECONDS + 0.01

    after = ui.data.dataset()
    assert len(after.facts) == MINI_FACT_ROWS + 1
    [row] = vinh_phuc_ioc(after.facts).itertuples()
    assert (row.unit_name, row.value, row.date, row.source_ids) == ("Vĩnh Phúc", "operational", "2021-06", "s2")
    assert data.calls == {"listed": 2, "loaded": 2}
    # The derived tables are keyed by the same fingerprint: the status grid sees it too.
    assert ioc_of_vinh_phuc() == "operational"


def test_within_the_memo_window_nothing_is_looked_at_again(data):
    first = ui.data.dataset()
    assert ioc_of_vinh_phuc() == "unknown"
    add_fact(data.facts)
    data.clock.now += ui.data.FINGERPRINT_SECONDS - 0.01

    # Still inside the window: the folder is not listed again and the old data is served.
    assert ui.data.dataset() is first
    assert len(ui.data.dataset().facts) == MINI_FACT_ROWS
    assert ioc_of_vinh_phuc() == "unknown"
    assert data.calls == {"listed": 1, "loaded": 1}


def test_past_the_window_unchanged_files_are_not_read_again(data):
    first = ui.data.dataset()
    data.clock.now += ui.data.FINGERPRINT_SECONDS + 0.01
    # The folder is looked at again, the fingerprint is the same: no parse.
    assert ui.data.dataset() is first
    assert data.calls == {"listed": 2, "loaded": 1}
    # That look starts a new window: the calls of the same rerun do not list the folder again.
    data.clock.now += ui.data.FINGERPRINT_SECONDS - 0.02
    ui.data.dataset(), ui.data.status_table("legacy", dt.date(2024, 1, 1)), ui.data.membership()
    assert data.calls == {"listed": 2, "loaded": 1}


def _publisher_of_s1():
    sources = ui.data.dataset().sources
    return sources.loc[sources["id"] == "s1", "publisher"].item()


def test_a_change_of_modification_time_alone_reloads(data):
    # s1's publisher "P" becomes "Q": the same size, a later modification time.
    assert _publisher_of_s1() == "P"
    stat = data.facts.stat()
    text = data.facts.read_text(encoding="utf-8")
    data.facts.write_text(text.replace("id: s1, title: One, publisher: P,", "id: s1, title: One, publisher: Q,", 1), encoding="utf-8")
    os.utime(data.facts, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert data.facts.stat().st_size == stat.st_size
    data.clock.now += ui.data.FINGERPRINT_SECONDS + 0.01
    assert _publisher_of_s1() == "Q"
    assert data.calls["loaded"] == 2


def test_a_change_of_size_alone_reloads(data):
    # s1's publisher "P" becomes "PQ": one byte more, the modification time put back.
    assert _publisher_of_s1() == "P"
    stat = data.facts.stat()
    text = data.facts.read_text(encoding="utf-8")
    data.facts.write_text(text.replace("id: s1, title: One, publisher: P,", "id: s1, title: One, publisher: PQ,", 1), encoding="utf-8")
    os.utime(data.facts, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert data.facts.stat().st_mtime_ns == stat.st_mtime_ns
    assert data.facts.stat().st_size == stat.st_size + 1
    data.clock.now += ui.data.FINGERPRINT_SECONDS + 0.01
    assert _publisher_of_s1() == "PQ"
    assert data.calls["loaded"] == 2
