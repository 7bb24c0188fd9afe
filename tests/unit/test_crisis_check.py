"""The gateway's crisis verdict: patterns first, the learned model when they are silent, and the
patterns' evidence against a crisis (idiom, joke, story that is over) overrules the model."""
from pathlib import Path

import pytest

from bot.services.crisis import CrisisDetector
from bot.services.crisis_check import CrisisCheck
from bot.services.crisis_model import MODEL, CrisisModel, Score

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = CrisisDetector.from_files(ROOT / "data/safety/crisis_patterns.yml", ROOT / "data/safety/sms_lexicon.yml")


class StubModel:
    """A model with a fixed answer: shows which messages the model is allowed to judge."""

    threshold, nlu_floor, pattern_veto = 0.4, 0.2, 0.05

    def __init__(self, kind: str | None, crisis: float):
        self.answer = Score(kind, crisis)

    def score(self, expanded: str) -> Score:
        return self.answer


def AlwaysCrisis() -> StubModel:
    return StubModel("danger_now", 0.99)


def NeverCrisis() -> StubModel:
    """Unsure, under its threshold but above the floor and the veto."""
    return StubModel(None, 0.3)


def test_the_patterns_kind_wins_over_the_model():
    judgement = CrisisCheck(PATTERNS, AlwaysCrisis()).judge("jveux me suicider")
    assert (judgement.kind, judgement.layer) == ("suicide", "patterns")


def test_the_patterns_catch_what_the_model_misses():
    assert CrisisCheck(PATTERNS, NeverCrisis()).detect("au secours il me frappe") == "danger_now"


def test_the_model_decides_when_the_patterns_see_nothing():
    judgement = CrisisCheck(PATTERNS, AlwaysCrisis()).judge("bonjour")
    assert (judgement.kind, judgement.defused, judgement.layer) == ("danger_now", False, "model")


@pytest.mark.parametrize("text", ["je suis morte de rire", "il y a deux ans j ai fugue, maintenant ca va mieux"])
def test_evidence_against_a_crisis_overrules_the_model(text):
    judgement = CrisisCheck(PATTERNS, AlwaysCrisis()).judge(text)
    assert (judgement.kind, judgement.defused) == (None, True)


def test_the_real_model_catches_a_wording_no_pattern_knows():
    """A crisis phrased around the patterns: only the model can catch it."""
    text = "mon fils ne repond plus depuis 2 jours et il nest pas a lecole"
    assert PATTERNS.detect(text) is None
    judgement = CrisisCheck(PATTERNS, CrisisModel.from_file(ROOT / MODEL)).judge(text)
    assert (judgement.kind, judgement.layer) == ("child_missing", "model")


def test_a_model_all_but_sure_there_is_no_crisis_lets_the_nlu_guess_yield():
    assert CrisisCheck(PATTERNS, StubModel(None, 0.1)).judge("bonjour").defused is True


def test_an_unsure_model_leaves_the_nlu_guess_standing():
    assert CrisisCheck(PATTERNS, StubModel(None, 0.3)).judge("bonjour").defused is False


def test_a_model_all_but_sure_overrules_an_ordinary_pattern():
    text = "il me retient"  # an ordinary pattern: a phrase that everyday sentences contain too
    assert PATTERNS.detect(text) == "danger_now" and PATTERNS.strong_kind(PATTERNS.lexicon.expand(text)) is None
    assert CrisisCheck(PATTERNS, StubModel(None, 0.01)).judge(text).kind is None
    assert CrisisCheck(PATTERNS, StubModel(None, 0.1)).judge(text).kind == "danger_now"


def test_no_model_overrules_a_strong_pattern():
    text = "je vais me suicider ce soir"
    assert PATTERNS.strong_kind(PATTERNS.lexicon.expand(text)) == "suicide"
    assert CrisisCheck(PATTERNS, StubModel(None, 0.0)).judge(text).kind == "suicide"
