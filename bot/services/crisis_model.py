"""Layer 1b of crisis detection: a learned model, read in the gateway next to the patterns.

Phrase patterns (layer 1) catch the wordings they were written for; this model, trained on a few
thousand labelled messages (data/safety/crisis_model.yml), reads new wordings better. It is a
TF-IDF + logistic regression model trained by scikit-learn (scripts/train_crisis_model.py) and
exported to JSON; scoring is re-done here in plain Python, so the gateway needs neither
scikit-learn nor NumPy, starts in a second and keeps detecting when everything behind it is down.
tests/unit/rasa_crisis_model_check.py compares these scores with scikit-learn's own.
"""
import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

CONFIG = Path("data/safety/crisis_model.yml")
MODEL = Path("data/safety/crisis_model.json")
# What the model's output depends on besides its config: the text normalisation and SMS lexicon.
NORMALISATION = (Path("bot/services/text.py"), Path("data/safety/sms_lexicon.yml"))


def training_inputs(root: Path) -> list[Path]:
    """Every file the model is trained from, in a stable order (relative to `root`)."""
    config = yaml.safe_load((root / CONFIG).read_text(encoding="utf-8"))
    data = sorted(p.relative_to(root) for key in ("examples", "rasa_training_data") for p in root.glob(config[key]))
    return [CONFIG, *NORMALISATION, *data]


def training_hash(root: Path) -> str:
    """Hash of the training inputs, stored in the model: a stale model is detected by a test."""
    digest = hashlib.sha256()
    for path in training_inputs(root):
        digest.update(f"== {path.as_posix()}\n".encode())
        digest.update((root / path).read_bytes())
    return digest.hexdigest()[:16]


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's "char_wb" analyzer: n-grams inside each word padded with one space."""
    grams = []
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def word_ngrams(text: str, low: int, high: int) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + n]) for n in range(low, high + 1) for i in range(len(words) - n + 1)]


def windows(text: str, size: int, step: int) -> list[str]:
    """The text, then, if it has more than `size` words, every `size` words every `step` words."""
    words = text.split()
    if size <= 0 or len(words) <= size:
        return [text]
    return [text] + [" ".join(words[i : i + size]) for i in range(0, len(words) - size + step, step)]


@dataclass
class Score:
    kind: str | None
    """The most likely crisis kind when `crisis` reaches the threshold, else None."""
    crisis: float
    """Probability that the message is a crisis of any kind (1 - P(none))."""


class _Vectorizer:
    """One TF-IDF block: sublinear term frequency, idf, L2 norm over the block (scikit-learn's)."""

    def __init__(self, ngrams, block: dict, analyzer):
        self.low, self.high = ngrams
        self.features: dict[str, list[float]] = block  # n-gram -> [idf, weight per class...]
        self.analyzer = analyzer

    def add_logits(self, text: str, logits: list[float]) -> None:
        counts = Counter(g for g in self.analyzer(text, self.low, self.high) if g in self.features)
        values = [(self.features[g], (1.0 + math.log(tf)) * self.features[g][0]) for g, tf in counts.items()]
        norm = math.sqrt(sum(v * v for _, v in values))
        if norm == 0.0:
            return
        for row, value in values:
            scaled = value / norm
            for c in range(len(logits)):
                logits[c] += scaled * row[c + 1]


class CrisisModel:
    def __init__(self, model: dict):
        self.classes: list[str] = model["classes"]
        self.intercept: list[float] = model["intercept"]
        self.threshold: float = model["threshold"]
        self.nlu_floor: float = model["nlu_floor"]
        self.pattern_veto: float = model["pattern_veto"]
        self.window: tuple[int, int] = (model["window"]["words"], model["window"]["step"])
        self.trained_on: str = model["trained_on"]
        self.blocks = [
            _Vectorizer(model["char"]["ngrams"], model["char"]["features"], char_wb_ngrams),
            _Vectorizer(model["word"]["ngrams"], model["word"]["features"], word_ngrams),
        ]
        self._none = self.classes.index("none")

    @classmethod
    def from_file(cls, path: Path) -> "CrisisModel":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def probabilities(self, expanded: str) -> dict[str, float]:
        """Class probabilities of a text already normalised and expanded (Lexicon.expand)."""
        logits = list(self.intercept)
        for block in self.blocks:
            block.add_logits(expanded, logits)
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def score(self, expanded: str) -> Score:
        """The whole message, and each stretch of `window` words in a long one: a crisis told at the
        end of a long story weighs little against the whole story, and a lot in its own stretch."""
        best = max((self.probabilities(part) for part in windows(expanded, *self.window)), key=lambda p: 1.0 - p["none"])
        crisis = 1.0 - best["none"]
        if crisis < self.threshold:
            return Score(None, crisis)
        kind = max((c for c in self.classes if c != "none"), key=best.__getitem__)
        return Score(kind, crisis)
