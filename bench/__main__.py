"""python -m bench [--quick] [--json PATH]: how fast the dashboard is, relative to a bare page.

Every timing is a ratio to something measured in the same run (a reference
page, the 1x data), so figures from a busy laptop and an idle CI machine can
be compared. --quick takes fewer repetitions: about a minute, most of it spent
in the slowest page and the 100x load (the stage times are printed at the end).
The one absolute figure is the time `python -m loaders validate` takes to
reject each bad input file, against the issue's 2-second target.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    page_reps: int
    page_budget: float  # seconds of reruns per page before it stops getting rounds
    scale_reps: int
    scale_budget: float
    loads: int
    visits: int
    warm_browser: bool  # an untimed visit per server before the timed ones
    bad_inputs_every: int  # time every n-th file of tests/bad_inputs (the hostile and built ones always)


QUICK = Settings(page_reps=5, page_budget=1.5, scale_reps=3, scale_budget=1.5, loads=5,
                 visits=3, warm_browser=False, bad_inputs_every=12)
FULL = Settings(page_reps=15, page_budget=20.0, scale_reps=9, scale_budget=10.0, loads=9,
                visits=7, warm_browser=True, bad_inputs_every=1)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (about a minute)")
    parser.add_argument("--json", metavar="PATH", help="write the ratios (the output contract) here")
    parser.add_argument("--scale-page", default="overview", help="page whose rerun is timed at each data size")
    return parser.parse_args(argv)


NOISE = {
    "streamlit.runtime.scriptrunner_utils.script_run_context": "missing ScriptRunContext",
    "streamlit.runtime.caching.cache_data_api": "No runtime found",
    "streamlit.error_util": "Uncaught app execution",  # reported once per page in the table
}


def quiet_streamlit() -> None:
    """Drop the log lines AppTest triggers on every rerun; page errors go in the table."""
    import logging

    import streamlit  # noqa: F401  (sets up its loggers)

    for name, noise in NOISE.items():
        logging.getLogger(name).addFilter(lambda record, noise=noise: noise not in record.getMessage())


def run(settings: Settings, scale_page: str) -> dict:
    """Every measurement, one after the other so that they do not compete for the CPU."""
    start, load_before = time.perf_counter(), os.getloadavg()[0]
    quiet_streamlit()
    from . import bad_inputs, browser, reruns, scale

    os.environ.pop("EGOV_DATA_DIR", None)  # the page figures are on the real data
    stages = {}
    result = reruns.measure_pages(settings.page_reps, settings.page_budget)
    stages["pages"] = time.perf_counter() - start
    result["scale"] = scale.measure_scale(scale_page, settings.scale_reps, settings.scale_budget, settings.loads)
    stages["scale"] = time.perf_counter() - start - sum(stages.values())
    missing = browser.chromium_missing()
    result["browser"] = None if missing else browser.measure_browser(settings.visits, settings.warm_browser)
    result["browser_note"] = missing
    stages["browser"] = time.perf_counter() - start - sum(stages.values())
    result["bad_inputs"] = bad_inputs.measure_bad_inputs(settings.bad_inputs_every)
    stages["bad_inputs"] = time.perf_counter() - start - sum(stages.values())
    result["seconds"], result["stages"] = time.perf_counter() - start, stages
    result["load_before"], result["load_after"] = load_before, os.getloadavg()[0]
    return result


def main(argv=None) -> int:
    args = parse_args(argv)
    from .report import render, write_json

    result = run(QUICK if args.quick else FULL, args.scale_page)
    print(render(result))
    if result["browser"] is None:
        print(f"browser_ratio is null: {result['browser_note']}")
    if args.json:
        write_json(result, args.json)
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
