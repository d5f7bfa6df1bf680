# Quick start: `make demo` and `make test`. Both set up .venv from scratch when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast bench fuzz docs clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[probe,dev,lsp]'
	touch $(STAMP)

demo: install
	@echo "== kerlint check examples/ (static, no TensorFlow) =="
	@$(BIN)/kerlint check examples/ || echo "(exit code $$?: kerlint check exits 1 when it finds problems)"
	@echo
	@echo "== kerlint probe examples/deep_sigmoid_cnn.py --synthetic (a real short training run on CPU) =="
	@$(BIN)/kerlint probe examples/deep_sigmoid_cnn.py --synthetic || echo "(exit code $$?: kerlint probe exits 1 when it observes symptoms)"

test: install
	$(BIN)/python -m pytest -n 2 -q

test-fast: install
	$(BIN)/python -m pytest -n 2 -q -m "not probe and not slow"

bench: install
	$(BIN)/python bench/run.py

fuzz: install
	$(BIN)/python bench/fuzz.py

# docs/rules/CODE.md from rules/CODE.yaml (tests/test_rule_pages.py checks they are current)
docs: install
	$(BIN)/python docs/gen_rule_pages.py

clean:
	rm -rf $(VENV) .pytest_cache .kerlint_cache bench/corpus bench/results
