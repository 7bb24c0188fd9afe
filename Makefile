# Balise: `make run` starts everything, `make test` runs the whole suite. Both install what is
# missing first (two virtual environments, from committed lock files) and train only if needed.
SHELL := /bin/bash
.DEFAULT_GOAL := run
RASA_VENV := .venv/rasa
GW_VENV := .venv/gateway
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run test train unit e2e rasa-validate rasa-test content-check content-review content-report crisis-model eval-nlu eval-safety eval-language bench clean

$(RASA_VENV)/.installed: requirements/rasa.lock
	@PY=$$(scripts/find-python310.sh) && rm -rf $(RASA_VENV) && $$PY -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install -q --disable-pip-version-check -r requirements/rasa.lock
	@touch $@

$(GW_VENV)/.installed: requirements/gateway.lock requirements/test.lock
	@rm -rf $(GW_VENV) && python3 -m venv $(GW_VENV)
	$(GW_VENV)/bin/pip install -q --disable-pip-version-check -r requirements/gateway.lock -r requirements/test.lock
	@touch $@

# axe-core for the browser accessibility tests (test-only, never served): exact version, from the lock.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(RASA_VENV)/.installed $(GW_VENV)/.installed

train: install
	@scripts/train-if-needed.sh >/dev/null

run: train
	@$(GW_VENV)/bin/python scripts/stack.py

unit: install
	$(GW_VENV)/bin/python -m pytest -q tests/unit

rasa-validate: install
	$(RASA_VENV)/bin/rasa data validate --domain domain.yml --data data/nlu data/rules

rasa-test: train node_modules/.installed
	$(RASA_VENV)/bin/rasa test core --model $$(scripts/train-if-needed.sh) --stories tests/test_stories.yml \
	  --fail-on-prediction-errors --out results/core

e2e: train
	$(GW_VENV)/bin/python -m pytest -q tests/e2e

test: train node_modules/.installed
	$(MAKE) --no-print-directory content-check
	$(MAKE) --no-print-directory rasa-validate
	$(MAKE) --no-print-directory rasa-test
	$(GW_VENV)/bin/python -m pytest -q tests

clean:
	rm -rf models results .stack node_modules

# Benchmarks (issue #9): Balise against Rasa's stock recipe, same run → docs/benchmarks.md.
# The stock model is trained once (several minutes on 2 cores) and cached like Balise's.
bench: train
	@scripts/train-if-needed.sh bench/stock/config.yml stock >/dev/null
	$(GW_VENV)/bin/python -m bench.run

content-check: install
	@$(GW_VENV)/bin/python -m governance check

content-review: install
	@test -n "$(NAMES)" -a -n "$(ROLE)" || { echo "usage: make content-review NAMES='utter_x utter_y' ROLE=educator"; exit 2; }
	@$(GW_VENV)/bin/python -m governance review $(NAMES) --role $(ROLE)

content-report: install
	@$(GW_VENV)/bin/python -m governance report

eval-nlu: train
	$(RASA_VENV)/bin/rasa test nlu --model $$(scripts/train-if-needed.sh) --nlu tests/nlu/heldout.yml --out results/nlu >/dev/null
	$(GW_VENV)/bin/python scripts/report_nlu.py

# The gateway's learned crisis model (layer 1b), committed in data/safety/crisis_model.json: retrain
# after changing data/safety/examples, data/nlu or the SMS lexicon (a unit test says when).
crisis-model: install
	PYTHONPATH=. $(RASA_VENV)/bin/python scripts/train_crisis_model.py

eval-safety: train
	$(GW_VENV)/bin/python scripts/eval_safety.py

eval-language: install
	$(GW_VENV)/bin/python scripts/eval_language.py
