"""Twenty concurrent browser sessions against one server on the real data, over loopback.

Each session is its own browser context (own cookies, own websocket, own Streamlit
session) in one headless Chromium, driven by Playwright's async API: the sync API is
not thread-safe. Each opens a different page with a different cluster filter, waits
until the charts are drawn, changes its filter once through the sidebar multiselect,
and must end showing its own filter: the unit count in the sidebar and the URL match
that session's clusters, computed independently from the data. Sessions must not see
each other's state.

The timings are printed (median and worst time-to-drawn); nothing asserts on them beyond
a generous overall timeout, since CI machines differ.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.async_api import async_playwright

from analysis.clusters import clusters_of_units, units_in_clusters
from loaders.tables import load_dataset
from loaders.validate import default_files
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, start_server, stop_server

SESSIONS = 20
OVERALL_TIMEOUT = 180  # seconds, for all sessions together
STEP_TIMEOUT = 150_000  # ms, for one wait inside a session
PAGES = ["", "profile", "compare", "progress", "data"]
CLUSTERS = ["1", "3", "4", "5", "7", "8"]
ERAS = ["legacy", "current"]
ERROR_SELECTOR = '[data-testid="stException"], [data-testid="stAlertContentError"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ALL_CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
  .every(c => c.querySelector('.js-plotly-plot .main-svg'))"""


@dataclass
class Session:
    number: int
    page: str
    era: str
    first: str  # the cluster in the URL it opens
    second: str  # the cluster it adds through the UI
    expect: str = ""  # the sidebar count once both clusters are selected, e.g. "12 / 63 "
    drawn: float = 0.0  # seconds from navigation to charts drawn
    redrawn: float = 0.0  # seconds from the filter change to charts drawn again
    caption: str = ""
    url: str = ""
    errors: list = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/{self.page}?cluster={self.first}&era={self.era}"


def plan(count) -> list[Session]:
    """20 distinct (page, era, cluster) combinations.

    The cluster added through the UI is one that changes the unit count (current units
    belong to several clusters, so some pairs overlap), so the new count proves the rerun.
    """
    sessions = []
    for n in range(SESSIONS):
        era, first = ERAS[(n // len(PAGES)) % 2], CLUSTERS[n % len(CLUSTERS)]
        others = [CLUSTERS[(n + k) % len(CLUSTERS)] for k in range(1, len(CLUSTERS))]
        second = next(c for c in others if count(era, [first, c])[0] != count(era, [first])[0])
        shown, of = count(era, [first, second])
        sessions.append(Session(n, PAGES[n % len(PAGES)], era, first, second, f"{shown} / {of} "))
    return sessions


async def wait_until_done(page) -> None:
    await page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT)
    await page.wait_for_timeout(300)
    await page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT)


async def wait_for_charts(page) -> None:
    await wait_until_done(page)
    await page.wait_for_function(ALL_CHARTS_DRAWN, timeout=STEP_TIMEOUT)


async def run_session(browser, base: str, session: Session) -> Session:
    context = await browser.new_context(viewport={"width": 1400, "height": 1800}, locale="vi-VN")
    context.set_default_timeout(STEP_TIMEOUT)
    try:
        page = await context.new_page()
        start = time.monotonic()
        await page.goto(base + session.path, timeout=STEP_TIMEOUT)
        await wait_for_charts(page)
        session.drawn = time.monotonic() - start

        start = time.monotonic()
        box = page.get_by_role("combobox", name=re.compile("Cụm thi đua"))
        await box.fill(session.second)
        await page.get_by_role("option", name=session.second, exact=True).click()
        await page.keyboard.press("Escape")
        await page.wait_for_url(re.compile(rf"cluster={session.second}\b"), timeout=STEP_TIMEOUT)
        # The URL changes before the rerun ends: wait for the rerun's own result, then the charts.
        await page.wait_for_function(
            "(text) => document.querySelector('[data-testid=\"stSidebar\"]').innerText.includes(text)",
            arg=session.expect, timeout=STEP_TIMEOUT,
        )
        await wait_for_charts(page)
        session.redrawn = time.monotonic() - start

        session.caption = await page.locator('[data-testid="stSidebar"]').inner_text()
        session.url = page.url
        session.errors = await page.locator(ERROR_SELECTOR).all_inner_texts()
        return session
    except Exception:
        if os.environ.get("LOAD_DEBUG"):
            await page.screenshot(path=f"/tmp/load-{session.number}.png")
        raise
    finally:
        await context.close()


async def warm_up(browser, base: str) -> None:
    """One visit to the entry page first (product bug: see test_a_deep_link_works_on_a_cold_server)."""
    context = await browser.new_context()
    try:
        page = await context.new_page()
        await page.goto(base + "/", timeout=STEP_TIMEOUT)
        await wait_for_charts(page)
    finally:
        await context.close()


async def run_all(base: str, sessions: list[Session]) -> list:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            await warm_up(browser, base)
            gate = asyncio.Semaphore(SESSIONS)  # all at once, and never more

            async def bounded(session):
                async with gate:
                    return await run_session(browser, base, session)

            return await asyncio.wait_for(
                asyncio.gather(*(bounded(s) for s in sessions), return_exceptions=True), OVERALL_TIMEOUT
            )
        finally:
            await browser.close()


def run_in_own_thread(coroutine_factory):
    """asyncio.run in a fresh thread: pytest-playwright's sync API may already own this thread's loop."""
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coroutine_factory())
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=target, name="load-test")
    thread.start()
    thread.join(OVERALL_TIMEOUT + 60)
    assert not thread.is_alive(), "the load test did not finish"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture(scope="module")
def expected_counts():
    """(era, clusters) -> units shown, from the data itself, not from the app."""
    data = load_dataset(default_files(ROOT / "data"))
    membership = clusters_of_units(data.facts, data.units)

    def count(era: str, clusters: list[str]) -> tuple[int, int]:
        era_units = data.units[data.units["era"] == era]
        return len(units_in_clusters(era_units, membership, clusters)), len(era_units)

    return count


def test_twenty_concurrent_sessions_keep_their_own_filters(server, expected_counts, capsys):
    sessions = plan(expected_counts)
    assert len({(s.page, s.era, s.first) for s in sessions}) == SESSIONS
    started = time.monotonic()
    results = run_in_own_thread(lambda: run_all(server, sessions))
    total = time.monotonic() - started

    failures = [(s.path, repr(r)[:300]) for s, r in zip(sessions, results) if isinstance(r, BaseException)]
    assert not failures, failures
    for session in results:
        shown, of = expected_counts(session.era, [session.first, session.second])
        assert f"{shown} / {of} " in session.caption, (session.path, session.second, session.caption[-200:])
        clusters = parse_qs(urlsplit(session.url).query).get("cluster", [])
        assert sorted(clusters) == sorted([session.first, session.second]), (session.path, session.url)
        # Streamlit leaves a widget's default value (era=current) out of the URL.
        assert parse_qs(urlsplit(session.url).query).get("era", ["current"]) == [session.era], session.url
        assert urlsplit(session.url).path == "/" + session.page, session.url
        assert not session.errors, (session.path, session.errors)
    with urllib.request.urlopen(server + "/_stcore/health", timeout=10) as response:
        assert response.read() == b"ok"

    drawn = sorted(s.drawn for s in results)
    redrawn = sorted(s.redrawn for s in results)
    slowest = max(results, key=lambda s: s.drawn)
    with capsys.disabled():
        print(
            f"\nload test: {SESSIONS} concurrent sessions, total {total:.1f} s; time to drawn: "
            f"median {statistics.median(drawn):.1f} s, worst {drawn[-1]:.1f} s ({slowest.path}); "
            f"after the filter change: median {statistics.median(redrawn):.1f} s, worst {redrawn[-1]:.1f} s"
        )


def test_a_deep_link_works_on_a_cold_server(page):
    process, url = start_server()
    try:
        page.goto(url + "/compare?cluster=4&era=legacy")
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
        page.wait_for_timeout(1000)
        assert not page.locator(ERROR_SELECTOR).all_inner_texts()
        assert page.locator("h1").first.inner_text(timeout=10_000) == "So sánh"
        # The link's filters survive the detour through the entry point.
        query = parse_qs(urlsplit(page.url).query)
        assert (urlsplit(page.url).path, query.get("cluster"), query.get("era")) == ("/compare", ["4"], ["legacy"])
        assert "7 / 63" in page.locator('[data-testid="stSidebar"]').inner_text()  # cluster 4's seven
    finally:
        stop_server(process)
