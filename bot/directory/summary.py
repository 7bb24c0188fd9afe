"""« Copier mon résumé »: three lines built from the topic, the audience and data/summaries.yml.

Never from the person's words: nothing they typed can end up in text they paste elsewhere.
"""
from dataclasses import dataclass
from pathlib import Path

from bot.directory.cards import Labels


@dataclass(frozen=True)
class Summaries:
    texts: Labels
    """Per-language texts, read like the cards' labels (French when a language has none)."""

    @classmethod
    def from_file(cls, path: Path) -> "Summaries":
        return cls(Labels.from_file(path))

    def build(self, topic: str, audience: str, language: str) -> dict | None:
        words = self.texts.of(language)
        entry = words["topics"].get(topic)
        if entry is None:
            return None
        values = {"topic": entry["name"], "audience": words["audiences"].get(audience, words["audiences"]["unknown"]), "steps": entry["steps"]}
        return {"lines": [line.format(**values) for line in words["lines"]]}
