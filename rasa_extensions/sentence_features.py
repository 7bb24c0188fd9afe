"""Rasa's CountVectorsFeaturizer, writing only the features Balise's classifier reads.

Rasa's featurizer gives each message two matrices: one row per token (sequence features, which
DIET and TED read) and one row for the whole message (sentence features). Balise's intent
classifier, a logistic regression, reads the sentence features only, and nothing else in the
pipeline reads either. The per-token matrix cost as much again as the sentence one, on every
message (bench/notes.md). The sentence features are computed exactly as Rasa computes them.
"""
from typing import List, Optional, Text, Tuple

import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer

Matrices = List[Optional[scipy.sparse.spmatrix]]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountVectorsFeaturizer(CountVectorsFeaturizer):
    def _create_features(self, attribute: Text, all_tokens: List[List[Text]]) -> Tuple[Matrices, Matrices]:
        vectorizer = self.vectorizers.get(attribute)
        if not vectorizer:
            return [None], [None]
        sentences: Matrices = []
        for tokens in all_tokens:
            if not tokens or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
                sentences.append(None)
                continue
            sentence = vectorizer.transform([" ".join(tokens)])
            sentence.sort_indices()
            sentences.append(sentence.tocoo())
        return [None] * len(sentences), sentences
