"""The widget in Debian's Chromium against the real stack: the demo partner page, a
conversation by mouse and by keyboard, quick exit (button and Esc Esc), the API down."""
import re
import time

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import EXIT_URL
from tests.browser.helpers import (
    QUICK_EXIT_MS, SEXTORTION, chat_frame, exit_time_ms, open_chat, send, session_id, tab_to,
)


def forgotten(stack, sid: str) -> bool:
    """The server no longer knows the session: the audience it was told is gone."""
    reply = httpx.post(f"{stack.url}/api/v1/chat", json={"session_id": sid, "payload": "/menu"}, timeout=30)
    return reply.json()["audience"] == "unknown"


def test_a_conversation_by_mouse_stays_with_the_gateway(page, stack):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    chat = open_chat(page, stack.url + "/")
    chat.get_by_role("button", name="J'ai entre 12 et 17 ans").click()
    expect(chat.locator("#log")).to_contain_text("De quoi veux-tu parler ?", timeout=20_000)
    send(chat, SEXTORTION, "Ce n'est pas de ta faute")
    log = chat.locator("[role=log]")
    expect(log.locator(".card a[href='tel:3018']").first).to_be_visible()
    expect(log.locator(".card .badge").first).to_have_text(re.compile("Ouvert maintenant|Fermé maintenant"))
    # no third party (fonts, CDN, analytics), no cookie
    assert requests and all(u.startswith(stack.url + "/") for u in requests), requests
    assert page.context.cookies() == []
    assert chat_frame(page).evaluate("localStorage.length") == 0


def test_a_conversation_by_keyboard_only(page, stack):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(stack.url + "/")
    frame_of = lambda: chat_frame(page)  # noqa: E731  (the frame exists once opened)
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == "balise-launcher":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    chat = page.frame_locator("#balise-frame")
    expect(chat.locator("#title")).to_be_focused()  # focus moves into the chat
    tab_to(page, frame_of(), "button.choice.entry")  # first choice: "J'ai entre 12 et 17 ans"
    page.keyboard.press("Enter")
    expect(chat.locator("#log")).to_contain_text("De quoi veux-tu parler ?", timeout=20_000)
    expect(chat.locator("li.bot:last-child .who")).to_be_focused()  # focus goes to the new answer
    tab_to(page, frame_of(), "#msg")
    page.keyboard.type("je veux parler à quelqu'un")
    page.keyboard.press("Enter")
    expect(chat.locator("[role=log]")).to_contain_text("119", timeout=20_000)
    expect(chat.locator("#msg")).to_have_value("")
    expect(chat.locator("#msg")).to_be_focused()
    tab_to(page, frame_of(), "#close")
    page.keyboard.press("Enter")
    expect(page.locator("#balise-launcher")).to_be_focused()  # minimised: focus back on the button


def start_as_parent(page, stack):
    """Opens the chat on the demo page and answers who is writing: a conversation exists."""
    chat = open_chat(page, stack.url + "/")
    chat.get_by_role("button", name="Je suis parent").click()
    expect(chat.locator("#log")).to_contain_text("souhaitez-vous", timeout=20_000)
    return chat, session_id(page)


def test_quick_exit_button_replaces_the_page_and_forgets_the_session(page, stack):
    chat, sid = start_as_parent(page, stack)
    chat.locator("#quit").focus()
    started = page.evaluate("Date.now()")
    page.keyboard.press("Enter")
    page.wait_for_url(EXIT_URL)
    assert (ms := exit_time_ms(page, started)) < QUICK_EXIT_MS, f"{ms:.0f} ms"
    assert forgotten(stack, sid)
    page.go_back()
    assert not page.url.startswith(stack.url)  # Back does not return to the chat


def test_escape_twice_exits_and_forgets(page, stack):
    chat, sid = start_as_parent(page, stack)
    chat.locator("#msg").focus()
    started = page.evaluate("Date.now()")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL)
    assert (ms := exit_time_ms(page, started)) < QUICK_EXIT_MS, f"{ms:.0f} ms"
    deadline = time.monotonic() + 5  # the keepalive DELETE leaves as the page goes away
    while not forgotten(stack, sid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert forgotten(stack, sid)


def test_escape_twice_on_the_host_page_exits(page, stack):
    open_chat(page, stack.url + "/")
    page.locator("h1").click()  # focus back on the partner's page, the chat still open
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL)


def test_emergency_strip_is_static_and_survives_an_api_failure(page, stack):
    page.route("**/api/v1/**", lambda route: route.abort())
    chat = open_chat(page, stack.url + "/")
    chat.locator("#msg").fill("bonjour")
    chat.locator("#msg").press("Enter")
    expect(chat.locator("[role=alert]")).to_contain_text("n'est pas parti")
    strip = chat.locator("#sos")
    for href in ("tel:17", "tel:112", "sms:114", "tel:119"):
        expect(strip.locator(f"a[href='{href}']")).to_be_visible()
    expect(chat.locator("#msg")).to_have_value("bonjour")  # nothing lost


def test_without_any_script_the_strip_is_there(page, stack):
    page.route("**/chat.js", lambda route: route.abort())
    page.goto(stack.url + "/chat")
    for href in ("tel:17", "tel:112", "sms:114", "tel:119"):
        expect(page.locator(f"#sos a[href='{href}']")).to_be_visible()
    expect(page.locator("#fallback")).to_be_visible(timeout=10_000)  # "the chat did not load"
    expect(page.locator("#quit")).to_have_attribute("href", EXIT_URL)


def test_local_help_by_departement_number(page, stack, axe):
    """Issue #6: a département number (never an address) brings the cards for the person's area;
    a wrong value gets a French message and nothing is sent; later messages carry it."""
    resources, chats = [], []
    page.on("request", lambda r: resources.append(r.url) if "/api/v1/resources" in r.url else None)
    page.on("request", lambda r: chats.append(r.post_data_json) if r.url.endswith("/api/v1/chat") else None)
    chat = open_chat(page, stack.url + "/")
    chat.get_by_role("button", name="J'ai entre 12 et 17 ans").click()
    expect(chat.locator("#log")).to_contain_text("De quoi veux-tu parler ?", timeout=20_000)
    send(chat, "on me propose des plans sous pour me faire de la thune", "PARÉ")
    form = chat.locator("form.local").last
    field = form.get_by_label("Ton numéro de département")
    field.fill("750")  # a Paris postcode start, not a département
    form.get_by_role("button", name="Chercher").click()
    expect(form.locator(".local-error")).to_contain_text("numéro de département")
    assert resources == []
    field.fill("93")
    form.get_by_role("button", name="Chercher").click()
    expect(chat.locator("#log")).to_contain_text("Qui peut aider dans le 93", timeout=20_000)
    assert any("departement=93" in url and "topic=exploitation" in url for url in resources), resources
    assert axe(chat_frame(page)) == []  # the form and its cards: no serious or critical violation
    send(chat, "je veux parler à quelqu'un", "119")
    assert chats[-1].get("departement") == "93"
