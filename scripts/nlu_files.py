"""Rasa NLU training files read as (text, intent) pairs, without Rasa (entity markup removed)."""
import re
from pathlib import Path

import yaml

_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")  # Rasa's "[text](entity)"


def intent_examples(path: Path) -> list[tuple[str, str]]:
    rows = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
        if "intent" not in item:
            continue
        for line in item["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                rows.append((_ANNOTATION.sub(r"\1", line[2:]), item["intent"]))
    return rows
