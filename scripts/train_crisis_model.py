"""Trains the gateway's crisis model (layer 1b) and writes data/safety/crisis_model.json.

    make crisis-model                                   # retrain after changing what it learns from
    .venv/rasa/bin/python scripts/train_crisis_model.py --cv   # leave one examples file out at a time

Runs in the Rasa environment, which already has scikit-learn; the gateway only reads the JSON
(bot/services/crisis_model.py). --cv prints, for each examples file, the recall and false alarms
of a model trained without it: how the model does on a round of messages it never saw.
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.services.crisis_model import CONFIG, MODEL, training_hash, windows  # noqa: E402
from bot.services.text import default_lexicon  # noqa: E402
from scripts.nlu_files import intent_examples  # noqa: E402


def examples(path: Path) -> list[tuple[str, str]]:
    return [(m["text"], m["kind"]) for m in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]]


def nlu_examples(path: Path) -> list[tuple[str, str]]:
    """(text, kind): a crisis_* intent gives its kind, any other intent is "none"."""
    return [(text, intent.removeprefix("crisis_") if intent.startswith("crisis_") else "none")
            for text, intent in intent_examples(path)]


def vectorizer(features: dict):
    return make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(features["char_ngrams"]), sublinear_tf=True,
                        min_df=features["min_df"], lowercase=False),
        TfidfVectorizer(analyzer="word", ngram_range=tuple(features["word_ngrams"]), sublinear_tf=True,
                        min_df=features["min_df"], lowercase=False, token_pattern=r"[a-z0-9]+"),
    )


def fit(config: dict, rows: list[tuple[str, str]]):
    expand = default_lexicon().expand
    union = vectorizer(config["features"])
    matrix = union.fit_transform([expand(t) for t, _ in rows])
    settings = config["classifier"]
    model = LogisticRegression(C=settings["C"], class_weight=settings.get("class_weight"), max_iter=5000)
    return union, model.fit(matrix, [k for _, k in rows])


def export(config: dict, union, model, trained_on: str) -> dict:
    """The JSON the gateway reads: per n-gram its idf then one weight per class (rounded)."""
    blocks = {}
    offset = 0
    for (name, tfidf), key, ngrams in zip(union.transformer_list, ("char", "word"), ("char_ngrams", "word_ngrams")):
        vocabulary = tfidf.vocabulary_
        weights = model.coef_[:, offset : offset + len(vocabulary)]
        blocks[key] = {
            "ngrams": config["features"][ngrams],
            "features": {
                gram: [round(float(tfidf.idf_[i]), 5), *(round(float(w), 5) for w in weights[:, i])]
                for gram, i in sorted(vocabulary.items())
            },
        }
        offset += len(vocabulary)
    return {
        "trained_on": trained_on,
        "classes": [str(c) for c in model.classes_],
        "intercept": [round(float(b), 5) for b in model.intercept_],
        "threshold": config["threshold"],
        "nlu_floor": config["nlu_floor"],
        "pattern_veto": config["pattern_veto"],
        "window": config["window"],
        **blocks,
    }


def cross_validate(config: dict, files: dict[Path, list], others: list) -> None:
    expand = default_lexicon().expand
    totals = np.zeros(4)
    print(f"threshold {config['threshold']}; recall / false alarms of a model trained without the file")
    for held, rows in files.items():
        union, model = fit(config, others + [r for f, rs in files.items() if f != held for r in rs])
        none = list(model.classes_).index("none")
        parts = [windows(expand(t), config["window"]["words"], config["window"]["step"]) for t, _ in rows]
        crisis = 1 - model.predict_proba(union.transform([p for ps in parts for p in ps]))[:, none]
        ends = np.cumsum([len(ps) for ps in parts])
        said = np.array([crisis[end - len(ps) : end].max() for ps, end in zip(parts, ends)]) >= config["threshold"]
        gold = np.array([k != "none" for _, k in rows])
        totals += [said[gold].sum(), gold.sum(), said[~gold].sum(), (~gold).sum()]
        print(f"  {held.name:28s} {said[gold].mean():.3f} / {said[~gold].mean():.3f}  ({gold.sum()} / {(~gold).sum()})")
    print(f"  {'all files':28s} {totals[0] / totals[1]:.3f} / {totals[2] / totals[3]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="leave-one-file-out recall and false alarms; writes nothing")
    args = parser.parse_args()
    config = yaml.safe_load((ROOT / CONFIG).read_text(encoding="utf-8"))
    files = {p: examples(p) for p in sorted(ROOT.glob(config["examples"]))}
    nlu = [row for p in sorted(ROOT.glob(config["rasa_training_data"])) for row in nlu_examples(p)]
    if args.cv:
        cross_validate(config, files, nlu)
        return
    rows = nlu + [r for rs in files.values() for r in rs]
    union, model = fit(config, rows)
    exported = export(config, union, model, training_hash(ROOT))
    (ROOT / MODEL).write_text(json.dumps(exported, ensure_ascii=True, separators=(",", ":")) + "\n", encoding="utf-8")
    sizes = {k: len(exported[k]["features"]) for k in ("char", "word")}
    print(f"{MODEL}: {len(rows)} messages, {sizes} features, trained on {exported['trained_on']}")


if __name__ == "__main__":
    main()
