"""Short teen messages stay French; messages clearly in another language are recognised."""
from pathlib import Path

import pytest
import yaml

from bot.services.failsafe import EmergencyCards
from bot.services.language import LanguageDetector

ROOT = Path(__file__).resolve().parents[2]
DATA = yaml.safe_load((ROOT / "tests/language/messages.yml").read_text(encoding="utf-8"))
DETECTOR = LanguageDetector(EmergencyCards.from_file(ROOT / "data/safety/emergency_card.yml").languages())


@pytest.mark.parametrize("text", DATA["short_fr"])
def test_short_french_stays_french(text):
    assert DETECTOR.detect(text, None) == "fr"
    assert DETECTOR.detect(text, "en") == "en"  # too short to change the conversation's language


@pytest.mark.parametrize("message", DATA["other"], ids=lambda m: m["lang"])
def test_other_languages_are_recognised(message):
    assert DETECTOR.detect(message["text"], "fr") == message["lang"]


def test_unanswered_language_keeps_the_conversation_language():
    assert DETECTOR.detect("Ich brauche Hilfe, jemand bedroht mich im Internet mit Fotos", "fr") == "fr"
