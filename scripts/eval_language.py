"""Measures the language detector's length threshold (issue #3).

    make eval-language     # writes docs/language-eval.md

For each threshold (letters a message must have before langdetect is asked), the share of short
French messages that stay French, and the share of other-language messages recognised.
"""
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.services.failsafe import EmergencyCards  # noqa: E402
from bot.services.language import LanguageDetector  # noqa: E402

THRESHOLDS = (0, 5, 10, 15, 20, 25, 30, 40)


def measure(threshold: int, data: dict, answered: set[str]) -> tuple[float, float]:
    detector = LanguageDetector(answered, min_letters=threshold)
    french = [detector.detect(text, None) == "fr" for text in data["short_fr"]]
    other = [detector.detect(m["text"], "fr") == m["lang"] for m in data["other"]]
    return sum(french) / len(french), sum(other) / len(other)


def main() -> None:
    data = yaml.safe_load((ROOT / "tests/language/messages.yml").read_text(encoding="utf-8"))
    answered = EmergencyCards.from_file(ROOT / "data/safety/emergency_card.yml").languages()
    lines = [
        "# Language detection: the length threshold, measured",
        "",
        f"Command: `make eval-language` (scripts/eval_language.py) on tests/language/messages.yml "
        f"({len(data['short_fr'])} short French messages, {len(data['other'])} messages in other languages).",
        "",
        "| min letters | short French kept French | other languages recognised |",
        "|---|---|---|",
    ]
    for threshold in THRESHOLDS:
        kept, recognised = measure(threshold, data, answered)
        lines.append(f"| {threshold} | {kept:.3f} | {recognised:.3f} |")
    default = LanguageDetector(answered).min_letters
    kept, recognised = measure(default, data, answered)
    lines += ["", f"The gateway uses {default} letters (bot/services/language.py): {kept:.3f} of the short French "
              f"messages stay French and {recognised:.3f} of the other-language messages are recognised."]
    text = "\n".join(lines) + "\n"
    (ROOT / "docs/language-eval.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
