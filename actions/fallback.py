"""What happens when the NLU is not confident: never a dead end.

- If the most likely intent is a crisis one, answer as a crisis anyway: a hesitant model must
  not turn "je veux plus être là" into "je n'ai pas compris".
- Otherwise, a first miss asks to rephrase and shows the topics; a second miss in a row shows
  the hand-off card (119 and 3018). `fallback_count` is reset by any understood turn
  (its slot mapping in domain.yml).
"""
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

CRISIS_MIN_CONFIDENCE = 0.3
CRISIS_RESPONSES = {
    "crisis_danger_now": "utter_crisis_danger_now",
    "crisis_suicide": "utter_crisis_suicide",
    "crisis_child_missing": "utter_crisis_child_missing",
}


def likely_crisis(ranking: List[Dict[Text, Any]]) -> Optional[Text]:
    """The crisis intent the model ranked first among real intents, if confident enough."""
    for candidate in ranking:
        if candidate.get("name") == "nlu_fallback":
            continue
        name = candidate.get("name")
        if name in CRISIS_RESPONSES and candidate.get("confidence", 0) >= CRISIS_MIN_CONFIDENCE:
            return name
        return None
    return None


class ActionFallback(Action):
    def name(self) -> Text:
        return "action_fallback"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[Text, Any],
    ) -> List[Dict[Text, Any]]:
        crisis = likely_crisis((tracker.latest_message or {}).get("intent_ranking") or [])
        if crisis:
            dispatcher.utter_message(response=CRISIS_RESPONSES[crisis])
            dispatcher.utter_message(response="utter_ask_safe_now")
            return [SlotSet("fallback_count", 0.0)]
        misses = (tracker.get_slot("fallback_count") or 0.0) + 1
        if misses < 2:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return [SlotSet("fallback_count", misses)]
        dispatcher.utter_message(response="utter_fallback_handoff")
        return [SlotSet("fallback_count", 0.0)]
