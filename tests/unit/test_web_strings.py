"""The widget's interface strings (web/i18n/*.json): both languages complete, every key the
static page names exists, and the French words follow the same rules as the bot's answers."""
import json
import re

import pytest

from bot.api.web import LABELS_TOKEN, LOADER_LABELS, loader_source
from bot.settings import PROJECT_ROOT
from governance.models import ForbiddenTerm
from governance.units import load_yaml

WEB = PROJECT_ROOT / "web"
STRINGS = {lang: json.loads((WEB / "i18n" / f"{lang}.json").read_text(encoding="utf-8")) for lang in ("fr", "en")}


def test_both_languages_have_the_same_keys_and_no_empty_string():
    assert STRINGS["fr"].keys() == STRINGS["en"].keys()
    assert all(isinstance(v, str) and v.strip() for s in STRINGS.values() for v in s.values())


def test_the_loader_gets_its_labels_from_the_string_files():
    source = loader_source(WEB)
    assert LABELS_TOKEN not in source
    assert all(json.dumps(STRINGS[lang][key]) in source for lang in STRINGS for key in LOADER_LABELS)


def test_every_key_of_the_static_page_and_the_script_exists():
    html = (WEB / "chat.html").read_text(encoding="utf-8")
    script = (WEB / "chat.js").read_text(encoding="utf-8")
    keys = set(re.findall(r'data-i18n(?:-label)?="(\w+)"', html)) | set(re.findall(r"\bT\.(\w+)", script))
    keys |= set(re.findall(r'\bt\("(\w+)"\)', script))
    assert keys and keys <= STRINGS["fr"].keys(), keys - STRINGS["fr"].keys()


@pytest.mark.parametrize("key", sorted(STRINGS["fr"]))
def test_french_interface_words_are_allowed(key):
    forbidden = [ForbiddenTerm.model_validate(t) for t in load_yaml(PROJECT_ROOT / "data/content/forbidden_terms.yml")]
    text = STRINGS["fr"][key]
    found = [f"« {m.group(0)} »: {t.why}" for t in forbidden if (m := re.search(t.pattern, text, re.IGNORECASE))]
    assert found == []
