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
from bot.services.language import LanguageDetector, ShortCues  # noqa: E402

THRESHOLDS = (0, 5, 10, 15, 20, 25, 30, 40)


def measure(threshold: int, data: dict, answered: set[str], cues: ShortCues) -> tuple[float, float, float]:
    detector = LanguageDetector(answered, cues, min_letters=threshold)
    french = [detector.detect(text, None) == "fr" for text in data["short_fr"]]
    english = [detector.detect(text, None) == "en" for text in data["short_en"]]
    other = [detector.detect(m["text"], "fr") == m["lang"] for m in data["other"]]
    return sum(french) / len(french), sum(english) / len(english), sum(other) / len(other)


def main() -> None:
    data = yaml.safe_load((ROOT / "tests/language/messages.yml").read_text(encoding="utf-8"))
    answered = EmergencyCards.from_file(ROOT / "data/safety/emergency_card.yml").languages()
    cues = ShortCues.from_file(ROOT / "data/language_cues.yml")
    lines = [
        "# Language detection: the length threshold, measured",
        "",
        f"Command: `make eval-language` (scripts/eval_language.py) on tests/language/messages.yml "
        f"({len(data['short_fr'])} short French messages, {len(data['short_en'])} short English ones, "
        f"{len(data['other'])} messages in other languages). Under the threshold, langdetect is not asked; "
        "the cue words of data/language_cues.yml may still recognise English.",
        "",
        "| min letters | short French kept French | short English recognised | other languages recognised |",
        "|---|---|---|---|",
    ]
    for threshold in THRESHOLDS:
        kept, english, recognised = measure(threshold, data, answered, cues)
        lines.append(f"| {threshold} | {kept:.3f} | {english:.3f} | {recognised:.3f} |")
    default = LanguageDetector(answered, cues).min_letters
    kept, english, recognised = measure(default, data, answered, cues)
    _, bare, _ = measure(default, data, answered, ShortCues({}, frozenset()))
    lines += ["", f"The gateway uses {default} letters (bot/services/language.py): {kept:.3f} of the short French "
              f"messages stay French, {english:.3f} of the short English ones are recognised ({bare:.3f} "
              f"without the cue words) and {recognised:.3f} of the other-language messages are recognised."]
    text = "\n".join(lines) + "\n"
    (ROOT / "docs/language-eval.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
