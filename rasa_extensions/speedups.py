"""Fixes for Rasa 3.6's costliest per-turn steps, installed by the private channel (balise.py).

Profiled under load (docs/benchmarks.md):
- Rasa checks every action server reply with `jsonschema.validate`, which first re-validates the
  constant reply schema against JSON Schema's meta-schema and builds a new validator: three
  quarters of Rasa's time per message. Here the validator is built once; valid replies pass as
  before, and an invalid one still goes through Rasa's own check, which raises Rasa's message.
- Reading a stored conversation looks up each event's class by walking every subclass of
  `Event`, once per event: a tenth of the time left. The answer per type name is kept; a name
  with no class still goes through Rasa's own lookup.
- The intent classifier multiplies each message by the transpose of its weights; stored row-major,
  that transpose is not contiguous and scipy copied the whole matrix (33 x 37,000 floats) on every
  message: a fifth of Rasa's time under load. The weights are kept column-major, so the same
  product reads them in place, with the same numbers.
- The private channel reports the turn's intent and slots; it read them back from the tracker
  store, which rebuilt the whole conversation from its stored events a second time per turn.
  The tracker Rasa has just saved is kept for the rest of the request (`saved_tracker`), so the
  channel reads the very object that was stored.
- Every graph run recomputed, by a recursive walk, which nodes its targets need: the answer per
  set of targets never changes once the model is loaded, so it is kept.
- Rasa runs each graph (four to five per message) through dask's scheduler, built for parallel
  work: a tenth of Rasa's time went to its bookkeeping. The graphs run here node by node, each
  after the nodes it needs, as dask's synchronous scheduler does.
- The intent classifier's input is the message's sentence features side by side; Rasa also
  combined the unused per-token matrices and converted through two more sparse formats. The
  same matrix is built directly.
- Before each prediction the rule policy filters every rule against every past state of the
  conversation, although a state further back than the longest rule cannot change the answer
  (Rasa's own `_is_rule_applicable`). The answer is kept per run of recent states.
"""
import json
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, FrozenSet, List, Optional, Set, Text, Tuple, Type

import numpy as np
import scipy.sparse
from jsonschema import validators
from rasa.core.actions.action import RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.utils.common import all_subclasses

_RASA_CHECK = RemoteAction._validate_action_result
_RASA_RESOLVE = Event.resolve_by_type
_RASA_LOAD_CLASSIFIER = LogisticRegressionClassifier.load.__func__
_RASA_MINIMAL_SCHEMA = GraphSchema.minimal_graph_schema
_RASA_SAVE_TRACKER = MessageProcessor.save_tracker
_RASA_CREATE_X = LogisticRegressionClassifier._create_X
_RASA_POSSIBLE_KEYS = RulePolicy._get_possible_keys
KEPT_RULE_ANSWERS = 20_000  # runs of recent states remembered per rule table (cleared when full)

# Set in the request's own context: awaited coroutines share it, concurrent requests do not.
saved_tracker: ContextVar[Optional[DialogueStateTracker]] = ContextVar("saved_tracker", default=None)


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


def load_classifier(cls: type, *args: Any, **kwargs: Any) -> LogisticRegressionClassifier:
    component = _RASA_LOAD_CLASSIFIER(cls, *args, **kwargs)
    weights = getattr(component.clf, "coef_", None)  # absent when nothing was trained
    if weights is not None:
        component.clf.coef_ = np.asfortranarray(weights)
    return component


def minimal_graph_schema(self: GraphSchema, targets: Optional[list] = None) -> GraphSchema:
    kept = self.__dict__.setdefault("_balise_minimal_schemas", {})
    key = tuple(targets) if targets else None
    if key not in kept:
        kept[key] = _RASA_MINIMAL_SCHEMA(self, targets)
    return kept[key]


def is_task(value: Any) -> bool:
    return isinstance(value, tuple) and bool(value) and callable(value[0])


def run_in_order(graph: Dict[Text, Any], targets: List[Text]) -> Tuple[Any, ...]:
    """dask.get's answer for Rasa's graphs: a task is (callable, *keys of its inputs); anything
    else is a value, and an input that is no key in the graph is passed as it is."""
    results: Dict[Text, Any] = {}

    def result_of(key: Text) -> Any:
        if key not in results:
            task = graph[key]
            if is_task(task):
                fn, *needs = task
                results[key] = fn(*(result_of(k) if isinstance(k, str) and k in graph else k for k in needs))
            else:
                results[key] = task
        return results[key]

    return tuple(result_of(target) for target in targets)


def run_graph(self: DaskGraphRunner, inputs: Optional[Dict[Text, Any]] = None,
              targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
    run_targets = targets if targets else self._graph_schema.target_names
    graph = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    if inputs:
        self._add_inputs_to_graph(inputs, graph)
    try:
        return dict(run_in_order(graph, run_targets))
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e


def classifier_features(self: LogisticRegressionClassifier, messages: List[Message]) -> scipy.sparse.csr_matrix:
    rows = []
    for message in messages:
        sentence = [f for f in message.features if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE]
        if not sentence or not all(f.is_sparse() for f in sentence):
            return _RASA_CREATE_X(self, messages)  # dense or missing features: Rasa's own path
        rows.append(side_by_side([f.features.tocoo() for f in sentence]))
    return rows[0] if len(rows) == 1 else scipy.sparse.vstack(rows, format="csr")


def side_by_side(parts: List[scipy.sparse.coo_matrix]) -> scipy.sparse.csr_matrix:
    """`scipy.sparse.hstack(parts, format="csr", dtype=float64)` for one-row matrices, built
    directly from their entries (a third of hstack's time)."""
    if any(part.shape[0] != 1 for part in parts):
        return scipy.sparse.hstack(parts, format="csr", dtype=np.float64)
    offsets = np.cumsum([0] + [part.shape[1] for part in parts[:-1]])
    columns = np.concatenate([part.col + offset for part, offset in zip(parts, offsets)])
    values = np.concatenate([part.data for part in parts]).astype(np.float64)
    row = scipy.sparse.csr_matrix((values, columns, np.array([0, len(columns)])),
                                  shape=(1, sum(part.shape[1] for part in parts)))
    row.sum_duplicates()  # sorts the columns and adds up repeated ones, as hstack does
    return row


@dataclass
class RuleAnswers:
    """One rule table's answers per run of recent states, and how many states its longest rule spans."""
    longest: int
    answers: Dict[Text, FrozenSet[Text]] = field(default_factory=dict)


def possible_rule_keys(self: RulePolicy, lookup: Dict[Text, Text], states: List[Dict]) -> Set[Text]:
    tables = self.__dict__.setdefault("_balise_rule_answers", {})
    table = tables.get(id(lookup))
    if table is None:
        longest = max((len(self._rule_key_to_state(k)) for k in lookup), default=0)
        table = tables[id(lookup)] = RuleAnswers(longest)
    recent = states[-table.longest:] if table.longest else []
    key = json.dumps(recent, sort_keys=True)  # as Rasa writes rule keys
    if key not in table.answers:
        if len(table.answers) >= KEPT_RULE_ANSWERS:
            table.answers.clear()
        table.answers[key] = frozenset(_RASA_POSSIBLE_KEYS(self, lookup, recent))
    return set(table.answers[key])


async def save_tracker(self: MessageProcessor, tracker: DialogueStateTracker) -> None:
    await _RASA_SAVE_TRACKER(self, tracker)
    saved_tracker.set(tracker)


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_event_type)
    LogisticRegressionClassifier.load = classmethod(load_classifier)
    GraphSchema.minimal_graph_schema = minimal_graph_schema
    MessageProcessor.save_tracker = save_tracker
    DaskGraphRunner.run = run_graph
    LogisticRegressionClassifier._create_X = classifier_features
    RulePolicy._get_possible_keys = possible_rule_keys
