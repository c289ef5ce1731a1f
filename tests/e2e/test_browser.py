"""The dashboard in a real browser: every page from a URL, filters in the URL, offline map."""

import re

import pytest

from loaders.tables import load_dataset
from tests.e2e.conftest import errors_on, screenshot, wait_for_charts, wait_until_done

PAGES = {"overview": "", "profile": "profile", "compare": "compare", "progress": "progress", "data": "data"}


def block_internet(page):
    """Let only loopback through, so anything fetched from outside fails visibly."""
    blocked = []

    def handle(route):
        url = route.request.url
        if re.match(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/", url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", handle)
    return blocked


# The seven legacy provinces whose Sở TT&TT the sources place in cluster 4 (data/facts/clusters.yaml).
CLUSTER_4 = {"Bắc Giang", "Bắc Kạn", "Hòa Bình", "Phú Thọ", "Thái Nguyên", "Tuyên Quang", "Yên Bái"}


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def shows_cluster_4_only(name: str, page) -> None:
    """What each page itself shows when filtered to cluster 4 (not only the sidebar's count)."""
    text = main_text(page)
    if name == "overview":
        assert text.count("/ 7 đơn vị") == 5, text  # each headline figure is out of the 7 units
    elif name == "profile":
        assert page.locator("h1").first.inner_text() in CLUSTER_4
    elif name == "compare":
        picked = page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]').first.inner_text()
        assert "Bắc Giang" in picked and "Bắc Kạn" in picked  # the first two, in Vietnamese order
    elif name == "progress":
        assert "7 đơn vị được hiển thị" in text
    elif name == "data":
        # The coverage caption counts 7 provinces x 4 indicator groups.
        caption = next(line for line in text.splitlines() if line.startswith("Có nguồn riêng:"))
        assert sum(int(n) for n in re.findall(r": (\d+)", caption)) == 28, caption
    assert "Hà Nội" not in text or name == "data"  # Hà Nội is in cluster 1 (the data page lists all sources)


@pytest.mark.parametrize("name", PAGES)
def test_each_page_opens_filtered_to_cluster_4(page, server, name):
    block_internet(page)
    page.goto(f"{server}/{PAGES[name]}?cluster=4&era=legacy")
    wait_for_charts(page)
    assert not errors_on(page)
    assert "cluster=4" in page.url
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "7 / 63" in sidebar.inner_text()  # the seven provinces of cluster 4
    shows_cluster_4_only(name, page)
    screenshot(page, f"{name}-cluster4-legacy")


@pytest.mark.parametrize("era", ["current", "legacy"])
def test_overview_map_draws_offline_in_both_eras(page, server, era):
    blocked = block_internet(page)
    page.goto(f"{server}/?era={era}")
    wait_for_charts(page)
    expected = 63 if era == "legacy" else 34
    # Wait until plotly has drawn every province (a drawn fill has a non-empty path;
    # the legend's sample of the hatching is an empty one).
    page.wait_for_function(
        """n => {
            const chart = document.querySelector('[data-testid="stPlotlyChart"]');  // absent mid-rerun
            if (!chart) return false;
            return [...chart.querySelectorAll('.scatterlayer path.js-fill')]
                .filter(p => (p.getAttribute('d') || '').length > 10).length === n;
        }""",
        arg=expected, timeout=30_000,
    )
    assert not errors_on(page)
    screenshot(page, f"overview-{era}")
    assert not [u for u in blocked if "plot.ly" in u or "topojson" in u]


def test_changing_the_cluster_filter_updates_the_url(page, server):
    page.goto(f"{server}/?era=legacy")
    wait_for_charts(page)
    page.get_by_role("combobox", name=re.compile("Cụm thi đua")).fill("5")
    page.get_by_role("option", name="5", exact=True).click()
    page.keyboard.press("Escape")
    wait_until_done(page)
    page.wait_for_url(re.compile(r"cluster=5"))
    assert "6 / 63" in page.locator('[data-testid="stSidebar"]').inner_text()


def test_the_filter_survives_a_page_switch(page, server):
    page.goto(f"{server}/?cluster=4&era=legacy")
    wait_for_charts(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text="So sánh").click()
    wait_for_charts(page)
    assert "/compare" in page.url and "cluster=4" in page.url
    assert "7 / 63" in page.locator('[data-testid="stSidebar"]').inner_text()


def test_language_switch_in_the_url(page, server):
    page.goto(f"{server}/progress?lang=English")
    wait_for_charts(page)
    assert page.locator("h1").first.inner_text() == "Progress over time"


def test_search_jumps_to_the_profile(page, server):
    page.goto(f"{server}/")
    wait_for_charts(page)
    page.get_by_label(re.compile("Tìm tỉnh")).fill("bac giang")
    page.keyboard.press("Enter")
    wait_until_done(page)
    page.get_by_role("button", name=re.compile("Bắc Giang.*Bắc Ninh")).click()
    wait_for_charts(page)
    assert "/profile" in page.url
    assert page.locator("h1").first.inner_text() == "Bắc Giang"
    screenshot(page, "profile-search-bac-giang")


def test_clicking_a_province_on_the_map_opens_its_profile(page, server):
    page.goto(f"{server}/?era=legacy")
    wait_for_charts(page)
    marker = page.locator('[data-testid="stPlotlyChart"]').first.locator(".scatterlayer .trace.scatter .point").nth(20)
    # The unit code plotly holds for this marker (its trace's customdata at the point's index).
    code = marker.evaluate(
        """el => { const data = el.closest('.trace').__data__[0].trace.customdata[el.__data__.i];
                   return Array.isArray(data) ? data[0] : data; }"""
    )
    names = load_dataset().units.query("era == 'legacy'").set_index("unit_code")["unit_name"]
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_charts(page)
    assert "/profile" in page.url
    assert page.locator("h1").first.inner_text() == names[code]
