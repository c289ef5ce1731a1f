"""The dashboard shows each broken file's problems on its page, and recovers once it is fixed.

Every file of tests/bad_inputs/ is put in a data folder beside the real unit table
(data/provinces.yaml) and the dashboard is run on it with AppTest: no exception, an error
box, and the same `file:line:` and message that tests/bad_inputs/expected.yaml gives for
`python -m loaders validate`.
"""

from __future__ import annotations

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.test_bad_inputs import CORPUS, EXPECTED, expectations
# Files that define units clash with the real unit table in a way the command-line run of
# the file alone does not; they are covered by tests/test_bad_inputs.py.
UNIT_TABLES = {name for name in EXPECTED if "units:" in (CORPUS / name).read_text(encoding="utf-8", errors="replace")}


def run_dashboard(data_dir, monkeypatch) -> AppTest:
    monkeypatch.setenv("EGOV_DATA_DIR", str(data_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()


def data_dir_with(tmp_path, name: str):
    (tmp_path / "facts").mkdir()
    shutil.copy(ROOT / "data" / "provinces.yaml", tmp_path / "provinces.yaml")
    shutil.copy(CORPUS / name, tmp_path / "facts" / name)
    return tmp_path


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - UNIT_TABLES))
def test_the_page_lists_the_same_problems_as_the_command(name, tmp_path, monkeypatch):
    at = run_dashboard(data_dir_with(tmp_path, name), monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert at.error
    shown = at.code[0].value.splitlines()
    for expected in expectations(name):
        located = [line for line in shown if f"{name}:{expected['line']}:" in line]
        assert any(expected["message"] in line for line in located), (expected, shown)


def test_the_dashboard_recovers_when_the_file_is_fixed(tmp_path, monkeypatch):
    data_dir = data_dir_with(tmp_path, "fact_unknown_status.yaml")
    at = run_dashboard(data_dir, monkeypatch)
    assert at.error and not at.metric
    broken = data_dir / "facts" / "fact_unknown_status.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("value: done", "value: operational"), encoding="utf-8")
    at = run_dashboard(data_dir, monkeypatch)
    assert not at.exception and not at.error
    assert len(at.metric) == 5  # the overview's headline figures are back
