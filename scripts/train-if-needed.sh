#!/usr/bin/env bash
# Trains the Rasa model only when what it is trained from changed: the model's name carries a
# hash of config.yml, domain.yml, the training data and the Rasa lock file. Prints the model path.
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=$( (echo config.yml domain.yml requirements/rasa.lock; find data/nlu data/rules data/stories -name "*.yml" 2>/dev/null || true) | tr ' ' '\n' | sort)
hash=$(for f in $inputs; do echo "== $f"; cat "$f"; done | sha256sum | cut -c1-16)
model="models/balise-$hash.tar.gz"
if [ ! -f "$model" ]; then
  echo "Training the model ($model)…" >&2
  start=$(date +%s)
  .venv/rasa/bin/rasa train --fixed-model-name "balise-$hash" --out models >&2
  echo "Trained in $(( $(date +%s) - start )) s." >&2
fi
echo "$model"
