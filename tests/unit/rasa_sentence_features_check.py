"""Run by tests/unit/test_rasa_sentence_features.py with the Rasa venv's Python: Balise's
featurizer gives exactly Rasa's sentence features (words and character n-grams, as config.yml
sets them) and no per-token matrix."""
import tempfile
from pathlib import Path

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_extensions.sentence_features import SentenceCountVectorsFeaturizer

TRAIN = [("jsuis bloquée chez lui il veut pas me laisser partir", "crisis_danger_now"),
         ("un mec me demande des photos sinon il les montre", "sextortion"),
         ("c'est quoi le 119 ?", "ask_119"), ("bonjour", "greet"), ("merci beaucoup", "thanks")]
NEW = ["il me menace de montrer mes photos", "jsp quoi faire", "wsh", "I am scared he will come back", "?!"]

storage = LocalModelStorage(Path(tempfile.mkdtemp()))
context = ExecutionContext(GraphSchema({}), "test")
tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())


def tokenized(texts: list[str], intents: list[str] | None = None) -> list[Message]:
    messages = [Message(data={TEXT: t, **({INTENT: i} if intents else {})}) for t, i in zip(texts, intents or texts)]
    tokenizer.process(messages)
    return messages


for settings in ({"min_ngram": 1, "max_ngram": 2}, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 5}):
    featurizers = []
    for cls in (CountVectorsFeaturizer, SentenceCountVectorsFeaturizer):
        featurizer = cls.create({**cls.get_default_config(), **settings}, storage, Resource(cls.__name__ + str(settings)), context)
        texts, intents = zip(*TRAIN)
        data = TrainingData(tokenized(list(texts), list(intents)))
        tokenizer.process_training_data(data)
        featurizer.train(data)
        featurizers.append(featurizer)
    rasa, ours = featurizers
    for text in NEW:
        [expected], [got] = rasa.process(tokenized([text])), ours.process(tokenized([text]))
        want = expected.get_sparse_features(TEXT)[1].features.toarray()
        assert np.array_equal(got.get_sparse_features(TEXT)[1].features.toarray(), want), (settings, text)
        assert not [f for f in got.features if f.type == FEATURE_TYPE_SEQUENCE], text
        assert [f for f in expected.features if f.type == FEATURE_TYPE_SEQUENCE]  # Rasa's has them
        assert [f for f in got.features if f.type == FEATURE_TYPE_SENTENCE]
print("ok")
