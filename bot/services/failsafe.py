"""The emergency card the gateway answers with when it cannot reach the conversation engine."""
from pathlib import Path

import yaml


class EmergencyCard:
    def __init__(self, texts: dict[str, str], resources: list[str]):
        self.texts = texts
        self.resources = resources

    @classmethod
    def from_file(cls, path: Path) -> "EmergencyCard":
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(raw["text"], raw["resources"])

    def text(self, language: str) -> str:
        return self.texts.get(language) or self.texts["fr"]
