"""rasa_extensions/speedups.py, inside the Rasa venv: action replies are accepted and refused
exactly as Rasa's own check does (with Rasa's error message), and events resolve to the same
classes."""
from tests.unit.rasa_venv import assert_check_passes


def test_speedups_answer_like_the_rasa_code_they_replace():
    assert_check_passes("rasa_speedups_check.py")
