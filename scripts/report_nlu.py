"""Turns `rasa test nlu`'s intent report into the table in docs/nlu-eval.md (make eval-nlu);
the hand-written sections after the table (## headings) are kept.

Macro F1 is the mean of the per-intent F1 over the intents of the held-out file; the target is
0.90 (issue #4). Exits non-zero under the target, so a regression cannot pass unnoticed.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.90
SKIP = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def main() -> None:
    report = json.loads((ROOT / "results/nlu/intent_report.json").read_text(encoding="utf-8"))
    intents = {name: scores for name, scores in report.items() if name not in SKIP and scores.get("support", 0) > 0}
    macro = sum(s["f1-score"] for s in intents.values()) / len(intents)
    training = sum(
        line.strip().startswith("- ") and not line.strip().startswith("- intent:") for path in (ROOT / "data/nlu").glob("*.yml") for line in path.read_text(encoding="utf-8").splitlines()
    )
    lines = [
        "# NLU: measured on the held-out file",
        "",
        "Command: `make eval-nlu` (`rasa test nlu --nlu tests/nlu/heldout.yml` on the trained model, then "
        "scripts/report_nlu.py). The held-out file is never used for training.",
        "",
        f"Intents: {len(intents)}; training examples: {training}; held-out examples: "
        f"{sum(s['support'] for s in intents.values())}; accuracy: {report['accuracy']:.3f}; "
        f"**macro F1: {macro:.3f}** (target {TARGET}).",
        "",
        "| intent | precision | recall | F1 | held-out examples |",
        "|---|---|---|---|---|",
    ]
    for name, s in sorted(intents.items()):
        lines.append(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1-score']:.3f} | {s['support']} |")
    text = "\n".join(lines) + "\n"
    doc = ROOT / "docs/nlu-eval.md"
    kept = doc.read_text(encoding="utf-8").partition("\n## ") if doc.exists() else ("", "", "")
    notes = "\n## " + kept[2] if kept[1] else ""  # hand-written sections after the table stay
    doc.write_text(text + notes, encoding="utf-8")
    print(text)
    if macro < TARGET:
        sys.exit(f"macro F1 {macro:.3f} is under the target {TARGET}")


if __name__ == "__main__":
    main()
