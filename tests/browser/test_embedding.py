"""A partner's page on its own origin with a strict CSP, the loader's options, and the two hooks
other features use (the opt-in summary, hand-off counting)."""
import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import EXIT_URL, PARTNER_ORIGIN
from tests.browser.helpers import QUICK_EXIT_MS, SEXTORTION, chat_frame, contrast, exit_time_ms, open_chat, send

def partner_page(partner_site, stack, attributes: str = 'data-partner="demo"') -> str:
    """A partner page with the strict CSP docs/widget.md asks for: only the gateway's origin for
    scripts and frames, nothing else at all (no inline script or style)."""
    csp = f"default-src 'none'; script-src {stack.url}; frame-src {stack.url}; base-uri 'none'; form-action 'none'"
    html = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Association partenaire</title></head>'
        f'<body><main><h1>Association partenaire</h1></main><script src="{stack.url}/widget.js" {attributes} defer></script>'
        "</body></html>"
    )
    path = f"/page-{len(partner_site)}.html"
    partner_site[path] = (html, csp)
    return PARTNER_ORIGIN + path


def test_partner_page_with_a_strict_csp(page, stack, partner_site):
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    chat = open_chat(page, partner_page(partner_site, stack))
    send(chat, SEXTORTION, "Ce n'est pas de ta faute")
    assert refused == []
    expect(page.locator("#balise-launcher")).to_have_css("position", "fixed")  # styled despite style-src 'none'
    chat.locator("#quit").focus()
    started = page.evaluate("Date.now()")
    page.keyboard.press("Enter")
    page.wait_for_url(EXIT_URL)
    assert (ms := exit_time_ms(page, started)) < QUICK_EXIT_MS, f"{ms:.0f} ms"


def test_options_position_language_discreet_exit(page, stack, partner_site):
    exit_url = "https://www.google.com/search?q=recette+crepes"
    options = f'data-position="left" data-language="en" data-discreet="true" data-exit-url="{exit_url}"'
    url = partner_page(partner_site, stack, options)
    page.goto(url)
    launcher = page.locator("#balise-launcher")
    expect(launcher).to_have_attribute("aria-label", "Open help")  # discreet: neutral name
    assert launcher.bounding_box()["x"] < 100  # left corner
    launcher.click()
    chat = page.frame_locator("#balise-frame")
    expect(page.locator("#balise-frame")).to_have_attribute("title", "Help, anonymous chat")
    expect(chat.locator("#quit")).to_have_text("Quick exit")
    expect(chat.locator("#title")).to_have_text("Help")  # no "Balise" while discreet
    assert chat_frame(page).evaluate("document.documentElement.lang") == "en"
    assert chat_frame(page).evaluate("document.title") == "Help"
    chat.locator("#quit").click()
    page.wait_for_url(exit_url)


@pytest.mark.parametrize("colour", ["#ffff00", "#777777", "#0a0a50"])
def test_partner_colour_keeps_text_contrast(page, stack, partner_site, colour):
    """Black or white text on the partner's colour; its colour as text on white only when readable."""
    open_chat(page, partner_page(partner_site, stack, f'data-color="{colour}"'))
    frame = chat_frame(page)
    for where, selector in ((page, "#balise-launcher"), (frame, "#send"), (frame, "button.choice")):
        assert contrast(where, selector) >= 4.5, selector


def test_summary_is_opt_in_copied_and_never_sent(page, stack):
    """The gateway's summary (being built) is added to a real answer here, as its contract says."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.url)
    lines = ["Quelqu'un me menace de diffuser des photos.", "Ce n'est pas ma faute.", "Je peux appeler le 3018."]

    def with_summary(route):
        response = route.fetch()
        data = response.json()
        data["summary"] = {"lines": lines}
        route.fulfill(response=response, body=json.dumps(data))

    page.route("**/api/v1/chat", with_summary)
    chat = open_chat(page, stack.url + "/")
    sent = []
    page.on("request", lambda r: sent.append(r.post_data or "") if r.method == "POST" else None)
    send(chat, SEXTORTION, "Ce n'est pas de ta faute")
    button = chat.get_by_role("button", name="Copier mon résumé")
    expect(chat.locator(".summary .lines")).to_be_hidden()
    button.click()
    expect(chat.locator(".summary li")).to_have_text(lines)
    expect(chat.locator("[role=status]")).to_contain_text("copié")
    assert chat_frame(page).evaluate("navigator.clipboard.readText()") == "\n".join(lines)
    assert not any(lines[0] in body for body in sent)


def test_a_click_on_a_service_link_is_counted_without_the_session(page, stack):
    chat = open_chat(page, stack.url + "/")
    send(chat, SEXTORTION, "Ce n'est pas de ta faute")
    frame = chat_frame(page)
    frame.evaluate("document.addEventListener('click', e => e.preventDefault())")  # stay on the page
    link = chat.locator(".card .links a").first
    resource = frame.evaluate("document.querySelector('.card h3').textContent")
    with page.expect_request("**/api/v1/events") as event:
        link.click()
    body = json.loads(event.value.post_data)
    assert body["event"] == "handoff_click" and set(body) == {"event", "resource"}
    assert body["resource"] and body["resource"] != resource  # the service's id, not shown text
    assert event.value.method == "POST"
