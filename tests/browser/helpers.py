"""Steps shared by the browser tests: open the chat, find its frame, measure, read contrast."""
from playwright.sync_api import Frame, Page, expect

SEXTORTION = "il a mes nudes et il veut de l'argent sinon il les envoie"
CRISIS = "je vais me tuer ce soir"
QUICK_EXIT_MS = 300  # issue #8: the page is gone in under 300 ms


def open_chat(page: Page, url: str):
    page.goto(url)
    page.click("#balise-launcher")
    chat = page.frame_locator("#balise-frame")
    chat.locator("#msg").wait_for()
    return chat


def chat_frame(page: Page) -> Frame:
    return next(f for f in page.frames if "/chat" in f.url)


def session_id(page: Page) -> str:
    return chat_frame(page).evaluate("sessionStorage.getItem('balise.sid')")


def send(chat, text: str, expected: str):
    chat.locator("#msg").fill(text)
    chat.locator("#msg").press("Enter")
    expect(chat.locator("[role=log]")).to_contain_text(expected, timeout=20_000)


def tab_to(page: Page, frame: Frame, selector: str, limit: int = 40) -> None:
    """Presses Tab until the element matching `selector` in `frame` has the focus (keyboard only)."""
    for _ in range(limit):
        if frame.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def exit_time_ms(page: Page, started_at: float) -> float:
    """Milliseconds from `started_at` (the old page's Date.now()) to the start of the navigation
    that replaced it (the new document's timeOrigin): the user-visible quick-exit delay."""
    return page.evaluate("performance.timeOrigin") - started_at


CONTRAST = """([a, b]) => {
  const rgb = s => s.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}"""


def contrast(frame: Frame, selector: str) -> float:
    """WCAG contrast ratio between an element's text colour and its background colour."""
    colours = frame.eval_on_selector(selector, "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    return frame.evaluate(CONTRAST, colours)
