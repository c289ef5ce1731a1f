"""The benchmark's own parts: synthetic data, the JSON contract, the reference page.

No timing is asserted here: timings belong to `python -m bench`, not to a test
that must pass on any machine.
"""

import json
import os
import subprocess
import sys

from streamlit.testing.v1 import AppTest

from bench import synthetic
from bench.report import write_json
from tests.conftest import ROOT


def test_synthetic_10x_validates_and_has_about_ten_times_the_facts(tmp_path, real):
    out = synthetic.generate(10, tmp_path / "data")
    env = {**os.environ, "EGOV_DATA_DIR": str(out)}
    done = subprocess.run(
        [sys.executable, "-m", "loaders", "validate"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # "ok: 100 legacy and 71 current units, 5190 facts, ..."
    facts = int(done.stdout.split(" facts")[0].rsplit(" ", 1)[1])
    # 10x the fact records; `code: all` facts also reach the 37 added units.
    assert 9 <= facts / len(real.facts) <= 13
    assert "100 legacy and 71 current units" in done.stdout


def fake_result(browser):
    page = {"rerun_ratio": 1.5, "own_share": 0.2, "median_ms": 90.0, "runs": 5, "profile": {}, "error": ""}
    size = {"facts": 1, "load_ms": 1.0, "rerun_ms": 1.0, "load_ratio": 1.0, "rerun_ratio": 1.0, "loads": 1, "runs": 1, "error": ""}
    return {
        "reference_ms": 60.0,
        "pages": {name: dict(page) for name in ("overview", "profile", "compare", "progress", "data")},
        "scale": {"page": "overview", "sizes": {"1x": dict(size), "10x": dict(size), "100x": dict(size)}},
        "browser": browser,
        "browser_note": "",
        "bad_inputs": {"files": 2, "median_s": 0.5, "slowest_s": 0.7, "slowest_file": "empty.yaml", "runs": []},
    }


def test_json_has_exactly_the_contract_keys(tmp_path):
    path = tmp_path / "bench.json"
    write_json(fake_result({"overview_ms": 1200.0, "reference_ms": 1000.0, "ratio": 1.2, "visits": 3}), path)
    written = json.loads(path.read_text())
    # The contract, plus the bad-input timings this project adds.
    assert set(written) == {"pages", "scale", "browser_ratio", "bad_inputs"}
    assert written["bad_inputs"] == {"files": 2, "median_s": 0.5, "slowest_s": 0.7, "slowest_file": "empty.yaml"}
    assert set(written["pages"]) == {"overview", "profile", "compare", "progress", "data"}
    assert all(set(p) == {"rerun_ratio", "own_share"} for p in written["pages"].values())
    assert set(written["scale"]) == {"10x", "100x"}
    assert all(set(s) == {"load_ratio", "rerun_ratio"} for s in written["scale"].values())
    assert written["browser_ratio"] == 1.2


def test_json_browser_ratio_is_null_without_a_browser(tmp_path):
    path = tmp_path / "bench.json"
    write_json(fake_result(None), path)
    assert json.loads(path.read_text())["browser_ratio"] is None


def test_reference_page_runs():
    at = AppTest.from_file(str(ROOT / "bench" / "reference_app.py"), default_timeout=60).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1 and len(at.dataframe[0].value) == 63
