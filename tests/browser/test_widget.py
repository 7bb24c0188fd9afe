"""The widget in Debian's Chromium against the real stack: the demo partner page, a
conversation by mouse and by keyboard, quick exit (button and Esc Esc), screenshots."""
import re

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import EXIT_URL


def open_chat(page, stack):
    page.goto(stack.url + "/")
    page.click("#balise-launcher")
    return page.frame_locator("#balise-frame")


def session_id(page) -> str:
    frame = next(f for f in page.frames if "/chat" in f.url)
    return frame.evaluate("sessionStorage.getItem('balise.sid')")


def test_a_message_through_the_widget_gets_the_answer(page, stack, artifacts):
    chat = open_chat(page, stack)
    chat.get_by_role("button", name="J'ai entre 12 et 17 ans").click()
    expect(chat.locator("#log")).to_contain_text("De quoi veux-tu parler ?")
    chat.locator("#msg").fill("il a mes nudes et il veut de l'argent sinon il les envoie")
    chat.locator("#msg").press("Enter")
    log = chat.locator("[role=log]")
    expect(log).to_contain_text("Ce n'est pas de ta faute", timeout=20_000)
    expect(log.locator("a[href='tel:3018']").first).to_be_visible()
    page.screenshot(path=str(artifacts / "widget-desktop.png"))


def test_keyboard_only_conversation(page, stack, artifacts):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(stack.url + "/")
    page.focus("#balise-launcher")
    page.keyboard.press("Enter")
    chat = page.frame_locator("#balise-frame")
    chat.locator("#msg").wait_for()
    chat.locator("#msg").focus()
    page.keyboard.type("je veux parler à quelqu'un")
    page.keyboard.press("Enter")
    expect(chat.locator("[role=log]")).to_contain_text("119", timeout=20_000)
    expect(chat.locator("#msg")).to_have_value("")
    page.screenshot(path=str(artifacts / "widget-mobile-360x640.png"))


def test_quick_exit_button_replaces_the_page_and_forgets_the_session(page, stack):
    chat = open_chat(page, stack)
    chat.get_by_role("button", name="Je suis parent").click()
    expect(chat.locator("#log")).to_contain_text("souhaitez-vous")
    sid = session_id(page)
    chat.locator("#quit").click()
    page.wait_for_url(EXIT_URL)
    # forgotten on the server: the buttons it offered this session are no longer accepted
    reply = httpx.post(f"{stack.url}/api/v1/chat", json={"session_id": sid, "payload": "/menu"}, timeout=30)
    assert reply.json()["audience"] == "unknown"
    page.go_back()
    assert not re.match(re.escape(stack.url), page.url)  # Back does not return to the chat


def test_escape_twice_exits(page, stack):
    chat = open_chat(page, stack)
    chat.locator("#msg").wait_for()
    chat.locator("#msg").press("Escape")
    chat.locator("#msg").press("Escape")
    page.wait_for_url(EXIT_URL)


def test_emergency_strip_is_static_and_survives_an_api_failure(page, stack):
    page.route("**/api/v1/chat", lambda route: route.abort())
    chat = open_chat(page, stack)
    chat.locator("#msg").fill("bonjour")
    chat.locator("#msg").press("Enter")
    strip = chat.locator("#sos")
    for href in ("tel:17", "tel:112", "sms:114", "tel:119"):
        expect(strip.locator(f"a[href='{href}']")).to_be_visible()
    expect(chat.locator("#msg")).to_have_value("bonjour")  # nothing lost
