"""rasa_extensions/context.py, inside the Rasa venv: the gateway's metadata becomes the turn's
context entities, for typed text (the NLU component) and for button payloads (rewritten so that
Rasa's own payload parser reads them)."""
from tests.unit.rasa_venv import assert_check_passes


def test_context_entities_for_text_and_payloads():
    assert_check_passes("rasa_context_check.py")
