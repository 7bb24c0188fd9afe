"""Run by tests/unit/test_rasa_speedups.py with the Rasa venv's Python (Rasa is not importable
from the gateway's): the speed-ups must answer exactly as the Rasa code they replace."""
import jsonschema
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

import json
import tempfile
from pathlib import Path

import random

import dask
import numpy as np
import scipy.sparse
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext, GraphSchema, SchemaNode
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from rasa_extensions import speedups

RASA_MINIMAL_SCHEMA = GraphSchema.minimal_graph_schema
RASA_CREATE_X = LogisticRegressionClassifier._create_X
RASA_POSSIBLE_KEYS = RulePolicy._get_possible_keys

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

# the intent classifier loads with the same weights, laid out so that no message copies them
storage = LocalModelStorage(Path(tempfile.mkdtemp()))
resource = Resource("classifier")
context = ExecutionContext(GraphSchema({}), "test")
config = {**LogisticRegressionClassifier.get_default_config(), "max_iter": 200}
trained = LogisticRegressionClassifier.create(config, storage, resource, context)
rng = np.random.default_rng(0)
features, labels = rng.random((60, 40)), rng.choice(["a", "b", "c"], 60)
trained.clf.fit(features, labels)
trained.persist()
loaded = LogisticRegressionClassifier.load(config, storage, resource, context)
assert loaded.clf.coef_.T.flags["C_CONTIGUOUS"], "the weights' transpose must be read in place"
assert np.array_equal(loaded.clf.coef_, trained.clf.coef_)
assert np.array_equal(loaded.clf.predict_proba(features), trained.clf.predict_proba(features))

# a graph run's minimal schema is Rasa's, computed once per set of targets
def node(*needs):
    return SchemaNode(needs={f"i{n}": n for n in needs}, uses=LogisticRegressionClassifier, constructor_name="load",
                      fn="process", config={})
schema = GraphSchema({"a": node(), "b": node("a"), "c": node("b"), "d": node()})
for targets in (["c"], ["b", "d"], None, ["c"]):
    assert speedups.minimal_graph_schema(schema, targets) == RASA_MINIMAL_SCHEMA(schema, targets), targets
assert GraphSchema.minimal_graph_schema(schema, ["c"]) is GraphSchema.minimal_graph_schema(schema, ["c"])
assert set(GraphSchema.minimal_graph_schema(schema, ["c"]).nodes) == {"a", "b", "c"}

# graphs run node by node give dask's answer: inputs passed as values, unknown keys as themselves
def node_output(name):
    return lambda *inputs: (name, inputs)
graph = {"__message__": ("__message__", ["hello"]), "a": (node_output("a"), "__message__"),
         "b": (node_output("b"), "a", "__missing__"), "c": (node_output("c"), "a", "b")}
for targets in (["c"], ["b", "a"], ["c", "b"]):
    assert speedups.run_in_order(graph, targets) == dask.get(graph, targets), targets

# the classifier's input matrix is Rasa's, value for value
def sparse(rows, columns, seed):
    return scipy.sparse.random(rows, columns, density=0.3, format="coo", random_state=seed) * 5
message = Message(data={TEXT: "bonjour"})
for origin, size, seed in (("words", 7, 1), ("chars", 11, 2)):
    message.add_features(Features(sparse(3, size, seed), FEATURE_TYPE_SEQUENCE, TEXT, origin))
    message.add_features(Features(sparse(1, size, seed + 10), FEATURE_TYPE_SENTENCE, TEXT, origin))
other = Message(data={TEXT: "salut"})
other.add_features(Features(sparse(1, 18, 3), FEATURE_TYPE_SENTENCE, TEXT, "words"))
for batch in ([message], [message, other]):
    ours, rasa = speedups.classifier_features(None, batch), RASA_CREATE_X(None, batch)
    assert ours.dtype == rasa.dtype and ours.shape == rasa.shape
    assert np.array_equal(ours.toarray(), rasa.toarray())
    for got, want in zip(ours, rasa):  # entry for entry, in the same order (the same sums after)
        assert np.array_equal(got.indices, want.indices) and np.array_equal(got.data, want.data)
unsorted = scipy.sparse.coo_matrix(([1.0, 2.0, 3.0], ([0, 0, 0], [4, 1, 4])), shape=(1, 6))
assert np.array_equal(speedups.side_by_side([unsorted, unsorted]).toarray(),
                      scipy.sparse.hstack([unsorted, unsorted], format="csr").toarray())
dense = Message(data={TEXT: "dense"})
dense.add_features(Features(np.ones((1, 4)), FEATURE_TYPE_SENTENCE, TEXT, "dense"))
assert np.array_equal(speedups.classifier_features(None, [dense]).toarray(), RASA_CREATE_X(None, [dense]).toarray())

# the rule policy finds the same rules from the recent states as from the whole conversation
rng = random.Random(0)
def state(first=False):
    user = {"intent": rng.choice(["greet", "crisis", "topic", "thanks"])}
    chosen = {} if first else {"prev_action": {"action_name": rng.choice(["action_listen", "utter_a", "utter_b"])}}
    if rng.random() < 0.5:
        chosen["user"] = user
    if rng.random() < 0.3:
        chosen["slots"] = {"audience": (1.0,)}
    return chosen
def states(length):
    return [state(first=i == 0) for i in range(length)]
policy = RulePolicy.create(RulePolicy.get_default_config(), storage, Resource("rules"), context)
conversations = [states(rng.randint(1, 12)) for _ in range(400)]
rules = [states(rng.randint(1, 4)) for _ in range(200)] + [c[-rng.randint(1, 4):] for c in conversations[::3]]
lookup = {json.dumps(rule, sort_keys=True): "utter_a" for rule in rules}
matched = 0
for conversation in conversations:
    expected = RASA_POSSIBLE_KEYS(policy, lookup, conversation)
    assert speedups.possible_rule_keys(policy, lookup, conversation) == expected
    assert speedups.possible_rule_keys(policy, lookup, conversation) == expected  # remembered
    matched += bool(expected)
assert matched > 100, matched
print("ok")
