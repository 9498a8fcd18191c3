"""The pages of ``htctl serve`` in a real headless browser (Debian's chromium + chromedriver).

Skipped with a reason where Chromium is not installed, except in CI (``CI`` set), where
scripts/install-tools.sh installs it and its absence is a failure.
"""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest

from tests.support.cli import ROOT
from tests.support.publishing import BOT
from tests.support.serve import SECOND, publish_two_bots, start_server


def _screenshots_module():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts/screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shots():
    missing = [tool for tool in ("chromium", "chromedriver") if not shutil.which(tool)]
    if importlib.util.find_spec("selenium") is None:
        missing.append("selenium")
    if missing:
        message = f"{' and '.join(missing)} missing (scripts/test.sh installs them)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return _screenshots_module()


@pytest.fixture(scope="module")
def site(shots, tmp_path_factory):
    scratch = tmp_path_factory.mktemp("browser")
    store = publish_two_bots(str(scratch / "store"), scratch)
    env = {"HT_CACHE": str(scratch / "cache")}
    server = start_server(store.uri, scratch / "server.log", "--threads", "1", env=env)
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def driver(shots):
    driver = shots.browser()
    yield driver
    driver.quit()


def test_the_gallery_lists_both_bots_and_searches_by_handle(driver, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(site + "/")
    cards = driver.find_elements(By.CSS_SELECTOR, "#gallery li.bot")
    assert sorted(c.get_attribute("data-bot") for c in cards) == sorted([BOT, SECOND])
    garden = next(c for c in cards if c.get_attribute("data-bot") == SECOND)
    assert "Garden Bot (synthetic)" in garden.text and "@garden_bot" in garden.text
    search = driver.find_element(By.ID, "q")
    search.send_keys("garden")
    search.submit()
    # submit() returns before the results page has replaced this one: wait for the old list to
    # go, then read the new one (reading at once raced the navigation and met stale elements).
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(garden))
    found = driver.find_elements(By.CSS_SELECTOR, "#gallery li.bot")
    assert [c.get_attribute("data-bot") for c in found] == [SECOND]


def test_a_bot_page_shows_the_card_and_its_pictures(driver, site):
    from selenium.webdriver.common.by import By

    driver.get(f"{site}/bots/{BOT}")
    card = driver.find_element(By.ID, "card")
    headings = [h.text for h in card.find_elements(By.TAG_NAME, "h2")]
    assert "Training data" in headings and "Limitations and bias" in headings
    assert card.find_elements(By.TAG_NAME, "table")  # the data table, rendered
    for picture in ("predictions", "loss"):
        width = driver.execute_script(
            "const i = document.getElementById(arguments[0]); return i.complete && i.naturalWidth",
            picture,
        )
        assert width and width > 100, picture


def test_typing_a_prompt_and_pressing_generate_shows_samples(driver, site, shots):
    samples = shots.generate_on_page(driver, f"{site}/bots/{SECOND}", "The garden", samples=3)
    assert len(samples) == 3
    assert all(s.text.startswith("The garden") and len(s.text) > len("The garden") for s in samples)
    assert not driver.find_element("id", "error").is_displayed()


def test_the_screenshot_script_writes_both_pictures(site, shots, tmp_path):
    paths = shots.take(site, BOT, tmp_path)
    assert [p.name for p in paths] == ["gallery.png", "bot.png"]
    assert all(
        p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5000 for p in paths
    )
