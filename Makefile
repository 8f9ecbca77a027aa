# Talent Connect: every task the README and CI use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install dev test test-fast lint fmt bench eval asyncapi clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	# torch first, pinned exactly: the local CPU wheel, not the CUDA build a looser spec pulls.
	$(VENV)/bin/pip install -q torch==2.13.0
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

dev: install  ## start NATS, PostgreSQL, Qdrant (local mode) and all services; Ctrl-C stops everything
	$(VENV)/bin/honcho start -f Procfile

test: install lint  ## the whole suite: lint, unit, integration, end-to-end
	$(PY) -m pytest

test-fast: install  ## unit tests only
	$(PY) -m pytest -m unit

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy contracts talentkit services bench tests eval

fmt: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

asyncapi: install  ## regenerate the committed AsyncAPI document from the contracts
	$(PY) -m contracts.asyncapi --write
	$(PY) -m contracts.compat --update

bench: install  ## benchmarks that print their figures
	$(PY) -m bench.parse_throughput --seconds 4
	$(PY) bench/embed_throughput.py --texts 32
	$(PY) -m bench.classify_throughput
	$(PY) -m bench.e2e_upload

eval: install  ## the product against BM25, embedding and RRF on the labelled set (both halves), parsing measures, the Kaggle check
	$(PY) -m eval.run --split both

clean:
	rm -rf $(VENV) var
