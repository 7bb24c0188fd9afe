"""The conversation's context (language, who is writing, tu or vous) as entities of the turn.

The gateway sends each turn's language and audience hint as metadata. Turning them into
entities lets Rasa's own slot mappings (`from_entity`, domain.yml) fill the context slots inside
the Rasa process: no call to the action server on every turn, which was a third of Rasa's time
per message (docs/benchmarks.md). The entities are declared `influence_conversation: false`, so
rules and policies never see them.
- typed text: `ContextEntities`, an NLU component, adds them to the parsed message;
- a button payload skips the NLU (Rasa's RegexMessageHandler rebuilds the message from the
  payload), so the private channel writes them into the payload itself (`with_context`).
The audience a button names wins over the gateway's hint; the register follows the audience.
"""
import json
from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from rasa_extensions.stateless import StatelessComponent

AUDIENCES = {"teen", "parent", "friend", "professional"}
ADULT_AUDIENCES = {"parent", "professional"}
LANGUAGES = {"fr", "en"}  # the languages Rasa answers in; the gateway's cards cover the others


def context_entities(metadata: Dict[Text, Any], chosen_audience: Optional[Text] = None) -> Dict[Text, Text]:
    """language, audience_hint and register for this turn (only the ones known)."""
    entities: Dict[Text, Text] = {}
    language = metadata.get("language")
    if language in LANGUAGES:
        entities["language"] = language
    audience = chosen_audience if chosen_audience in AUDIENCES else None
    hint = metadata.get("audience_hint")
    if audience is None and hint in AUDIENCES:
        entities["audience_hint"] = audience = hint
    if audience:
        entities["register"] = "vous" if audience in ADULT_AUDIENCES else "tu"
    return entities


def with_context(payload: Text, metadata: Dict[Text, Any]) -> Text:
    """`/intent{"audience":"parent"}` → `/intent{"audience":"parent","language":"fr","register":"vous"}`.
    The payload's own entities win; a payload that is not valid JSON is left as it is."""
    intent, brace, raw = payload.partition("{")
    try:
        entities = json.loads(brace + raw) if brace else {}
    except ValueError:
        return payload
    merged = {**context_entities(metadata, entities.get("audience")), **entities}
    return intent + json.dumps(merged, ensure_ascii=False, separators=(",", ":")) if merged else intent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ContextEntities(StatelessComponent):
    """Adds the context entities to typed messages (payloads get them in `with_context`)."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = context_entities(message.get("metadata") or {})
            if found:
                entities = list(message.get(ENTITIES) or [])
                entities += [
                    {"entity": name, "value": value, "start": 0, "end": 0, "extractor": "ContextEntities"}
                    for name, value in found.items()
                ]
                message.set(ENTITIES, entities, add_to_output=True)
        return messages
