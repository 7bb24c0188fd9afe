"""Run by tests/unit/test_crisis_model.py with the Rasa venv's Python (it has scikit-learn): the
gateway's plain-Python scoring (bot/services/crisis_model.py) gives scikit-learn's own class
probabilities for the committed model, on its training messages and on text it never saw."""
import json

import numpy as np
import yaml

from bot.services.crisis_model import CONFIG, MODEL, CrisisModel
from bot.services.text import default_lexicon
from scripts.train_crisis_model import ROOT, examples, export, fit

config = yaml.safe_load((ROOT / CONFIG).read_text(encoding="utf-8"))
rows = [r for p in sorted(ROOT.glob(config["examples"])) for r in examples(p)]
union, model = fit(config, rows)
committed = json.loads((ROOT / MODEL).read_text(encoding="utf-8"))
# Refitted on the examples only (with the NLU files it would be slower, not different in kind):
# what is compared is the scoring code, on a model exported by the same exporter.
ours = CrisisModel(export(config, union, model, committed["trained_on"]))
texts = [t for t, _ in rows[::7]] + ["", "?!", "wsh", "I am scared he will come back tonight", "é" * 300, "mot " * 60]
expand = default_lexicon().expand
expected = model.predict_proba(union.transform([expand(t) for t in texts]))
got = np.array([[ours.probabilities(expand(t))[c] for c in model.classes_] for t in texts])
gap = float(np.abs(expected - got).max())
assert gap < 1e-3, gap
print(f"{len(texts)} texts, largest probability gap {gap:.2e}")
print("ok")
