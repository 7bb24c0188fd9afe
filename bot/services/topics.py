"""The fixed topic taxonomy and the intent -> topic map (data/topics.yml)."""
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Topics:
    names: tuple[str, ...]
    by_intent: dict[str, str]
    entry_payloads: frozenset[str]

    @classmethod
    def from_file(cls, path: Path) -> "Topics":
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        topics = cls(tuple(raw["topics"]), dict(raw["intents"]), frozenset(raw["entry_payloads"]))
        unknown = set(topics.by_intent.values()) - set(topics.names)
        if unknown:
            raise ValueError(f"{path}: topics outside the taxonomy: {sorted(unknown)}")
        return topics

    def for_intent(self, intent: str | None) -> str:
        return self.by_intent.get(intent or "", "unknown")
