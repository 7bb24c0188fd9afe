"""NLU component: a crisis guess yields to the gateway's explicit evidence against it.

The gateway's deterministic detector (layer 1) sometimes sees crisis words together with proof
that they are not a crisis now: an idiom ("morte de rire"), a negation, a story that is over
("il y a 3 ans… maintenant ça va"), a joke, a question or fiction. It then sends
`metadata.crisis_defused: true`. A bag-of-words model cannot tell "ma fille a disparu" from "ma
fille a disparu de ma liste d'amis"; with that flag, a crisis intent is replaced by the best
non-crisis one. Without the flag (no crisis words, or words layer 1 cannot judge) the model's
crisis guess stands: layer 2 keeps catching what layer 1 never recognised.
Placed before FallbackClassifier, so a weak second choice still ends in the fallback.
"""
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from rasa_extensions.stateless import StatelessComponent

CRISIS_PREFIX = "crisis_"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisGate(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if not (message.get("metadata") or {}).get("crisis_defused"):
                continue
            if not str((message.get(INTENT) or {}).get("name", "")).startswith(CRISIS_PREFIX):
                continue
            others = [r for r in message.get(INTENT_RANKING_KEY) or [] if not r["name"].startswith(CRISIS_PREFIX)]
            if others:
                message.set(INTENT, others[0], add_to_output=True)
                message.set(INTENT_RANKING_KEY, others, add_to_output=True)
        return messages
