"""« Copier mon résumé »: three lines built from the topic, the audience and data/summaries.yml.

Never from the person's words: nothing they typed can end up in text they paste elsewhere.
"""
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Summaries:
    by_language: dict[str, dict]

    @classmethod
    def from_file(cls, path: Path) -> "Summaries":
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    def build(self, topic: str, audience: str, language: str) -> dict | None:
        words = self.by_language.get(language) or self.by_language["fr"]
        entry = words["topics"].get(topic)
        if entry is None:
            return None
        values = {"topic": entry["name"], "audience": words["audiences"].get(audience, words["audiences"]["unknown"]), "steps": entry["steps"]}
        return {"lines": [line.format(**values) for line in words["lines"]]}
