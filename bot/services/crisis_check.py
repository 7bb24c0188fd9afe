"""The gateway's crisis verdict on one message: phrase patterns (layer 1), then the learned model
(layer 1b), both before and without Rasa.

1. The patterns' explicit evidence that the message is not a crisis now (an idiom, a joke, a
   story that is over, a question) ends it.
2. A pattern's crisis stands, with its exact kind, unless the model is all but sure that there
   is none (under `pattern_veto`) and the pattern is an ordinary one: a phrase lifted out of an
   everyday sentence is the patterns' usual false alarm. A `strong` pattern (an explicit
   statement such as "je vais me suicider ce soir") is never overruled.
3. Otherwise the model decides. Under `nlu_floor` it counts as evidence against a crisis: on the
   validation set the NLU's crisis guesses on those messages were all false alarms.
Evidence against a crisis travels to Rasa (`crisis_defused`), where the NLU's crisis guess
yields to it (rasa_extensions/crisis_gate.py). docs/safety.md shows what each layer adds.
"""
from dataclasses import dataclass

from bot.services.crisis import CrisisDetector
from bot.services.crisis_model import CrisisModel


@dataclass
class Judgement:
    kind: str | None
    """"suicide" | "danger_now" | "child_missing" | None."""
    defused: bool
    """Evidence that the message is not a crisis now, which the NLU's crisis guess yields to: the
    patterns saw an idiom, a joke, a story that is over…, or the model is all but sure (below
    its `nlu_floor`)."""
    layer: str | None
    """"patterns" or "model": which layer found the crisis (eval and tests; never logged)."""


class CrisisCheck:
    def __init__(self, patterns: CrisisDetector, model: CrisisModel):
        self.patterns = patterns
        self.model = model

    def judge(self, text: str) -> Judgement:
        expanded = self.patterns.lexicon.expand(text or "")
        kind, defused = self.patterns.judge_expanded(expanded)
        if defused:
            return Judgement(None, True, None)
        score = self.model.score(expanded)
        if kind is not None:
            if score.crisis < self.model.pattern_veto and self.patterns.strong_kind(expanded) is None:
                return Judgement(None, True, None)
            return Judgement(kind, False, "patterns")
        if score.kind is None:
            return Judgement(None, score.crisis < self.model.nlu_floor, None)
        return Judgement(score.kind, False, "model")

    def detect(self, text: str) -> str | None:
        return self.judge(text).kind
