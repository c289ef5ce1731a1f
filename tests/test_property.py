"""Property tests: whatever bytes a data file holds, the loaders fail only with DataError.

And every problem they report points into the file (line 1 or later) and says
something. Examples come from two strategies: arbitrary bytes, and YAML
documents built from nested mappings, lists and scalars using the real key
names and values of the data format, sometimes damaged afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # also works with a bare `pytest` run
    sys.path.insert(0, str(ROOT))

from loaders import models  # noqa: E402
from loaders.validate import load_records  # noqa: E402
from loaders.yaml_source import DataError, parse_yaml  # noqa: E402

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    database=None,  # leave no .hypothesis/ folder in the repository
    suppress_health_check=[HealthCheck.too_slow],
)

MODELS = (models.Source, models.SmartCityFact, models.ClusterFact, models.ArchitectureFact,
          models.NationalFact, models.LegacyUnit, models.CurrentUnit)
KEYS = sorted(
    {*models.SECTIONS, *models.FIELDS, *models.ERAS, "units"}
    | {key for model in MODELS for key in model.model_fields}
)
VALUES = [
    "legacy", "current", "24", "27", "all", "Bắc Giang", "Bắc Ninh", "operational", "trial",
    "s1", "s2", "national", "https://example.org/a", "javascript:alert(1)", "2020-07",
    "2020-07-15", "2021-02-30", "2030-01", "1985", "4", "2.0", "9",
]

scalars = st.one_of(
    st.sampled_from(VALUES),
    st.none(),
    st.booleans(),
    st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12), st.integers(0, 99), st.booleans())
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(keys, children, max_size=6),
    ),
    max_leaves=40,
)
entries = st.dictionaries(  # the right keys, values that are sometimes right
    st.sampled_from(KEYS),
    st.one_of(scalars, st.lists(st.sampled_from(VALUES), max_size=3)),
    max_size=10,
)
sections = st.one_of(
    st.lists(entries, max_size=4),
    st.dictionaries(st.sampled_from(models.ERAS), st.lists(entries, max_size=4)),  # like units:
)
data_files = st.dictionaries(
    st.sampled_from([*models.SECTIONS, "units", "fact"]), sections, max_size=4
)
top_level = st.dictionaries(st.sampled_from([*KEYS, "fact", "other"]), documents, max_size=4)
damage = st.sampled_from([
    "", ":", "- ", "[", "]", "{", "'", '"', "\t", "&a ", "*a", "!!python/object:os.system ",
    "<<: *a\n", "? ", "\n", "  ", "---\n", "\x00", "\x85", "\ufeff",
])


@st.composite
def yaml_texts(draw) -> str:
    """A dumped document, block or flow style, with a few snippets spliced in at random places."""
    document = draw(st.one_of(data_files, top_level, documents))
    text = yaml.safe_dump(document, allow_unicode=draw(st.booleans()),
                          default_flow_style=draw(st.sampled_from([False, True, None])))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(damage) + text[at + draw(st.integers(0, 3)):]
    return text


def assert_well_formed(error: DataError, raw: bytes) -> None:
    """Problems exist, say something, and point at a line of the file (or just past its end)."""
    # splitlines() breaks wherever YAML does (also at U+2028, NEL and a lone CR), so this bound
    # holds although the loader counts those as lines (see status_after_line_separator.yaml).
    last_line = len(raw.decode("utf-8", "replace").splitlines()) + 1
    assert error.problems, "DataError without problems"
    for problem in error.problems:
        assert 1 <= problem.line and 1 <= problem.column, problem
        assert problem.message.strip(), problem
        if problem.file.endswith("fuzz.yaml"):
            assert problem.line <= last_line, problem


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"


def check_parse(raw: bytes) -> None:
    """Any exception but DataError fails the test (hypothesis reports it with the input)."""
    try:
        parse_yaml(raw, "fuzz.yaml")
    except DataError as error:
        assert_well_formed(error, raw)


def check_load(path: Path, raw: bytes) -> None:
    path.write_bytes(raw)
    try:
        load_records([path])
    except DataError as error:
        assert_well_formed(error, raw)


@PROPERTY
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_parse_to_data_error_only(raw):
    check_parse(raw)


@PROPERTY
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_load_to_data_error_only(scratch, raw):
    check_load(scratch, raw)


@PROPERTY
@given(yaml_texts())
def test_yaml_documents_parse_to_data_error_only(text):
    check_parse(text.encode("utf-8"))


@PROPERTY
@given(yaml_texts())
def test_yaml_documents_load_to_data_error_only(scratch, text):
    check_load(scratch, text.encode("utf-8"))
