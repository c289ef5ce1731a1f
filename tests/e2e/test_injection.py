"""Hostile data in a real browser: nothing from the data runs, and it shows as literal text.

The server reads tests/fixtures/hostile, whose unit names, notes, source titles and
publishers, pilot names and places carry <script>, <img onerror>, <svg onload>,
javascript: links, markdown and template syntax. Every payload sets window.__pwned or
opens an alert, so running any of it is visible.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.e2e.conftest import ROOT, errors_on, screenshot, start_server, stop_server, wait_for_charts

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
UNIT = "<script>window.__pwned=1</script>Hòa Bình"  # legacy 17
IMG_UNIT = '<img src=x onerror="window.__pwned=1">Bắc Giang'  # legacy 24
MARKUP_UNIT = "Phú Thọ {{7*7}} **bold** <b>bold</b>"  # legacy 25
SVG_UNIT = "Bắc Ninh <svg onload=alert(1)>"  # legacy 27
LINK_UNIT = "[click](javascript:window.__pwned=1) Vĩnh Phúc"  # legacy 26
CURRENT_25 = 'Phú Thọ <a href="javascript:window.__pwned=1">link</a> %{x} ${7*7} :red[red]'
SEARCHED_17 = '**bold** [click](javascript:window.__pwned=1) <img src=x onerror="window.__pwned=1"> {{7*7}}'

PAGES = {
    "overview": "/?era=legacy",
    "profile": f"/profile?unit={quote(UNIT)}&era=legacy",
    "compare": "/compare?era=legacy",
    "progress": "/progress?era=legacy",
    "data": "/data?era=legacy",
    "overview-current": "/?era=current",
    "profile-current": f"/profile?unit={quote(CURRENT_25)}&era=current",
    "data-current": "/data?era=current",
}
# Text each page shows literally (HTML text or chart labels); the progress page shows the
# data only in its table (a canvas) and the overview only on hover (tested below).
LITERAL = {
    "profile": [UNIT],
    "compare": [MARKUP_UNIT, SVG_UNIT],
    "data": [UNIT, IMG_UNIT, MARKUP_UNIT, LINK_UNIT, SVG_UNIT],
    "profile-current": ["Phú Thọ <a href=\"javascript:window.__pwned=1\">link</a> %{x}"],
    "data-current": [UNIT, SVG_UNIT],
}

# Everything that would show that markup from the data became DOM, or that script ran.
INSPECT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const all = Array.from(document.querySelectorAll('*'));
  const handlers = [];
  for (const el of all) for (const attr of el.attributes)
    if (attr.name.startsWith('on') && /__pwned|alert/.test(attr.value)) handlers.push(el.outerHTML.slice(0, 200));
  return {
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    imgX: Array.from(document.querySelectorAll('img')).filter(i => i.getAttribute('src') === 'x').length,
    scripts: Array.from(document.querySelectorAll('script')).filter(s => s.textContent.includes('__pwned')).length,
    frames: Array.from(document.querySelectorAll('iframe, object, embed')).map(f => f.outerHTML.slice(0, 200)),
    handlers,
    badHrefs: Array.from(document.querySelectorAll('[href], [src], [action], [formaction], [xlink\\\\:href]'))
      .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || e.getAttribute('formaction') || e.getAttribute('xlink:href') || '')
      .filter(h => /^\\s*(javascript|vbscript|data:text\\/html)/i.test(h)),
    mainLinks: main ? Array.from(main.querySelectorAll('a[href]')).map(a => ({href: a.href, text: a.textContent})) : null,
    text: (main ? main.innerText : '') + '\\n' +
      Array.from(document.querySelectorAll('svg text')).map(t => t.textContent).join('\\n'),
  };
}"""


@pytest.fixture(scope="module")
def hostile_server(browser):
    process, url = start_server(HOSTILE)
    yield url
    stop_server(process)


@pytest.fixture
def dialogs(page):
    opened = []

    def handle(dialog):
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", handle)
    return opened


ALL_CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
  .every(c => c.querySelector('.js-plotly-plot .main-svg .xy, .js-plotly-plot .main-svg .cartesianlayer'))"""


def open_page(page, url: str) -> dict:
    page.goto(url)
    wait_for_charts(page)
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=30_000)  # wait_for_charts waits for the first only
    page.wait_for_timeout(500)  # give an injected onload/onerror handler time to fire
    return page.evaluate(INSPECT)


def shown_text(page, expected: list[str]) -> str:
    """The page's text once every expected string is in it (or after 10 s, for the assertion)."""
    try:
        page.wait_for_function(
            "(expected) => { const t = (" + INSPECT + ")().text; return expected.every(e => t.includes(e)); }",
            arg=expected, timeout=10_000,
        )
    except Exception:  # noqa: BLE001 - the assertion below reports what is missing
        pass
    return page.evaluate(INSPECT)["text"]


def assert_nothing_ran(found: dict, dialogs: list[str], base: str) -> None:
    assert found["pwned"] is None, "injected script ran"
    assert not dialogs, dialogs
    assert found["imgX"] == 0, "an <img src=x> from the data is in the DOM"
    assert found["scripts"] == 0, "a <script> from the data is in the DOM"
    assert not found["frames"], found["frames"]
    assert not found["handlers"], found["handlers"]
    assert not found["badHrefs"], found["badHrefs"]
    assert found["mainLinks"] is not None, "no main area found"
    for link in found["mainLinks"]:
        assert re.match(r"^https?://", link["href"]), link
        # A link either leaves to a source on the web or stays in the app (heading anchors).
        assert link["href"].startswith(base) or not link["href"].startswith("http://127.0.0.1"), link


@pytest.mark.parametrize("name", PAGES)
def test_hostile_data_does_not_run_and_shows_literally(page, hostile_server, dialogs, name):
    found = open_page(page, hostile_server + PAGES[name])
    assert_nothing_ran(found, dialogs, hostile_server)
    assert not errors_on(page)
    text = shown_text(page, LITERAL.get(name, []))
    for literal in LITERAL.get(name, []):
        assert literal in text, f"{literal!r} not shown literally on {name}"
    assert "49" not in text  # {{7*7}} and ${7*7} are never evaluated


def test_profile_title_is_the_literal_unit_name(page, hostile_server, dialogs):
    found = open_page(page, hostile_server + PAGES["profile"])
    h1 = page.locator('[data-testid="stMain"] h1').first
    assert h1.inner_text().strip() == UNIT
    assert h1.locator("script, img").count() == 0
    # The unit's own tables (pilots, cluster history, facts) are drawn; their links are http(s).
    page.locator('[data-testid="stDataFrame"]').nth(2).wait_for(timeout=30_000)  # tables render after the charts
    assert_nothing_ran(found, dialogs, hostile_server)
    screenshot(page, "injection-profile")


def hover_unit(page, code: str) -> str:
    """Hover the map marker of one unit (trace 'units', found by its customdata) and read the label."""
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    trace, point = chart.locator(".js-plotly-plot").evaluate(
        """(gd, code) => {
             const t = gd.data.findIndex(d => d.name === 'units');
             return [t, gd.data[t].customdata.findIndex(c => c[0] === code)];
           }""",
        code,
    )
    assert trace >= 0 and point >= 0
    marker = chart.locator(".scatterlayer .trace").nth(trace).locator(".point").nth(point)
    box = marker.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    label = chart.locator(".hoverlayer .hovertext")
    label.first.wait_for(timeout=10_000)
    assert label.first.locator("a, b, img, script").count() == 0  # plotly made no markup of it
    return label.first.text_content()


def test_map_hover_shows_the_unit_name_escaped(page, hostile_server, dialogs):
    found = open_page(page, hostile_server + PAGES["overview"])
    text = hover_unit(page, "17")
    assert text.startswith(UNIT + ":"), text
    assert "&lt;" not in text
    text = hover_unit(page, "25")
    assert text.startswith(MARKUP_UNIT + ":"), text
    assert_nothing_ran(found, dialogs, hostile_server)
    assert page.evaluate("window.__pwned") is None and not dialogs


def test_map_hover_shows_quotes_literally(page, hostile_server):
    open_page(page, hostile_server + PAGES["overview"])
    assert hover_unit(page, "24").startswith(IMG_UNIT + ":")


def test_data_text_is_not_rendered_as_markdown(page, hostile_server):
    open_page(page, hostile_server + PAGES["profile"])
    text = shown_text(page, [CURRENT_25, SEARCHED_17])
    main = page.locator('[data-testid="stMain"]')
    assert CURRENT_25 in text  # the successor, in the st.info box
    assert SEARCHED_17 in text  # what was searched, in a caption
    assert main.locator("a", has_text="click").count() == 0  # no link made from data
    assert main.locator("strong", has_text="bold").count() == 0
