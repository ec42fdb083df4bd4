"""End-to-end: the desk in a real headless Chromium (Debian's chromium + chromium-driver, driven by
Selenium) against a real server on loopback.

Without Chromium these tests skip, so ``make test`` works on a bare machine; CI installs it
(scripts/ci_browser.sh) and sets NEWSEVENTS_TEST_BROWSER=1, which turns a missing browser into a
failure.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest

from browser_support import browser_missing, chromium, free_port, serve, wait_for
from test_store_data import strike_result
from web_data import HOSTILE_HEADLINE, TOKEN, fill, hostile_result

pytestmark = [pytest.mark.browser, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def _need_browser() -> None:
    missing = browser_missing()
    if missing is None:
        return
    if os.environ.get("NEWSEVENTS_TEST_BROWSER") == "1":
        pytest.fail(f"NEWSEVENTS_TEST_BROWSER=1 but the browser cannot run: {missing}")
    pytest.skip(f"end-to-end tests need Chromium: {missing}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    """(driver, base URL) over a fresh store; one browser for the module."""
    _need_browser()
    from newsevents.web import WebConfig, create_app

    path = str(tmp_path_factory.mktemp("e2e") / "events.db")
    fill(path)
    port = free_port()
    app = create_app(WebConfig(db=path, token=TOKEN, port=port))
    with serve(app, port) as base, chromium() as driver:
        yield driver, base


def _open(site: tuple[Any, str], path: str, *, token: bool = True) -> Any:
    driver, base = site
    driver.get(base + "/static/css/app.css")  # same origin, to reset this tab's storage
    driver.execute_script("sessionStorage.clear(); localStorage.clear();")
    driver.get(base + path + (f"#token={TOKEN}" if token else ""))
    return driver


def _strike_id() -> str:
    return next(e.event_id for e in strike_result().events if e.evidence.trigger == "struck")


def _pwned(driver: Any) -> Any:
    return driver.execute_script("return window.__pwned === undefined ? null : window.__pwned;")


def test_list_loads_and_filters(site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = _open(site, "/")
    rows = wait_for(driver, "table.events tbody tr.event-row", count=7)
    assert len(rows) == 7
    Select(driver.find_element(By.CSS_SELECTOR, "form.filters select[name=type]")).select_by_value("PROTEST")
    driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    wait_for(driver, ".card-head .total")
    _until(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr.event-row")) == 1)
    assert "type=PROTEST" in driver.current_url  # the view is in the address, to share
    # the shared address shows the same view
    driver.get(driver.current_url.replace("type=PROTEST", "country=UKR"))
    _until(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr.event-row")) == 5)


def test_sorting_and_search(site):
    from selenium.webdriver.common.by import By

    driver = _open(site, "/?search=drones")
    _until(driver, lambda d: 0 < len(d.find_elements(By.CSS_SELECTOR, "tr.event-row")) < 7)
    driver.find_element(By.XPATH, "//th//button[starts-with(normalize-space(.), 'conf.')]").click()
    _until(driver, lambda d: "sort=confidence" in d.current_url)


def test_event_page_highlights_evidence_and_field_words(site):
    from selenium.webdriver.common.by import By

    driver = _open(site, f"/event/{_strike_id()}")
    current = wait_for(driver, "#article-body mark.cur")
    text = "".join(m.text for m in current)
    assert text.startswith("Drones launched by Russian forces struck")
    trigger = driver.find_element(By.CSS_SELECTOR, "#article-body mark.f-trigger")
    assert trigger.text == "struck"
    assert driver.find_element(By.CSS_SELECTOR, "#article-body mark.f-actor").text == "Russian forces"
    assert driver.find_elements(By.CSS_SELECTOR, "#article-body mark.ev")  # the other events too
    assert "ASSAULT" in driver.find_element(By.CSS_SELECTOR, "h1").text


def test_review_an_event_and_see_the_audit_entry(site):
    from selenium.webdriver.common.by import By

    driver = _open(site, f"/event/{_strike_id()}")
    wait_for(driver, "#can-write")
    name = wait_for(driver, "#review-panel input[name=reviewer]")[0]
    name.send_keys("Ana Analyst")
    driver.find_element(By.ID, "btn-accept").click()
    _until(driver, lambda d: any("Ana Analyst" in r.text and "accepted" in r.text
                                 for r in d.find_elements(By.CSS_SELECTOR, "#audit-table tr.audit-row")))
    # a correction of the type, through the form (the page was drawn again after the accept)
    wait_for(driver, "#btn-correct")[0].click()
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.CSS_SELECTOR, "#correction-form select[name=type]")).select_by_value("COERCE")
    driver.find_element(By.CSS_SELECTOR, "#correction-form button[type=submit]").click()
    _until(driver, lambda d: any("COERCE" in r.text for r in d.find_elements(By.CSS_SELECTOR, "#audit-table tr.audit-row")))
    assert "corrected" in driver.find_element(By.CSS_SELECTOR, ".page-head").text
    # the review log lists both changes
    driver.get(site[1] + "/review")
    rows = wait_for(driver, "#audit-table tr.audit-row", count=2)
    assert "type" in rows[0].text and "ASSAULT" in rows[0].text and "COERCE" in rows[0].text


def test_without_the_token_the_app_is_read_only(site):
    from selenium.webdriver.common.by import By

    driver = _open(site, f"/event/{_strike_id()}", token=False)
    wait_for(driver, "#read-only")
    panel = wait_for(driver, "#review-panel")[0]
    assert panel.find_elements(By.CSS_SELECTOR, "form.token-form")
    assert not driver.find_elements(By.ID, "btn-accept")


def test_markers_on_the_map(site):
    driver = _open(site, "/")
    markers = wait_for(driver, "path.ne-cluster", count=2)
    assert len(markers) >= 2
    assert wait_for(driver, "path.leaflet-interactive, svg.leaflet-zoom-animated path")  # outlines drawn


def test_timeline_brush_filters_list_and_map(site):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver = _open(site, "/")
    svg = wait_for(driver, "#timeline svg.timeline-svg")[0]
    wait_for(driver, "tr.event-row", count=7)
    width = svg.size["width"]
    # drag over the left part: the October events (talks, protest), not the 1 November strike
    ActionChains(driver).move_to_element_with_offset(svg, -width // 2 + 36, 0).click_and_hold() \
        .move_by_offset(int(width * 0.5), 0).release().perform()
    _until(driver, lambda d: "since=" in d.current_url and "until=" in d.current_url)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)
    assert query["since"][0] <= query["until"][0]
    _until(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr.event-row")) < 7)


def test_hostile_headline_does_not_run(site):
    from selenium.webdriver.common.by import By

    hostile = hostile_result()
    driver = _open(site, f"/article/{hostile.article.id}")
    headline = wait_for(driver, "h1#headline")[0]
    assert headline.text == HOSTILE_HEADLINE  # shown as the text it is
    assert "<script>window.__pwned = 3</script>" in driver.find_element(By.ID, "article-body").text
    assert _pwned(driver) is None
    driver.get(site[1] + f"/event/{hostile.events[1].event_id}")
    wait_for(driver, "#article-body mark.cur")
    driver.get(site[1] + "/?country=GEO")
    wait_for(driver, "tr.event-row", count=2)
    for link in driver.find_elements(By.CSS_SELECTOR, "a"):
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    assert _pwned(driver) is None
    assert not driver.find_elements(By.CSS_SELECTOR, "main script, main img[src='x'], main b")


def _until(driver: Any, check: Any, timeout: float = 15) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The page redraws after a write; an element read during the redraw is retried.
    WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(check)
