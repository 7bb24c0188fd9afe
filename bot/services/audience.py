"""Who is writing, guessed from the words of one message (data/audience_cues.yml)."""
from pathlib import Path

import yaml

from bot.services.text import compile_phrases, normalise


class AudienceCues:
    def __init__(self, cues: dict[str, list[str]]):
        self._patterns = [(audience, compile_phrases(phrases)) for audience, phrases in cues.items()]

    @classmethod
    def from_file(cls, path: Path) -> "AudienceCues":
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    def hint(self, text: str) -> str | None:
        normalised = normalise(text)
        for audience, pattern in self._patterns:
            if pattern.search(normalised):
                return audience
        return None
