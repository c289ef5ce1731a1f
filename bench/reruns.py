"""Warm rerun time of each page (and of the reference page) through AppTest.

A rerun is `at.run()` on an AppTest that has already run the page once, so the
data cache is warm: it is what a visitor waits for after touching a widget.
Pages are measured round-robin (one rerun of each page, then the next round)
so that a change in machine load during the run hits every page alike. A page
stops getting rounds once its reruns add up to the time budget, so a slow page
gets fewer (at least one) samples instead of stretching the run.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.testing.v1 import AppTest

from .sampler import Sampler, Tally

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "bench/reference_app.py"
PAGES = {
    "overview": "pages/overview.py",
    "profile": "pages/profile.py",
    "compare": "pages/compare.py",
    "progress": "pages/progress.py",
    "data": "pages/data_sources.py",
}


@dataclass
class Target:
    """One AppTest kept warm, with its timings and samples."""

    name: str
    at: AppTest
    times: list[float] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    error: str = ""

    def median_ms(self) -> float:
        return 1000 * statistics.median(self.times)


def _errors(at: AppTest) -> str:
    return "; ".join(str(e.value) for e in at.exception)[:300]


def open_page(page: str, params: dict | None = None) -> AppTest:
    """An AppTest of the dashboard on `page`, after its first (warming) run."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page).run()


def open_reference() -> AppTest:
    return AppTest.from_file(str(ROOT / REFERENCE), default_timeout=600).run()


def time_round_robin(targets: list[Target], sampler: Sampler, reps: int, budget: float) -> None:
    """Rerun each target up to `reps` times, round by round, within `budget` seconds each."""
    for _ in range(reps):
        for target in targets:
            if target.times and sum(target.times) >= budget:
                continue
            with sampler.into(target.tally):
                start = time.perf_counter()
                target.at.run()
                target.times.append(time.perf_counter() - start)
            target.error = target.error or _errors(target.at)


def measure_pages(reps: int, budget: float, params: dict | None = None) -> dict:
    """Median warm rerun of every page and of the reference page, with own shares."""
    targets = [Target("reference", open_reference())]
    targets += [Target(name, open_page(path, params)) for name, path in PAGES.items()]
    for target in targets:
        target.error = _errors(target.at)
    with Sampler() as sampler:
        time_round_robin(targets, sampler, reps, budget)
    reference = targets[0].median_ms()
    pages = {
        t.name: {
            "rerun_ratio": t.median_ms() / reference,
            "own_share": t.tally.share(),
            "median_ms": t.median_ms(),
            "runs": len(t.times),
            "profile": t.tally.profile(),
            "error": t.error,
        }
        for t in targets[1:]
    }
    return {"reference_ms": reference, "reference_runs": len(targets[0].times), "pages": pages}
