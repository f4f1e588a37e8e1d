"""End to end: `hotspot-kg ui` serving the hand-made dataset, driven in Debian's headless Chromium.

It opens the app, switches the city to Beijing in the sidebar, visits every page through the
navigation and saves a screenshot of each to out/screenshots/ (ignored by git); and it opens each page's
URL as the first visit of a freshly started explorer. Chromium and
chromedriver come from the system's packages: `scripts/ensure-chromium.sh` installs them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from hotspot_kg.core import settings as settings_module

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = os.environ.get("HOTSPOT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("HOTSPOT_CHROMEDRIVER", "/usr/bin/chromedriver")
PAGES = [  # url path of the page, the heading to wait for
    ("specialisation", "technological specialisation"),
    ("novelty_complexity", "novelty versus complexity"),
    ("ecosystem", "the innovation ecosystem"),
    ("global_networks", "local, domestic and international links"),
    ("science_context", "science and economic context"),
    ("cypher_console", "Cypher console"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"`hotspot-kg ui` exited with status {proc.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the explorer did not answer at {url} within {seconds:.0f} s")


@pytest.fixture
def app_url(loaded: Driver, neo4j_settings: settings_module.Settings) -> Iterator[str]:
    """`hotspot-kg ui` on a free port, pointed at the test server, stopped afterwards."""
    port = free_port()
    env = dict(os.environ)
    env.update(
        NEO4J_URI=neo4j_settings.uri,
        NEO4J_USER=neo4j_settings.user,
        NEO4J_PASSWORD=neo4j_settings.password,
        NEO4J_DATABASE=neo4j_settings.database,
    )
    cmd = [sys.executable, "-m", "hotspot_kg.cli", "ui", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: run scripts/ensure-chromium.sh (apt-installs chromium)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1440,1100",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def heading(browser: WebDriver, text: str, seconds: float = 180) -> None:
    """Wait until the page's h1 holds ``text`` and Streamlit has finished running the script."""
    try:
        WebDriverWait(browser, seconds).until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), text))
        idle: list[bool] = []

        def settled(b: WebDriver) -> bool:  # the running indicator absent three polls in a row
            idle.append(not b.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidget"]'))
            return len(idle) >= 3 and all(idle[-3:])

        WebDriverWait(browser, seconds, poll_frequency=0.5).until(settled)
    except TimeoutException:
        h1 = [e.text for e in browser.find_elements(By.TAG_NAME, "h1")]
        shoot(browser, "failure")
        raise AssertionError(f"no heading with {text!r} after {seconds:.0f} s; headings: {h1}") from None
    WebDriverWait(browser, 60).until(plots_drawn)
    time.sleep(1.5)  # deck.gl and the last transitions


def plots_drawn(browser: WebDriver) -> bool:
    """Every plotly chart of the page has drawn its SVG."""
    charts = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stPlotlyChart"]')
    drawn = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stPlotlyChart"] .main-svg')
    return len(drawn) >= len(charts)


def shoot(browser: WebDriver, name: str) -> Path:
    """Save the whole page: the window grows to the height of Streamlit's scrolling main area first."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    height = browser.execute_script(
        "const m = document.querySelector('[data-testid=\"stMain\"]'); return m ? m.scrollHeight : 1100;"
    )
    browser.set_window_size(1440, min(max(int(height) + 40, 1100), 7000))
    time.sleep(1.0)
    assert browser.save_screenshot(str(path)), f"could not save {path}"
    browser.set_window_size(1440, 1100)
    return path


def choose_city(browser: WebDriver, label: str) -> None:
    """Open the sidebar's city box and click the option ``label``."""
    box = browser.find_element(By.CSS_SELECTOR, '[data-testid="stSidebar"] [data-testid="stSelectbox"]')
    box.find_element(By.CSS_SELECTOR, 'button[aria-haspopup="listbox"]').click()
    option = WebDriverWait(browser, 20).until(
        ec.element_to_be_clickable((By.XPATH, f'//*[@role="option"][normalize-space()="{label}"]'))
    )
    option.click()


def test_browse_every_page_after_switching_city(app_url: str, browser: WebDriver) -> None:
    browser.get(app_url)
    heading(browser, "Shenzhen (CN): patents and novelty over time")
    shoot(browser, "00-overview-shenzhen")
    choose_city(browser, "Beijing (CN)")
    heading(browser, "Beijing (CN): patents and novelty over time", 30)
    shots = [shoot(browser, "01-overview")]
    for number, (path, text) in enumerate(PAGES, start=2):
        link = browser.find_element(By.CSS_SELECTOR, f'[data-testid="stSidebarNav"] a[href$="/{path}"]')
        link.click()
        heading(browser, text)
        if path != "cypher_console":
            assert "Beijing (CN)" in browser.find_element(By.TAG_NAME, "h1").text  # the city holds
        else:
            WebDriverWait(browser, 60).until(
                ec.presence_of_element_located((By.XPATH, '//button[normalize-space()="Run"]'))
            )
        shots.append(shoot(browser, f"{number:02d}-{path}"))
    errors = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')
    assert errors == [], [e.text for e in errors]
    assert all(p.stat().st_size > 10_000 for p in shots)


FIRST_VISITS = [("", "Shenzhen (CN): patents and novelty over time"), *PAGES]
TITLES = [
    "Overview",
    "Specialisation",
    "Novelty vs complexity",
    "Ecosystem",
    "Global networks",
    "Science and context",
    "Cypher console",
]


@pytest.mark.parametrize(("path", "text"), FIRST_VISITS, ids=[p or "root" for p, _ in FIRST_VISITS])
def test_each_page_opens_from_its_own_url_on_a_fresh_explorer(
    app_url: str, browser: WebDriver, path: str, text: str
) -> None:
    """A bookmark opened first after a restart: the page, its sidebar and its data, as after a click (not
    Streamlit's automatic page list, nor "No city in the database yet")."""
    browser.get(f"{app_url}/{path}")
    heading(browser, text)
    links = WebDriverWait(browser, 30).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, '[data-testid="stSidebarNav"] a') or None
    )
    assert [a.text.splitlines()[-1] for a in links] == TITLES  # each link: its icon's name, then its title
    sidebar = browser.find_element(By.CSS_SELECTOR, '[data-testid="stSidebar"]')
    assert sidebar.find_elements(By.CSS_SELECTOR, '[data-testid="stSelectbox"]')  # the city picker is drawn
    assert "No city in the database yet" not in browser.find_element(By.TAG_NAME, "body").text
    if path != "cypher_console":
        assert "Shenzhen (CN)" in browser.find_element(By.TAG_NAME, "h1").text
    errors = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')
    assert errors == [], [e.text for e in errors]
    shoot(browser, f"first-visit-{path or 'root'}")
