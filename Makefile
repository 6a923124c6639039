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
	$(BIN)/python -m compileall -q kapdocs  # with PYTHONDONTWRITEBYTECODE set, every process would recompile
	touch $(STAMP)

DEMO_DAY := --today 2026-11-25

demo: $(STAMP)
	$(BIN)/kapdocs validate samples/
	$(BIN)/kapdocs build samples/ -o out $(DEMO_DAY)
	$(BIN)/kapdocs plan samples/northwind-foods.yaml --edition customer -o out/customer-edition $(DEMO_DAY)
	$(BIN)/kapdocs qbr samples/northwind-foods.yaml --meeting qbr-2026-q4 --internal -o out/northwind-foods-plc $(DEMO_DAY)
	$(BIN)/kapdocs workbook --case samples/northwind-foods.yaml --edition facilitator --xlsx -o out/workshop $(DEMO_DAY)
	$(BIN)/kapdocs workbook --case samples/northwind-foods.yaml --edition participant -o out/workshop $(DEMO_DAY)
	$(BIN)/kapdocs check samples/ $(DEMO_DAY) --format markdown > out/plan-health.md
	$(BIN)/python tools/portfolio_samples.py build/portfolio-plans
	$(BIN)/kapdocs portfolio build/portfolio-plans -o out/portfolio $(DEMO_DAY)
	$(BIN)/kapdocs template init out/templates/starters --force
	$(BIN)/kapdocs render out/templates/starters/* samples/northwind-foods.yaml --meeting qbr-2026-q4 -o out/templates $(DEMO_DAY)
	@echo "Deliverables are in out/ (plan health report: out/plan-health.md)"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pytest benchmarks -q --benchmark-only --benchmark-columns=min,median,max,rounds \
		--benchmark-json=benchmarks/results.json

schema: $(STAMP)
	$(BIN)/kapdocs schema > kapdocs-plan.schema.json

clean:
	rm -rf $(VENV) out build dist .pytest_cache
