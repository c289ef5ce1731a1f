"""The command line: validate, export, schema, coverage."""

import csv
import io
import json
import shutil
import subprocess
import sys

from tests.conftest import ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "loaders", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


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


def test_coverage_prints_the_figures():
    result = run("coverage", "--json")
    figures = json.loads(result.stdout)
    assert figures["legacy_units"] == 63 and figures["cells"] == 252
    assert 0 <= figures["cells_province_specific"] <= figures["cells_with_fact"] <= 252
    assert "target 80%" in run("coverage").stdout


def test_output_piped_into_a_reader_that_stops_early_ends_quietly():
    command = f"'{sys.executable}' -m loaders export --format json | head -c 50"
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("[")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
