"""Language of a message, with langdetect, only when the message is long enough to tell.

Short teen messages ("slt", "jsp", "ok", "wsh") say nothing reliable about a language: the
conversation keeps the language it had (French by default) unless a message is clearly in
another one.
"""
from langdetect import DetectorFactory, LangDetectException, detect_langs

from bot.services.text import normalise

DetectorFactory.seed = 0  # langdetect is random otherwise

DEFAULT_LANGUAGE = "fr"


class LanguageDetector:
    def __init__(self, min_letters: int = 20, min_probability: float = 0.90):
        self.min_letters = min_letters
        self.min_probability = min_probability

    def detect(self, text: str, current: str | None) -> str:
        current = current or DEFAULT_LANGUAGE
        letters = sum(ch.isalpha() for ch in normalise(text)) + sum(
            ch.isalpha() and ord(ch) > 0x24F for ch in text
        )
        if letters < self.min_letters:
            return current
        try:
            best = detect_langs(text)[0]
        except LangDetectException:
            return current
        if best.prob < self.min_probability:
            return current
        return best.lang.split("-")[0]
