"""Debian's Chromium, driven by Playwright (no browser download: executable_path)."""
import shutil
import tempfile

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
EXIT_URL = "https://www.google.com/search?q=meteo"


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed (apt-get install chromium chromium-driver; .ci/run does it)")
    profile = tempfile.mkdtemp(prefix="balise-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=executable, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1280, "height": 800},
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser):
    page = browser.new_page()
    # The quick-exit destination is a third-party site: answered locally, never fetched.
    page.route("https://www.google.com/**", lambda route: route.fulfill(body="<title>Météo</title>", content_type="text/html"))
    yield page
    page.close()
