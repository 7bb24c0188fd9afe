"""Debian's Chromium, driven by Playwright (no browser download: executable_path).

A partner page on another origin frames the chat in some tests: the gateway is told to accept it
(BALISE_PARTNER_ORIGINS), before any stack starts, exactly as a partner's origin is configured.
"""
import json
import os
import shutil
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from scripts.stack import ROOT
from tests.conftest import free_port

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
EXIT_URL = "https://www.google.com/search?q=meteo"
PARTNER_PORT = free_port()
PARTNER_ORIGIN = f"http://127.0.0.1:{PARTNER_PORT}"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def pytest_configure(config):
    os.environ["BALISE_PARTNER_ORIGINS"] = json.dumps([PARTNER_ORIGIN])


@pytest.fixture(scope="package")
def browser():
    """Package scope: Playwright's event loop ends with the browser tests, before the e2e and unit
    tests that run their own asyncio loops."""
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


@pytest.fixture
def axe(page, stack):
    """Runs axe-core (node_modules, `make test` installs it) in a page or frame; returns the serious
    and critical violations. axe is served at the gateway's own origin by the test, so the pages'
    real CSP (script-src 'self') stays on."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make node_modules/.installed` (npm ci)")
    url = stack.url + "/__test__/axe.min.js"
    page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))

    def run(target) -> list[dict]:
        target.add_script_tag(url=url)
        result = target.evaluate("axe.run(document, {iframes: false, resultTypes: ['violations']})")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")
        ]

    return run


class PartnerSite(BaseHTTPRequestHandler):
    """A partner's web server: the pages a test registers, each with its own CSP header."""

    pages: dict[str, tuple[str, str]] = {}

    def do_GET(self):  # noqa: N802 (http.server's naming)
        page = self.pages.get(urlsplit(self.path).path)
        if page is None:
            self.send_error(404)
            return
        html, csp = page
        body = html.encode("utf-8")
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-security-policy", csp)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def partner_site():
    """A real server on its own loopback origin (Chromium refuses public pages loading from loopback)."""
    server = ThreadingHTTPServer(("127.0.0.1", PARTNER_PORT), PartnerSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield PartnerSite.pages
    server.shutdown()
    server.server_close()
