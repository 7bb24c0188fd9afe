"""A fix for Rasa 3.6's costliest per-turn step, installed by the private channel (balise.py).

Rasa checks every action server reply with `jsonschema.validate`, which first re-validates the
constant reply schema against JSON Schema's meta-schema and builds a new validator: in a profile
under load, three quarters of Rasa's time per message (docs/benchmarks.md). Here the validator is
built once; valid replies pass as before, and an invalid one still goes through Rasa's own check,
which raises with Rasa's own message.
"""
from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import validators
from rasa.core.actions.action import RemoteAction

_RASA_CHECK = RemoteAction._validate_action_result


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


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
