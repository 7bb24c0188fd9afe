"""The gateway's crisis verdict on one message: phrase patterns (layer 1), then the learned model
(layer 1b), both before and without Rasa.

Patterns speak first: their kind is exact and explained. When they find nothing, the model
decides, unless the patterns found explicit evidence that the message is not a crisis now (an
idiom, a joke, a story that is over, a question): that evidence overrules the model as it
overrules the NLU (rasa_extensions/crisis_gate.py). docs/safety.md shows what each layer adds.
"""
from dataclasses import dataclass

from bot.services.crisis import CrisisDetector
from bot.services.crisis_model import CrisisModel


@dataclass
class Judgement:
    kind: str | None
    """"suicide" | "danger_now" | "child_missing" | None."""
    defused: bool
    """The patterns saw crisis words or markers together with evidence that it is not a crisis now."""
    layer: str | None
    """"patterns" or "model": which layer found the crisis (eval and tests; never logged)."""


class CrisisCheck:
    def __init__(self, patterns: CrisisDetector, model: CrisisModel):
        self.patterns = patterns
        self.model = model

    def judge(self, text: str) -> Judgement:
        expanded = self.patterns.lexicon.expand(text or "")
        kind, defused = self.patterns.judge_expanded(expanded)
        if kind is not None:
            return Judgement(kind, False, "patterns")
        if defused:
            return Judgement(None, True, None)
        kind = self.model.score(expanded).kind
        return Judgement(kind, False, "model" if kind else None)

    def detect(self, text: str) -> str | None:
        return self.judge(text).kind
