"""WCAG 2.2 AA checks in Chromium: axe-core finds no serious or critical violation on the demo
page, the open chat, a crisis answer and a resource card, at phone and desktop sizes (each state
is photographed into artifacts/); 200 % zoom without horizontal scrolling; reduced motion."""
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import CRISIS, SEXTORTION, chat_frame, open_chat, send

SIZES = {"mobile": {"width": 360, "height": 640}, "desktop": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("size", SIZES)
def test_every_state_is_accessible_and_photographed(page, stack, axe, artifacts, size):
    page.set_viewport_size(SIZES[size])
    shot = lambda state: page.screenshot(path=str(artifacts / f"widget-{size}-{state}.png"))  # noqa: E731
    page.goto(stack.url + "/")
    assert axe(page) == [], "demo page"
    shot("1-demo-closed")

    chat = open_chat(page, stack.url + "/")
    frame = chat_frame(page)
    expect(chat.locator(".welcome")).to_contain_text("anonyme")
    assert axe(frame) == [], "open chat (welcome)"
    shot("2-chat-welcome")

    send(chat, CRISIS, "Urgence")
    answer = chat.locator("li.crisis").last
    expect(answer).to_be_visible()
    expect(chat.locator("#sos.hot")).to_be_visible()
    answer.scroll_into_view_if_needed()
    assert axe(frame) == [], "crisis answer"
    shot("3-crisis-answer")

    chat.locator("#clear").click()
    send(chat, SEXTORTION, "Ce n'est pas de ta faute")
    card = chat.locator(".card").first
    card.scroll_into_view_if_needed()
    expect(card.locator(".links a").first).to_be_visible()
    assert axe(frame) == [], "resource card"
    shot("4-resource-card")


def test_200_percent_zoom_keeps_everything_without_sideways_scrolling(page, stack):
    # 1280 × 800 at 200 % zoom is a 640 × 400 CSS-pixel viewport; 320 px wide is WCAG's reflow width.
    for width, height in ((640, 400), (320, 256)):
        page.set_viewport_size({"width": width, "height": height})
        chat = open_chat(page, stack.url + "/")
        frame = chat_frame(page)
        assert frame.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        chat.locator("#quit").scroll_into_view_if_needed()
        expect(chat.locator("#quit")).to_be_in_viewport()
        send(chat, SEXTORTION, "Ce n'est pas de ta faute")
        assert frame.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        expect(chat.locator("#quit")).to_be_in_viewport()  # sticky when the whole chat scrolls


def test_reduced_motion_turns_off_animation_and_smooth_scrolling(page, stack):
    page.emulate_media(reduced_motion="reduce")
    open_chat(page, stack.url + "/")
    moving = chat_frame(page).evaluate("""() => [...document.querySelectorAll('*')].filter(e => {
        const s = getComputedStyle(e);
        return parseFloat(s.animationDuration) > 0 || parseFloat(s.transitionDuration) > 0 || s.scrollBehavior === 'smooth';
      }).map(e => e.tagName)""")
    assert moving == []


def test_keyboard_focus_is_visible(page, stack):
    chat = open_chat(page, stack.url + "/")
    frame = chat_frame(page)
    chat.locator("#title").focus()
    page.keyboard.press("Tab")
    assert frame.evaluate("document.activeElement.id") == "quit"
    outline = frame.evaluate("(s => [s.outlineStyle, parseFloat(s.outlineWidth)])(getComputedStyle(document.activeElement))")
    assert outline[0] == "solid" and outline[1] >= 2


def test_the_browsing_tips_are_linked_and_accessible(page, stack, axe):
    chat = open_chat(page, stack.url + "/")
    chat.locator(".foot summary").click()
    link = chat.get_by_role("link", name="Conseils pour limiter les traces")
    expect(link).to_have_attribute("href", "/conseils")
    assert axe(chat_frame(page)) == [], "chat with its privacy help open"
    page.goto(stack.url + "/conseils")
    expect(page.locator("h1")).to_have_text("Conseils de navigation")
    assert axe(page) == []
