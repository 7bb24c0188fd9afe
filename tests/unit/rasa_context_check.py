"""Run by tests/unit/test_rasa_context.py with the Rasa venv's Python."""
import json

from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message

from rasa_extensions.context import ContextEntities, context_entities, with_context

# the register follows the audience; a button's audience wins over the gateway's hint
assert context_entities({"language": "fr", "audience_hint": "parent"}) == {
    "language": "fr", "audience_hint": "parent", "register": "vous"}
assert context_entities({"language": "en", "audience_hint": "friend"}) == {
    "language": "en", "audience_hint": "friend", "register": "tu"}
assert context_entities({"language": "fr", "audience_hint": "parent"}, "teen") == {"language": "fr", "register": "tu"}
assert context_entities({"language": "fr", "audience_hint": None}) == {"language": "fr"}
# only what Rasa answers in, only the audiences the domain knows
assert context_entities({"language": "es", "audience_hint": "boss"}) == {}

# payloads: the button's own entities kept, the context added, Rasa's parser reads them all
rewritten = with_context('/inform_audience{"audience":"parent"}', {"language": "fr", "audience_hint": "teen"})
parsed = YAMLStoryReader.unpack_regex_message(Message(data={"text": rewritten}))
assert parsed.get("intent")["name"] == "inform_audience"
assert {e["entity"]: e["value"] for e in parsed.get("entities")} == {
    "audience": "parent", "language": "fr", "register": "vous"}
assert with_context("/menu", {"language": "en"}) == '/menu{"language":"en"}'
assert with_context("/menu", {}) == "/menu"
assert json.loads(with_context('/handoff{"resource":"3018"}', {"language": "fr"})[len("/handoff"):]) == {
    "resource": "3018", "language": "fr"}
assert with_context("/menu{not json", {"language": "fr"}) == "/menu{not json"  # Rasa's parser judges it

# typed text: the component adds them, next to what the NLU found
component = ContextEntities()
message = Message(data={"text": "ma fille parle à un adulte", "metadata": {"language": "fr", "audience_hint": "parent"},
                        "entities": [{"entity": "resource", "value": "x"}]})
component.process([message])
assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
    ("resource", "x"), ("language", "fr"), ("audience_hint", "parent"), ("register", "vous")]
bare = Message(data={"text": "salut"})
component.process([bare])
assert not bare.get("entities")
print("ok")
