"""Screenshots of ``htctl serve``: the gallery and a bot page after generating, as PNG files.

    python scripts/screenshots.py --store ./ht-data --out docs/screenshots [--bot htctl_sample]

Starts ``htctl serve`` on a free loopback port, drives Debian's ``chromium`` headless through
``chromedriver`` (selenium), and stops the server again. tests/test_serve_browser.py uses the
same functions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def browser(width: int = 1200, height: int = 900):
    """Headless Chromium (root in a container needs --no-sandbox)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def generate_on_page(driver, url: str, prompt: str, samples: int = 2, timeout: float = 60):
    """Open a bot page, type a prompt, press Generate; the sample elements once all arrived."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    box = driver.find_element(By.ID, "prompt")
    box.clear()
    box.send_keys(prompt)
    count = driver.find_element(By.ID, "n")
    count.clear()
    count.send_keys(str(samples))
    driver.find_element(By.ID, "go").click()
    wait = WebDriverWait(driver, timeout)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#samples li")) >= samples)
    return driver.find_elements(By.CSS_SELECTOR, "#samples li")


def take(base_url: str, bot: str, out: Path, prompt: str = "My dream is") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    driver = browser()
    try:
        driver.get(base_url + "/")
        gallery = out / "gallery.png"
        driver.save_screenshot(str(gallery))
        generate_on_page(driver, f"{base_url}/bots/{bot}", prompt)
        page = out / "bot.png"
        driver.save_screenshot(str(page))
        return [gallery, page]
    finally:
        driver.quit()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=os.environ.get("HT_STORE", "./ht-data"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--bot", default="htctl_sample")
    args = parser.parse_args()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "job", "serve", "--store", args.store, "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if server.poll() is not None:
                sys.exit(f"htctl serve exited {server.returncode}")
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for path in take(url, args.bot, Path(args.out)):
            print(path)
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
