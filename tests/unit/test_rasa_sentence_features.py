"""rasa_extensions/sentence_features.py, inside the Rasa venv: Rasa's sentence features, nothing else."""
from tests.unit.rasa_venv import assert_check_passes


def test_balise_featurizer_gives_rasas_sentence_features_only():
    assert_check_passes("rasa_sentence_features_check.py")
