"""The command line: validate, export, schema, coverage."""

import csv
import io
import json
import shutil
import os
import subprocess
import sys

import yaml

from tests.conftest import MINI, ROOT


def run(*args, cwd=ROOT, data=None):
    """`python -m loaders ARGS`; `data` points EGOV_DATA_DIR at another data folder."""
    env = {**os.environ, "EGOV_DATA_DIR": str(data)} if data else {k: v for k, v in os.environ.items() if k != "EGOV_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "loaders", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_validate_the_real_data():
    result = run("validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: 63 legacy and 34 current units")


def _line_of(path, needle):
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_validate_reports_three_injected_mistakes_with_their_lines(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    provinces = copy / "provinces.yaml"
    provinces.write_text(provinces.read_text(encoding="utf-8").replace('name: Cao Bằng, kind: province, successor: "04"', 'name: Cao Bằng, kind: provinc, successor: "04"', 1), encoding="utf-8")
    clusters = copy / "facts" / "clusters.yaml"
    text = clusters.read_text(encoding="utf-8")
    first_value = text.index("value: \"", text.index("facts:"))
    clusters.write_text(text[:first_value] + 'value: "9"' + text[first_value + len('value: "1"'):], encoding="utf-8")
    national = copy / "facts" / "national.yaml"
    text = national.read_text(encoding="utf-8")
    url_at = text.index("url: ")
    national.write_text(text[:url_at] + "url: ftp://example.org/x\n    " + text[url_at:].split("\n", 1)[1].lstrip(), encoding="utf-8")
    files = [str(provinces), str(clusters), str(national), *map(str, sorted((copy / "facts").glob("*.yaml")))]
    result = run("validate", *dict.fromkeys(files))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3, result.stdout
    expected = [
        (f"provinces.yaml:{_line_of(provinces, 'kind: provinc,')}:", "kind"),
        (f"clusters.yaml:{_line_of(clusters, 'value: ' + chr(34) + '9')}:", "value"),
        (f"national.yaml:{_line_of(national, 'ftp://')}:", "http"),
    ]
    for location, word in expected:
        assert any(location in line and word in line for line in lines), (location, lines)


def test_export_csv_has_the_promised_columns():
    result = run("export", "--format", "csv")
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    for column in ("era", "unit_code", "unit_name", "field", "value", "date", "source_url"):
        assert column in rows[0]
    assert {r["era"] for r in rows} <= {"legacy", "current"}
    assert all(len(r["unit_code"]) == 2 for r in rows)
    assert {r["field"] for r in rows} >= {"cluster", "lgsp", "ngsp", "ioc", "architecture", "smart_city"}


def test_export_json_matches_csv_row_count():
    as_json = json.loads(run("export", "--format", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert len(as_json) == len(as_csv) > 0
    assert as_json[0].keys() >= {"era", "unit_code", "unit_name", "field", "value", "date", "source_url"}


# The mini fixture's fact table, counted by hand from tests/fixtures/mini/facts/facts.yaml:
# 12 entries under `facts:`; one of them (`code: all`, LGSP operational end-2020) becomes one
# row per legacy unit of provinces.yaml (Hòa Bình, Bắc Giang, Phú Thọ, Vĩnh Phúc, Bắc Ninh),
# so 11 + 5 = 16 rows.
MINI_FACT_ROWS = 16


def test_export_has_one_row_per_fact_with_code_all_expanded():
    as_csv = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", data=MINI).stdout)))
    as_json = json.loads(run("export", "--format", "json", data=MINI).stdout)
    assert len(as_csv) == len(as_json) == MINI_FACT_ROWS
    # The national LGSP fact reaches each of the 5 legacy units once, as national evidence.
    national = [r for r in as_csv if r["source_ids"] == "nat"]
    assert sorted(r["unit_code"] for r in national) == ["17", "24", "25", "26", "27"]
    assert {(r["era"], r["field"], r["value"], r["evidence"]) for r in national} == {
        ("legacy", "lgsp", "operational", "national")
    }


def _fact_rows_in_the_yaml(folder):
    """Rows the export must have, counted from the raw YAML without the loader:
    one per fact entry, or one per unit of its era for `code: all`."""
    provinces = yaml.safe_load((folder / "provinces.yaml").read_text(encoding="utf-8"))
    per_era = {era: len(units) for era, units in provinces["units"].items()}
    rows = 0
    for path in sorted((folder / "facts").glob("*.yaml")):
        for fact in yaml.safe_load(path.read_text(encoding="utf-8")).get("facts") or []:
            rows += per_era[fact["era"]] if fact["code"] == "all" else 1
    return rows


def test_export_of_the_real_data_has_one_row_per_fact():
    as_csv = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert len(as_csv) == _fact_rows_in_the_yaml(ROOT / "data")
    # ...and the national facts are among them: some rows are national evidence.
    assert any(r["evidence"] == "national" for r in as_csv)


def test_export_csv_and_json_agree_on_a_known_record_field_by_field():
    as_csv = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", data=MINI).stdout)))
    as_json = json.loads(run("export", "--format", "json", data=MINI).stdout)
    # Bắc Giang's architecture 2.0 draft, written in the fixture as
    # {era: legacy, code: "24", name: Bắc Giang, field: architecture, value: "2.0",
    #  stage: drafting, date: 2020-07, sources: [s1]}, s1 being
    # {id: s1, title: One, publisher: P, url: "https://example.org/1", published: 2021-01-05}.
    # Rows are sorted by era, code, field, date: the one current row (Bắc Ninh's IOC) first,
    # then Hòa Bình (17) cluster, IOC trial, IOC operational, LGSP, then Bắc Giang (24)
    # architecture: the 6th row, f00006.
    expected = {
        "fact_id": "f00006", "era": "legacy", "unit_code": "24", "unit_name": "Bắc Giang",
        "field": "architecture", "value": "2.0", "stage": "drafting", "date": "2020-07",
        "date_basis": "event",  # the documented default
        "source_url": "https://example.org/1", "other_source_urls": "", "source_ids": "s1",
        "source_title": "One", "source_publisher": "P", "source_published": "2021-01-05",
        "evidence": "province", "note": "", "conflict": "",
    }
    [from_csv] = [r for r in as_csv if r["unit_code"] == "24" and r["field"] == "architecture"]
    [from_json] = [r for r in as_json if r["unit_code"] == "24" and r["field"] == "architecture"]
    assert {k: from_csv[k] for k in expected} == expected
    assert {k: from_json[k] for k in expected} == expected
    # Every other column says the same in both formats (JSON false is CSV False).
    assert list(from_json) == list(from_csv)
    for key, value in from_json.items():
        assert from_csv[key] == ("" if value is None else str(value)), key
    assert from_json["ascn"] is False and from_csv["ascn"] == "False"


def test_export_units_has_the_crosswalk():
    rows = list(csv.DictReader(io.StringIO(run("export", "--units", "--format", "csv").stdout)))
    assert len(rows) == 97
    bac_giang = next(r for r in rows if r["era"] == "legacy" and r["unit_code"] == "24")
    assert bac_giang["unit_name"] == "Bắc Giang" and bac_giang["successor_code"] == "24"
    bac_ninh = next(r for r in rows if r["era"] == "current" and r["unit_code"] == "24")
    assert bac_ninh["predecessor_codes"] == "24;27" and bac_ninh["kind"] == "province"


def test_schema_command_writes_the_schema(tmp_path):
    target = tmp_path / "schema.json"
    result = run("schema", "--output", str(target))
    assert result.returncode == 0
    schema = json.loads(target.read_text())
    assert "facts" in schema["properties"]


def test_schema_command_that_cannot_write_says_so_without_a_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    result = run("schema", "--output", str(blocker / "schema.json"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{blocker / 'schema.json'}: cannot write the schema" in result.stderr
    assert blocker.read_text() == "not a folder\n"


# Coverage of the mini fixture, cell by cell (5 legacy provinces x 4 indicator groups = 20 cells):
#   lgsp_ngsp: only the national `code: all` fact for Hòa Bình, Bắc Giang, Phú Thọ, Vĩnh Phúc
#              (national); Bắc Ninh's own "building" (2019-05) then "planned" (2021) after the
#              national "operational" (2020-12) is a stage going backwards (conflicting).
#   ioc:       Hòa Bình (trial, operational) and Phú Thọ (operational) have their own facts
#              (sourced); Bắc Giang, Vĩnh Phúc (only a `searched:` note) and Bắc Ninh (only a
#              current-era fact) are unknown.
#   architecture: Bắc Giang's 2.0 draft is sourced; the other 4 unknown.
#   smart_city: no fact at all, 5 unknown.
# Cells with a fact: 5 + 2 + 1 = 8 of 20 = 40.0%; province-specific (sourced or conflicting):
# Bắc Ninh LGSP, Hòa Bình IOC, Phú Thọ IOC, Bắc Giang architecture = 4 = 20.0%.
# Clusters: Hòa Bình, Bắc Giang, Phú Thọ, Bắc Ninh have one; Vĩnh Phúc none: 4.
MINI_COVERAGE = {
    "legacy_units": 5,
    "cells": 20,
    "cells_with_fact": 8,
    "cells_with_fact_pct": 40.0,
    "cells_province_specific": 4,
    "cells_province_specific_pct": 20.0,
    "units_with_cluster": 4,
    "facts": MINI_FACT_ROWS,
    "sources": 4,  # s1, s2, nat, s3
    "by_indicator": {
        "lgsp_ngsp": {"sourced": 0, "national": 4, "conflicting": 1, "unknown": 0},
        "ioc": {"sourced": 2, "national": 0, "conflicting": 0, "unknown": 3},
        "architecture": {"sourced": 1, "national": 0, "conflicting": 0, "unknown": 4},
        "smart_city": {"sourced": 0, "national": 0, "conflicting": 0, "unknown": 5},
    },
}


def test_coverage_prints_the_figures():
    result = run("coverage", "--json")
    figures = json.loads(result.stdout)
    assert figures["legacy_units"] == 63 and figures["cells"] == 252
    assert 0 <= figures["cells_province_specific"] <= figures["cells_with_fact"] <= 252
    assert "target 80%" in run("coverage").stdout


def test_coverage_of_the_mini_data_as_json():
    result = run("coverage", "--json", data=MINI)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == MINI_COVERAGE


def test_coverage_counts_a_province_with_two_cluster_memberships_once(tmp_path):
    # In the fixture each clustered province has one membership, so counting cluster facts
    # and counting provinces agree; a second year for Hòa Bình tells them apart.
    data = tmp_path / "mini"
    shutil.copytree(MINI, data)
    facts = data / "facts" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    second = '  - {era: legacy, code: "17", name: Hòa Bình, field: cluster, value: "4", year: 2021, date: 2021, sources: [s2]}\n'
    facts.write_text(text.replace("searched:\n", second + "searched:\n", 1), encoding="utf-8")
    result = run("coverage", "--json", data=data)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(result.stdout)
    # Still Hòa Bình, Bắc Giang, Phú Thọ, Bắc Ninh; one more fact row; cells unchanged
    # (clusters are not an indicator group).
    assert (figures["units_with_cluster"], figures["facts"]) == (4, MINI_FACT_ROWS + 1)
    assert figures["by_indicator"] == MINI_COVERAGE["by_indicator"]


def test_coverage_of_the_mini_data_as_text():
    result = run("coverage", data=MINI)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "legacy provinces x indicators: 20 cells (5 provinces x 4 indicator groups)",
        "cells with at least one sourced fact: 8 (40.0%; target 80%)",
        "cells with a province-specific fact: 4 (20.0%; target 50%)",
        "provinces with a sourced cluster: 4 of 5 (target 46)",
        "facts: 16, sources: 4",
        "by indicator group (sourced / national only / conflicting / unknown):",
    ]
    # One line per group: sourced / national only / conflicting / unknown (see MINI_COVERAGE).
    assert [line.split() for line in lines[6:]] == [
        ["lgsp_ngsp", "0", "/", "4", "/", "1", "/", "0"],
        ["ioc", "2", "/", "0", "/", "0", "/", "3"],
        ["architecture", "1", "/", "0", "/", "0", "/", "4"],
        ["smart_city", "0", "/", "0", "/", "0", "/", "5"],
    ]
    assert all(line.startswith("  ") for line in lines[6:])


def test_output_piped_into_a_reader_that_stops_early_ends_quietly():
    command = f"'{sys.executable}' -m loaders export --format json | head -c 50"
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("[")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
