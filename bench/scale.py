"""How load and rerun time grow with the data: synthetic 1x, 10x and 100x.

For each size the generator writes a data folder, EGOV_DATA_DIR points the
dashboard at it, and an AppTest opens the page. That first run finds a new
data fingerprint, so `ui.data` misses its cache and calls
`loaders.tables.load_dataset(default_files(dir))`: parse, validate, build the
tables. That call is the cold load we time, via a wrapper that only measures
it (a second cold load of 100x data would cost as much again). Further loads,
up to `loads` and while they fit in the time budget, are timed by calling
load_dataset directly (it keeps no cache of its own), so the small sizes get
several samples and 100x usually one. Then the page's warm reruns are timed as
in reruns.py.

Ratios are to the synthetic 1x (the real data rewritten by the same
generator), so file layout and YAML style are the same at every size.
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import time
from contextlib import contextmanager

import ui.data
from loaders.tables import load_dataset
from loaders.validate import default_files

from . import synthetic
from .reruns import PAGES, Target, open_page, time_round_robin
from .sampler import Sampler

FACTORS = (1, 10, 100)


@contextmanager
def timed_loads():
    """Record (seconds, fact rows) of every load_dataset call ui.data makes."""
    original, loads = ui.data.load_dataset, []

    def timed(paths):
        start = time.perf_counter()
        dataset = original(paths)
        loads.append((time.perf_counter() - start, len(dataset.facts)))
        return dataset

    ui.data.load_dataset = timed
    try:
        yield loads
    finally:
        ui.data.load_dataset = original


@contextmanager
def data_dir(path):
    """Point the dashboard at another data folder for the duration."""
    before = os.environ.get("EGOV_DATA_DIR")
    os.environ["EGOV_DATA_DIR"] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("EGOV_DATA_DIR", None)
        else:
            os.environ["EGOV_DATA_DIR"] = before


def extra_loads(path, first: float, count: int, budget: float) -> list[float]:
    """Up to `count` cold loads in all (the first already timed) within `budget` seconds."""
    times = [first]
    while len(times) < count and sum(times) < budget:
        gc.collect()
        start = time.perf_counter()
        load_dataset(default_files(path))
        times.append(time.perf_counter() - start)
    return times


def measure_size(factor: int, page: str, reps: int, budget: float, loads: int) -> dict:
    """Cold load and warm page rerun on synthetic data `factor` times the real facts."""
    path = synthetic.generate(factor)
    try:
        with data_dir(path), timed_loads() as first_load:
            gc.collect()
            target = Target(f"{factor}x", open_page(PAGES[page]))
            with Sampler() as sampler:
                time_round_robin([target], sampler, reps, budget)
        if not first_load:
            raise RuntimeError(f"{factor}x: the dashboard did not load the data ({target.error})")
        first, facts = first_load[0]
        load_times = extra_loads(path, first, loads, budget)
    finally:
        shutil.rmtree(path, ignore_errors=True)
    return {
        "facts": facts,
        "load_ms": 1000 * statistics.median(load_times),
        "rerun_ms": target.median_ms(),
        "loads": len(load_times),
        "runs": len(target.times),
        "error": target.error,
    }


def measure_scale(page: str, reps: int, budget: float, loads: int) -> dict:
    """Load and rerun at each size, with ratios to 1x."""
    sizes = {f"{f}x": measure_size(f, page, reps, budget, loads) for f in FACTORS}
    base = sizes["1x"]
    for size in sizes.values():
        size["load_ratio"] = size["load_ms"] / base["load_ms"]
        size["rerun_ratio"] = size["rerun_ms"] / base["rerun_ms"]
    return {"page": page, "sizes": sizes}
