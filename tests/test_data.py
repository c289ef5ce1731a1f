"""The real data: every file valid against the schema, every fact sourced and dated."""

import json
import re

import jsonschema
import pytest
import yaml

from loaders.models import FIELDS
from loaders.schema import SCHEMA_PATH, schema_text
from loaders.validate import default_files
from tests.conftest import ROOT

DATA_FILES = default_files(ROOT / "data")


def test_schema_file_is_in_sync_with_the_models():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run: python -m loaders schema"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_each_data_file_validates_against_the_json_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=")[1]).resolve()
    assert target == SCHEMA_PATH
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    # BaseLoader keeps every scalar as text, as an editor would see quoted values; compare
    # on the structure: unknown keys and missing required keys are what the editor flags.
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    structural = [e for e in validator.iter_errors(document) if e.validator in ("additionalProperties", "required")]
    assert not structural, [e.message for e in structural][:5]


def test_every_fact_has_a_source_url_and_a_date(real):
    facts = real.facts
    assert len(facts) > 0
    assert facts["source_url"].str.match(r"^https?://").all()
    assert facts["date"].str.match(r"^\d{4}(-\d{2}(-\d{2})?)?$").all()
    assert set(facts["field"]) <= set(FIELDS)


def test_every_source_is_used_and_dated(real):
    used = (real.sources["facts"] > 0) | real.sources["id"].isin(_formation_and_national_sources(real))
    assert used.all(), list(real.sources.loc[~used, "id"])
    assert real.sources["published"].str.match(r"^\d{4}").all()
    assert real.sources["url"].str.match(r"^https?://").all()
    assert real.sources["url"].is_unique and real.sources["id"].is_unique


def _formation_and_national_sources(real):
    ids = set()
    for joined in real.formations["sources"]:
        ids |= set(joined.split(";"))
    for joined in real.national["source_ids"]:
        ids |= set(joined.split(";"))
    return ids


def test_notes_are_not_long_copies(real):
    # Notes are our own words: short. A note over 600 characters is almost surely pasted.
    long = real.facts[real.facts["note"].str.len() > 600]
    assert long.empty, [f"{r.file}:{r.line}: {len(r.note)} characters" for r in long.itertuples()]


def test_clusters_are_only_the_eight_of_the_ict_bloc(real):
    clusters = real.facts[real.facts["field"] == "cluster"]
    assert set(clusters["value"]) <= {str(n) for n in range(1, 9)}
    assert (clusters["year"].str.match(r"^20\d\d$")).all()


def test_legacy_facts_happen_before_the_merger_and_current_ones_after(real):
    facts = real.facts
    legacy_events = facts[(facts["era"] == "legacy") & (facts["date_basis"] == "event")]
    assert (legacy_events["date"] < "2025-07").all()
    current = facts[facts["era"] == "current"]
    assert (current["known_by"] >= "2025-07-01").all()


def test_no_fact_is_recorded_twice(real):
    keys = ["era", "unit_code", "field", "value", "date", "source_url", "pilot", "place", "year"]
    duplicated = real.facts[real.facts.duplicated(keys, keep=False)]
    assert duplicated.empty, duplicated[keys].to_string()
