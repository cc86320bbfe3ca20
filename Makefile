# One task runner for people and CI. `make help` lists the targets.
PY ?= python

.PHONY: help install test lint typecheck eval bench ablation lexicon slow load soak
help:            ## list targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/ —/'
install:         ## install the project with its dev tools
	$(PY) -m pip install -e ".[dev]"
test:            ## run the whole suite (includes ruff and mypy)
	$(PY) -m pytest
lint:            ## ruff
	$(PY) -m ruff check . && $(PY) -m ruff format --check .
typecheck:       ## mypy --strict on the packages
	$(PY) -m mypy
eval:            ## score the shared dev questions and the project's own sets
	quotebot eval ../shared/eval/dev.jsonl
ablation:        ## answer-quality ablation table over every question set (docs/quality.md)
	$(PY) -m bench.ablation
bench:           ## speed and memory benchmark
	$(PY) -m bench
lexicon:         ## rebuild the WordNet 3.0 data files in retrieval/ (apt-get install wordnet-base)
	$(PY) scripts/build_lexicon.py
	$(PY) scripts/build_offices.py
	$(PY) scripts/build_forms.py
slow:            ## the slow tests: load, long outages, the semantic image (about 5 minutes)
	$(PY) -m pytest -m slow
load:            ## load figures: 200 chats x 5 questions, paced and in bursts
	$(PY) -m bench.load
soak:            ## resident memory over a 10-minute soak
	$(PY) -m bench.soak --minutes 10
