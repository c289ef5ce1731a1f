"""Broken and hostile data files are rejected with a clear problem at the right line.

The corpus lives in tests/bad_inputs/, one small file per mistake, and
tests/bad_inputs/expected.yaml says what each must produce. Every file is
checked twice: in process with `load_records`, and through
`python -m loaders validate` under a memory cap (with a timeout only as a
guard against a hang). How long each run takes is not asserted here: the
benchmark (`python -m bench`, section "Bad inputs") times every file against
the issue's 2-second target and prints the figures.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # also works with a bare `pytest` run
    sys.path.insert(0, str(ROOT))

from loaders.validate import MAX_PROBLEMS_PER_FILE, load_records  # noqa: E402
from loaders.yaml_source import MAX_FILE_BYTES, DataError  # noqa: E402

CORPUS = ROOT / "tests" / "bad_inputs"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
CORPUS_FILES = sorted(p.name for p in CORPUS.glob("*.yaml") if p.name != "expected.yaml")
MEMORY_BYTES = 1 << 30
HANG_SECONDS = 30  # not a speed limit (see bench/bad_inputs.py): a run this long has hung


def expectations(name: str) -> list[dict]:
    entry = EXPECTED[name]
    return entry if isinstance(entry, list) else [entry]


def wrong_line(name: str) -> str | None:
    """Why the loader reports one of this file's mistakes on another line, if it does."""
    return next((e["wrong_line"] for e in expectations(name) if "wrong_line" in e), None)


def xfail_if(reason: str | None) -> list:
    return [pytest.mark.xfail(strict=True, reason=f"loader bug: {reason}")] if reason else []


def problems_of(path: Path) -> list:
    with pytest.raises(DataError) as raised:
        load_records([path])
    return raised.value.problems


def matches(problem, expected: dict) -> bool:
    return (
        problem.line == expected["line"]
        and expected["message"] in problem.message
        and expected.get("where", problem.where) == problem.where
    )


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_validate(*paths) -> subprocess.CompletedProcess:
    """`python -m loaders validate PATHS` from the repository root, memory-capped."""
    return subprocess.run(
        [sys.executable, "-m", "loaders", "validate", *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True, timeout=HANG_SECONDS, preexec_fn=_cap_memory,
    )


def assert_rejected_cleanly(result: subprocess.CompletedProcess, *located: str):
    """Exit code 1, no crash, and a problem at each `file:line:` given."""
    assert result.returncode == 1, f"exit code {result.returncode}\n{result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    for location in located:
        assert location in result.stdout, f"{location} not in\n{result.stdout}"


def test_every_corpus_file_has_an_expectation():
    assert len(CORPUS_FILES) >= 45
    assert sorted(EXPECTED) == CORPUS_FILES


RECORD_CASES = [
    pytest.param(
        name, expected, id=f"{name}:{expected['line']}",
        marks=xfail_if(expected.get("wrong_line") or expected.get("unclear_message")),
    )
    for name in CORPUS_FILES
    for expected in expectations(name)
]


@pytest.mark.parametrize(("name", "expected"), RECORD_CASES)
def test_load_records_reports_the_mistake(name, expected):
    problems = problems_of(CORPUS / name)
    assert any(matches(p, expected) for p in problems), "\n".join(map(str, problems))


def test_no_follow_on_problems():
    """One mistake, one problem: nothing reported on a line without a mistake."""
    noise = [
        str(p)
        for name in CORPUS_FILES
        if not wrong_line(name)
        for p in problems_of(CORPUS / name)
        if p.line not in {e["line"] for e in expectations(name)}
    ]
    assert not noise, "\n".join(noise)


@pytest.mark.parametrize(
    "name", [pytest.param(name, id=name, marks=xfail_if(wrong_line(name))) for name in CORPUS_FILES]
)
def test_command_line_names_file_and_line(name):
    shown = f"tests/bad_inputs/{name}"
    result = run_validate(shown)
    assert_rejected_cleanly(result, *(f"{shown}:{e['line']}:" for e in expectations(name)))


def test_file_over_the_size_limit(tmp_path):
    huge = tmp_path / "huge.yaml"
    line = b"# padding, padding, padding\n"
    huge.write_bytes(line * (MAX_FILE_BYTES // len(line) + 1))
    assert huge.stat().st_size > MAX_FILE_BYTES
    [problem] = problems_of(huge)
    assert (problem.line, problem.where) == (1, "file")
    assert f"{MAX_FILE_BYTES:,}" in problem.message
    result = run_validate(huge)
    assert_rejected_cleanly(result, f"{huge}:1:")


def test_very_deep_nesting_does_not_crash(tmp_path):
    # Run only in a subprocess: in process, this would take pytest down with it.
    deep = tmp_path / "deep.yaml"
    deep.write_text("facts: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = run_validate(deep)
    assert_rejected_cleanly(result, f"{deep}:1:")
    assert "nesting deeper than" in result.stdout


def test_many_mistakes_in_a_small_file_stay_within_limits(tmp_path):
    many = tmp_path / "many.yaml"
    many.write_text("sources: [" + ", ".join(["{}"] * 40_000) + "]\n", encoding="utf-8")
    result = run_validate(many)
    assert_rejected_cleanly(result, f"{many}:1:")
    # 40,000 empty sources, each missing its 5 required keys (id, title, publisher, url,
    # published): far more than the cap, so exactly 100 problems are listed, then one line
    # saying the file's listing stopped there, and the summary counts those 101 lines.
    listed = [line for line in result.stdout.splitlines() if line.startswith(f"{many}:")]
    assert len(listed) == MAX_PROBLEMS_PER_FILE + 1 == 101, f"{len(listed)} lines for {many}"
    assert listed[-1].endswith("stopped after 100 problems in this file"), listed[-1]
    assert not any("stopped after" in line for line in listed[:-1])
    assert all(line.endswith(": Field required") for line in listed[:-1]), listed[:-1]
    assert result.stderr.strip().endswith("101 problems found"), result.stderr[-500:]


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("tests/bad_inputs/no_such_file.yaml", id="missing"),
        pytest.param("tests/bad_inputs", id="directory"),
        pytest.param("/dev/zero", id="endless-device"),
    ],
)
def test_unreadable_path_is_a_problem_not_a_crash(path):
    result = run_validate(path)
    assert_rejected_cleanly(result, f"{path}:1:")


MISTAKES = {  # file: (text to replace, replacement, fragment of the expected message)
    "facts/mekong.yaml": (
        "url: https://", "url: javascript://", "http:// or https://",
    ),
    "facts/highlands_southeast.yaml": (
        "published: 2021-", "published: 2031-", "is in the future",
    ),
    "facts/central_coast.yaml": (
        'code: "42", name: Hà Tĩnh, field: lgsp', 'code: "42", name: Hà Tinh, field: lgsp',
        "is 'Hà Tĩnh', not 'Hà Tinh'",
    ),
}


def inject(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file by `new`; return the line it is on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    offset = text.index(old)
    path.write_text(text[:offset] + new + text[offset + len(old):], encoding="utf-8")
    return text.count("\n", 0, offset) + 1


def test_three_mistakes_in_three_files_of_the_real_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("geo"))
    files = [data / "provinces.yaml", *sorted((data / "facts").glob("*.yaml"))]
    result = run_validate(*files)
    assert result.returncode == 0, result.stdout  # the copy is valid before the mistakes

    expected = {}
    for name, (old, new, fragment) in MISTAKES.items():
        line = inject(data / name, old, new)
        expected[f"{data / name}:{line}:"] = fragment
    result = run_validate(*files)

    assert_rejected_cleanly(result, *expected)
    reported = [line for line in result.stdout.splitlines() if line.startswith(str(data))]
    assert len(reported) == len(MISTAKES), result.stdout
    for location, fragment in expected.items():
        assert any(line.startswith(location) and fragment in line for line in reported), (
            f"{location} {fragment!r} not in\n{result.stdout}"
        )
