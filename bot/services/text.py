"""Text normalisation shared by the gateway's deterministic detectors."""
import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'`´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation turned into single spaces.

    "J’ai 14 ANS !!" -> "j ai 14 ans". Detectors match whole words on this form.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    no_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    spaced = _APOSTROPHES.sub(" ", no_accents)
    return _NON_WORD.sub(" ", spaced).strip()


def compile_phrases(phrases: list[str]) -> re.Pattern:
    """One regex matching any phrase as whole words on normalised text."""
    return re.compile(r"(?:^| )(?:" + "|".join(f"(?:{p})" for p in phrases) + r")(?: |$)")
