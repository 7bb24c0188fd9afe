"""Short teen messages stay French; messages clearly in another language are recognised."""
from pathlib import Path

import pytest
import yaml

from bot.services.failsafe import EmergencyCards
from bot.services.language import LanguageDetector, ShortCues

ROOT = Path(__file__).resolve().parents[2]
DATA = yaml.safe_load((ROOT / "tests/language/messages.yml").read_text(encoding="utf-8"))
CUES = ShortCues.from_file(ROOT / "data/language_cues.yml")
DETECTOR = LanguageDetector(EmergencyCards.from_file(ROOT / "data/safety/emergency_card.yml").languages(), CUES)


@pytest.mark.parametrize("text", DATA["short_fr"])
def test_short_french_stays_french(text):
    assert DETECTOR.detect(text, None) == "fr"
    assert DETECTOR.detect(text, "en") == "en"  # too short to change the conversation's language


@pytest.mark.parametrize("text", DATA["short_en"])
def test_short_english_is_recognised_by_its_words(text):
    assert DETECTOR.letters(text) < DETECTOR.min_letters  # langdetect alone would not be asked
    assert DETECTOR.detect(text, None) == "en"
    assert LanguageDetector(DETECTOR.answered, ShortCues({}, frozenset())).detect(text, None) == "fr"


@pytest.mark.parametrize("text", ["hello", "help", "ok", "hello les gens", "help moi svp", "ma fille is missing"])
def test_one_english_word_or_any_french_word_keeps_french(text):
    assert CUES.language(text) is None


def test_cue_words_decide_when_langdetect_is_unsure():
    text = "a guy i met on discord wants to meet me, he's 25 and i'm 14"  # langdetect: under 0.9
    assert LanguageDetector(DETECTOR.answered, ShortCues({}, frozenset())).detect(text, "fr") == "fr"
    assert DETECTOR.detect(text, "fr") == "en"


@pytest.mark.parametrize("message", DATA["other"], ids=lambda m: m["lang"])
def test_other_languages_are_recognised(message):
    assert DETECTOR.detect(message["text"], "fr") == message["lang"]


def test_unanswered_language_keeps_the_conversation_language():
    assert DETECTOR.detect("Ich brauche Hilfe, jemand bedroht mich im Internet mit Fotos", "fr") == "fr"
