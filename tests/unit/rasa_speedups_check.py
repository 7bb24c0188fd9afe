"""Run by tests/unit/test_rasa_speedups.py with the Rasa venv's Python (Rasa is not importable
from the gateway's): the cached validator must judge action server replies as Rasa does."""
import jsonschema
from rasa.core.actions.action import RemoteAction

from rasa_extensions import speedups

speedups.install()
action = RemoteAction("action_read_context", None)
replies = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "language", "value": "fr"}], "responses": [{"text": "Bonjour"}]},
    {},
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"responses": [{"text": 3}]},
]
verdicts = []
for reply in replies:
    try:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
        expected = True
    except jsonschema.ValidationError:
        expected = False
    verdicts.append(expected)
    try:
        assert action._validate_action_result(reply) is True and expected, reply
    except jsonschema.ValidationError as error:
        assert not expected and "Failed to validate Action server response" in error.message, reply
assert True in verdicts and False in verdicts, verdicts
print("ok")
