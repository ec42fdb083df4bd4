# The two commands of the README: `make run` and `make test`. Both set up from a fresh clone.
# `make lint`, `make fuzz`, `make quality` and `make bench` are for development.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test lint fuzz quality bench train screenshots web-bench serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask,lint]'
	touch $(STAMP)

setup: $(STAMP)

# Process the bundled examples into events.db, then list the events.
run: setup
	$(BIN)/newsevents process examples/articles --db events.db
	$(BIN)/newsevents events --db events.db

test: setup
	$(BIN)/python -m pytest

# Style (ruff), types (mypy: every --strict flag on records, pipeline, options, store and cli;
# pyproject.toml says which) and function size (no function in src/ over complexity 25).
lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m newsevents.evaluation.code_size

# The fuzz suite of `make test` with many more inputs (3,000 runs of `process`; a few minutes).
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz.py

# Scores on ../shared (seed story, PLOVER records, extraction benchmarks) and the bundled examples;
# writes build/quality.json and fails under the floors in quality-floors.json.
quality: setup
	$(BIN)/python -m newsevents.evaluation.quality

# Throughput, per-stage seconds and memory on 2,000 documents in 1 and 2 processes, beside spaCy
# alone (about 12 minutes on 2 cores); writes build/bench.json.
bench: setup
	$(BIN)/python benchmarks/bench.py

# The analyst's desk on http://127.0.0.1:8000/ over events.db (prints the write token).
serve: setup
	test -f events.db || $(BIN)/newsevents process examples/articles --db events.db
	$(BIN)/newsevents serve --db events.db

# PNGs of the desk's main pages in build/screenshots/ (needs chromium + chromium-driver:
# scripts/ci_browser.sh installs them).
screenshots: setup
	test -f events.db || $(BIN)/newsevents process examples/articles --db events.db
	$(BIN)/python scripts/screenshots.py --db events.db --out build/screenshots

# List and map request times over 10,000 and 100,000 synthetic events; writes build/web_bench.json.
web-bench: setup
	$(BIN)/python benchmarks/web_bench.py

# Rebuild the sentence classifier (src/newsevents/data/model) from corpus/train, fixed seeds;
# prints its scores on corpus/heldout.
train: setup
	$(BIN)/python -m newsevents.classify.train

clean:
	rm -rf build events.db events.db-wal events.db-shm
