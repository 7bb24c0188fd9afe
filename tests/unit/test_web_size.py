"""The widget's weight budget (issue #8): what a phone downloads to open the chat, gzipped."""
import gzip

from bot.api.web import loader_source
from bot.settings import PROJECT_ROOT

WEB = PROJECT_ROOT / "web"
APP = ["chat.html", "chat.js", "chat.css", "i18n/fr.json", "i18n/en.json"]
BUDGET = 25 * 1024


def test_loader_and_app_fit_in_25_kb_gzipped():
    sizes = {name: len(gzip.compress((WEB / name).read_bytes(), 9)) for name in APP}
    sizes["widget.js (as served)"] = len(gzip.compress(loader_source(WEB).encode("utf-8"), 9))
    assert sum(sizes.values()) <= BUDGET, sizes
