"""Ask who is writing once, after a topic answer, and never block on it.

The answer already came in "tu" (the default register); knowing the audience only fits the
next answers better. `audience_asked` keeps the question from coming back.
"""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher


class ActionAskAudienceOnce(Action):
    def name(self) -> Text:
        return "action_ask_audience_once"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[Text, Any],
    ) -> List[Dict[Text, Any]]:
        if tracker.get_slot("audience") or tracker.get_slot("audience_asked"):
            return []
        dispatcher.utter_message(response="utter_ask_audience")
        return [SlotSet("audience_asked", True)]
