"""Fill the conversation's context slots after every user turn.

Runs as the custom slot mapping of `audience`, `register` and `language` (domain.yml), so
Rasa calls it once per turn before predicting the next action.
- audience: a button payload's entity wins; otherwise the hint the gateway found in the text
  ("ma fille…" is a parent); otherwise what the conversation already knew.
- register: "vous" for adults (parents, relatives, professionals), "tu" otherwise; the
  responses' conditional variants read it.
- language: from the gateway's metadata (it runs the language detection).
- fallback_count: back to 0 on any understood turn, so only misses in a row add up.
"""
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

AUDIENCES = {"teen", "parent", "friend", "professional"}
ADULT_AUDIENCES = {"parent", "professional"}
MISSES = {"nlu_fallback", "gibberish"}  # turns the bot did not understand (actions/fallback.py)


def audience_from_entities(entities: List[Dict[Text, Any]]) -> Optional[Text]:
    for entity in entities:
        if entity.get("entity") == "audience" and entity.get("value") in AUDIENCES:
            return entity["value"]
    return None


def register_for(audience: Optional[Text]) -> Text:
    return "vous" if audience in ADULT_AUDIENCES else "tu"


class ActionReadContext(Action):
    def name(self) -> Text:
        return "action_read_context"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[Text, Any],
    ) -> List[Dict[Text, Any]]:
        latest = tracker.latest_message or {}
        metadata = latest.get("metadata") or {}
        hint = metadata.get("audience_hint")
        audience = (
            audience_from_entities(latest.get("entities") or [])
            or (hint if hint in AUDIENCES else None)
            or tracker.get_slot("audience")
        )
        language = metadata.get("language") or tracker.get_slot("language") or "fr"
        understood = (latest.get("intent") or {}).get("name") not in MISSES
        misses = 0.0 if understood else (tracker.get_slot("fallback_count") or 0.0)
        return [
            SlotSet("fallback_count", misses),
            SlotSet("audience", audience),
            SlotSet("register", register_for(audience)),
            SlotSet("language", language),
        ]
