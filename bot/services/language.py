"""Language of a message, with langdetect, only when the message is long enough to tell.

Short teen messages ("slt", "jsp", "ok", "wsh") say nothing reliable about a language: the
conversation keeps the language it had (French by default) unless a message is clearly in
another one. langdetect compares a text with all 55 of its profiles and often confuses close
languages on short texts (Spanish read as Italian); Balise only loads the profiles of the
languages it answers in, plus close neighbours that would otherwise be mistaken for them.
"""
from dataclasses import dataclass
from pathlib import Path

import yaml
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from bot.services.text import normalise

DEFAULT_LANGUAGE = "fr"
# Answered languages, then neighbours kept only so they are not read as one of those.
# Italian is left out on purpose: with it, short Spanish messages were read as Italian.
PROFILES = ("fr", "en", "es", "pt", "ar", "ro", "uk", "ru", "zh-cn", "zh-tw", "de", "nl", "bg")


@dataclass(frozen=True)
class ShortCues:
    """Words that tell the language of a message too short for langdetect (data/language_cues.yml):
    "i need help" is English, whereas "hello" or "ok" alone says nothing."""

    words: dict[str, frozenset[str]]
    """Per language, words that only that language uses."""
    french: frozenset[str]
    """Any of these keeps the message French."""
    min_words: int = 2

    @classmethod
    def from_file(cls, path: Path) -> "ShortCues":
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        words = {lang: frozenset(raw[lang]) for lang in raw if lang not in ("fr", "min_words")}
        return cls(words, frozenset(raw["fr"]), raw["min_words"])

    def language(self, text: str) -> str | None:
        tokens = set(normalise(text).split())
        if tokens & self.french:
            return None
        return next((lang for lang, words in self.words.items() if len(tokens & words) >= self.min_words), None)


class LanguageDetector:
    def __init__(self, answered: set[str], cues: ShortCues, min_letters: int = 20, min_probability: float = 0.90):
        self.answered = answered
        self.cues = cues
        self.min_letters = min_letters
        self.min_probability = min_probability
        self.factory = DetectorFactory()
        self.factory.load_json_profile(
            [(Path(PROFILES_DIRECTORY) / code).read_text(encoding="utf-8") for code in PROFILES]
        )
        self.factory.set_seed(0)  # langdetect is random otherwise

    def letters(self, text: str) -> int:
        """Latin letters, plus other scripts' letters; a CJK character counts as three."""
        latin = sum(ch.isalpha() for ch in normalise(text))
        other = sum(ch.isalpha() and ord(ch) > 0x24F and not 0x3000 <= ord(ch) <= 0x9FFF for ch in text)
        cjk = sum(0x3000 <= ord(ch) <= 0x9FFF for ch in text)
        return latin + other + 3 * cjk

    def detect(self, text: str, current: str | None) -> str:
        """The message's language if it is clear and answered, else the conversation's."""
        current = current or DEFAULT_LANGUAGE
        cued = self.cues.language(text)
        fallback = cued if cued in self.answered else current  # when langdetect cannot tell
        if self.letters(text) < self.min_letters:
            return fallback
        detector = self.factory.create()
        detector.append(text)
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return fallback
        language = best.lang.split("-")[0]
        if best.prob < self.min_probability or language not in self.answered:
            return fallback
        return language
