#!/usr/bin/env bash
# Trains the Rasa model only when what it is trained from changed: the model's name carries a
# hash of the config, domain.yml, the training data and the Rasa lock file. Prints the model path;
# the training's wall time is kept next to it (<model>.seconds).
#   scripts/train-if-needed.sh                               # config.yml → models/balise-<hash>
#   scripts/train-if-needed.sh bench/stock/config.yml stock  # the benchmarks' stock baseline
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-config.yml}
name=${2:-balise}
inputs=$( (echo "$config" domain.yml requirements/rasa.lock; find data/nlu data/rules data/stories -name "*.yml" 2>/dev/null || true) | tr ' ' '\n' | sort)
hash=$(for f in $inputs; do echo "== ${f/#$config/config.yml}"; cat "$f"; done | sha256sum | cut -c1-16)
model="models/$name-$hash.tar.gz"
if [ ! -f "$model" ]; then
  echo "Training the model ($model)…" >&2
  start=$(date +%s)
  .venv/rasa/bin/python -m rasa_extensions.cli train --config "$config" --fixed-model-name "$name-$hash" --out models >&2
  seconds=$(( $(date +%s) - start ))
  echo "$seconds" > "$model.seconds"  # the benchmarks report it (docs/benchmarks.md)
  echo "Trained in $seconds s." >&2
fi
echo "$model"
