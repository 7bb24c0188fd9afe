"""The gateway's own answers, given without Rasa (data/safety/emergency_card.yml):
the fail-safe card, fitted to a crisis the detector saw, and the card for other languages."""
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Card:
    text: str
    resources: list[str]


class EmergencyCards:
    def __init__(self, raw: dict):
        self.raw = raw

    @classmethod
    def from_file(cls, path: Path) -> "EmergencyCards":
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    def failsafe(self, language: str, crisis_kind: str | None) -> Card:
        base = self.raw["text"].get(language) or self.raw["text"]["fr"]
        if crisis_kind is None:
            return Card(base, self.raw["resources"])
        crisis = self.raw["crisis"][crisis_kind]
        first = crisis["text"].get(language) or crisis["text"]["fr"]
        return Card(f"{first} {base}", crisis["resources"])

    def languages(self) -> set[str]:
        """Every language Balise answers in: its own (fr, en) and those with a card."""
        return set(self.raw["text"]) | set(self.raw["other_languages"])

    def speaks(self, language: str) -> bool:
        return language in self.raw["text"]

    def other_language(self, language: str) -> Card | None:
        text = self.raw["other_languages"].get(language)
        return Card(text, self.raw["resources"]) if text else None
