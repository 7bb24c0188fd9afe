"""Layer 1b, the gateway's learned crisis model: same scores as scikit-learn, never stale."""
from pathlib import Path

import pytest

from bot.services.crisis_model import MODEL, CrisisModel, char_wb_ngrams, training_hash, windows, word_ngrams
from bot.services.text import expand
from tests.unit.rasa_venv import assert_check_passes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model() -> CrisisModel:
    return CrisisModel.from_file(ROOT / MODEL)


def test_scores_match_scikit_learn():
    assert_check_passes("rasa_crisis_model_check.py")


def test_the_committed_model_was_trained_on_the_current_data(model):
    assert model.trained_on == training_hash(ROOT), "data changed since the model was trained: make crisis-model"


def test_ngrams_are_scikit_learns():
    assert char_wb_ngrams("ai", 2, 3) == [" a", "ai", "i ", " ai", "ai "]
    assert word_ngrams("il me suit", 1, 2) == ["il", "me", "suit", "il me", "me suit"]


@pytest.mark.parametrize("text", ["jveux plus vivre", "il me retient chez lui jpeux pas sortir",
                                  "ma fille est pas rentree depuis hier soir"])
def test_plain_crises_score_above_the_threshold(model, text):
    assert model.score(expand(text)).kind is not None


@pytest.mark.parametrize("text", ["bonjour", "c'est quoi la sextorsion", "je suis morte de rire", ""])
def test_ordinary_messages_stay_below_it(model, text):
    score = model.score(expand(text))
    assert score.kind is None and score.crisis < model.threshold


STORY = ("bon alors je vous explique, on s est rencontres au college en quatrieme, on faisait nos devoirs "
         "ensemble, on allait au cinema le samedi avec les copines, ma mere l aimait bien, on a fete mon "
         "anniversaire chez ma tante et tout allait bien pendant des mois ")


def test_a_crisis_at_the_end_of_a_long_story_is_scored_in_its_own_stretch(model):
    text = expand(STORY + "mais la il est en bas de chez moi et il dit que si je descends pas il monte me chercher de force")
    assert 1 - model.probabilities(text)["none"] < model.threshold  # the whole story drowns it
    assert model.score(text).kind == "danger_now"


def test_windows_cover_the_whole_text():
    assert windows("a b c d e", 2, 1) == ["a b c d e", "a b", "b c", "c d", "d e"]
    assert windows("a b", 20, 10) == ["a b"]
