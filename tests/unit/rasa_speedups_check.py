"""Run by tests/unit/test_rasa_speedups.py with the Rasa venv's Python (Rasa is not importable
from the gateway's): the speed-ups must answer exactly as the Rasa code they replace."""
import jsonschema
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from rasa_extensions import speedups

speedups.install()
action = RemoteAction("action_fallback", None)
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

# every event class is found as Rasa finds it; unknown names keep Rasa's behaviour
for cls in all_subclasses(Event):
    assert Event.resolve_by_type(cls.type_name) is next(c for c in all_subclasses(Event) if c.type_name == cls.type_name)
assert Event.resolve_by_type("slot") is SlotSet and Event.resolve_by_type("user") is UserUttered
assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
assert Event.resolve_by_type("topic") is None
try:
    Event.resolve_by_type("no_such_event")
    raise AssertionError("an unknown event name must raise")
except ValueError:
    pass
print("ok")
