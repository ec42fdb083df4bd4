# The two commands of the README: `make run` and `make test`. Both set up from a fresh clone.
# `make fuzz`, `make quality` and `make bench` are for development.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test fuzz quality bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

setup: $(STAMP)

# Process the bundled examples into events.db, then list the events.
run: setup
	$(BIN)/newsevents process examples/articles --db events.db
	$(BIN)/newsevents events --db events.db

test: setup
	$(BIN)/python -m pytest

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

clean:
	rm -rf build events.db events.db-wal events.db-shm
