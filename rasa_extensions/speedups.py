"""Fixes for Rasa 3.6's costliest per-turn steps, installed by the private channel (balise.py).

Profiled under load (docs/benchmarks.md):
- Rasa checks every action server reply with `jsonschema.validate`, which first re-validates the
  constant reply schema against JSON Schema's meta-schema and builds a new validator: three
  quarters of Rasa's time per message. Here the validator is built once; valid replies pass as
  before, and an invalid one still goes through Rasa's own check, which raises Rasa's message.
- Reading a stored conversation looks up each event's class by walking every subclass of
  `Event`, once per event: a tenth of the time left. The answer per type name is kept; a name
  with no class still goes through Rasa's own lookup.
"""
from functools import lru_cache
from typing import Any, Dict, Optional, Text, Type

from jsonschema import validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_RASA_CHECK = RemoteAction._validate_action_result
_RASA_RESOLVE = Event.resolve_by_type


@lru_cache(maxsize=1)
def reply_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    if reply_validator().is_valid(result):
        return True
    return _RASA_CHECK(self, result)


@lru_cache(maxsize=None)
def event_class(type_name: Text) -> Optional[Type[Event]]:
    return next((cls for cls in all_subclasses(Event) if cls.type_name == type_name), None)


def resolve_event_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    return event_class(type_name) or _RASA_RESOLVE(type_name, default)


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_event_type)
