"""Time to a drawn overview in headless Chromium, against the reference page.

Two Streamlit servers run side by side: the dashboard (tests.e2e.conftest's
start_server) and bench/reference_app.py (the same command line, another
script). Each visit opens a fresh browser context (no cache, no session) and
times from navigation until the script state is notRunning and every expected
chart has its `.js-plotly-plot .main-svg`: what a visitor waits for before the
map is there. The two pages alternate, so machine load drifts hit both alike.
Without --quick, one untimed visit per server comes first, so the servers'
own first run (imports, data load) and the browser's first context are not
counted; --quick skips it (5 s) and relies on the median: each side's one cold
visit is then its slowest, which the median of three leaves out.
"""

from __future__ import annotations

import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server

from .reruns import REFERENCE

# Script finished and at least `n` charts, each with its SVG drawn.
DRAWN = """n => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.length >= n && charts.every(c => c.querySelector('.js-plotly-plot .main-svg'));
}"""
CHARTS = {"overview": 2, "reference": 1}  # the overview draws the map and the cluster bars


def start_script(script: str) -> tuple[subprocess.Popen, str]:
    """The test harness's server for another script (it reads no data)."""
    return start_server(script=script)


def chromium_missing() -> str:
    """Why the browser figure cannot be measured, or '' if it can."""
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)"
    return ""


def _open(browser, url: str):
    """A fresh context (no cache, no session) navigating to `url`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="vi-VN")
    page = context.new_page()
    page.goto(url, wait_until="commit")
    return context, page


def visit(browser, url: str, charts: int) -> float:
    """Seconds from navigation to drawn charts, in a fresh context."""
    start = time.perf_counter()
    context, page = _open(browser, url)
    try:
        page.wait_for_function(DRAWN, arg=charts, timeout=120_000)
        return time.perf_counter() - start
    finally:
        context.close()


def warm_up(browser, servers: dict) -> None:
    """One untimed visit per server, loading side by side to save time."""
    opened = [(_open(browser, url), CHARTS[name]) for name, (_, url) in servers.items()]
    for (context, page), charts in opened:
        page.wait_for_function(DRAWN, arg=charts, timeout=120_000)
        context.close()


def _servers() -> dict[str, tuple]:
    """Both servers, started in parallel; if one fails, the other is stopped too."""
    with ThreadPoolExecutor(2) as pool:
        futures = {"overview": pool.submit(start_server), "reference": pool.submit(start_script, REFERENCE)}
    started, errors = {}, []
    for name, future in futures.items():
        try:
            started[name] = future.result()
        except Exception as error:  # noqa: BLE001  (re-raised below, after cleaning up)
            errors.append(error)
    if errors:
        _stop(started)
        raise errors[0]
    return started


def _stop(servers: dict) -> None:
    """Ask every server to stop first, then wait for each (halves the wait)."""
    for process, _ in servers.values():
        process.terminate()
    for process, _ in servers.values():
        stop_server(process)


def measure_browser(visits: int, warm: bool = True) -> dict:
    """Median time to drawn charts, overview / reference."""
    from playwright.sync_api import sync_playwright

    servers = _servers()
    times: dict[str, list[float]] = {"overview": [], "reference": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if warm:
                warm_up(browser, servers)
            for n in range(visits):
                order = ("overview", "reference") if n % 2 == 0 else ("reference", "overview")
                for name in order:
                    times[name].append(visit(browser, servers[name][1], CHARTS[name]))
            browser.close()
    finally:
        _stop(servers)
    medians = {name: 1000 * statistics.median(t) for name, t in times.items()}
    return {
        "overview_ms": medians["overview"],
        "reference_ms": medians["reference"],
        "ratio": medians["overview"] / medians["reference"],
        "visits": visits,
    }
