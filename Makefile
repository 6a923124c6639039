# kapdocs: two commands do all set-up on a fresh clone.
#   make demo   virtual environment, install, build every sample's deliverables into out/
#   make test   the same set-up with the test extras, then the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kapdocs validate samples/
	$(BIN)/kapdocs build samples/ -o out --today 2026-11-25

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pytest benchmarks -q --benchmark-only --benchmark-columns=min,mean,max,rounds

schema: $(STAMP)
	$(BIN)/kapdocs schema > kapdocs-plan.schema.json

clean:
	rm -rf $(VENV) out build dist .pytest_cache
