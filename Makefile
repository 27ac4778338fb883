# Two entry points: `make demo` and `make test`. Both build .venv from scratch when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench docs clean system-packages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Chromium, CJK fonts and HarfBuzz's subsetter for the documents: installed where this user
# may (root with apt-get), else named with the command that installs them (README).
system-packages:
	@bash scripts/system-packages.sh

demo: $(STAMP) system-packages
	$(BIN)/parting plan examples/harbor-foods.yaml --out out/harbor-foods --force
	$(BIN)/parting close examples/harbor-foods.yaml --out out/harbor-foods-closing --force \
		--estimate out/harbor-foods/settlement.json

test: $(STAMP) system-packages
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/plan_scale.py
	$(BIN)/python bench/scope_scale.py
	$(BIN)/python bench/check_accuracy.py
	$(BIN)/python bench/check_speed.py
	$(BIN)/python bench/documents_cost.py

docs: $(STAMP)
	$(BIN)/python scripts/gen_docs.py

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info
