"""Shared fixtures: the real dataset and a hand-made miniature one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
sys.path.insert(0, str(ROOT))

from loaders.tables import load_dataset  # noqa: E402
from loaders.validate import default_files  # noqa: E402


@pytest.fixture(scope="session")
def real():
    return load_dataset(default_files(ROOT / "data"))


@pytest.fixture(scope="session")
def mini():
    return load_dataset(default_files(MINI))
