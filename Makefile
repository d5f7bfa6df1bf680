# Quick start: `make demo` and `make test`. Both set up .venv from scratch when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' kerlint/__init__.py)

.PHONY: install demo test test-fast bench fuzz docs release tag clean

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

# A release: the whole suite passes, then the tag v$(VERSION) that the README's pre-commit snippet names
# (`rev: v$(VERSION)`; tests/test_release.py checks the two agree). Bump kerlint/__init__.py first.
release: test tag

tag:
	@git diff --quiet HEAD -- || { echo "make tag: commit your changes first"; exit 1; }
	@if git rev-parse -q --verify "refs/tags/v$(VERSION)" >/dev/null; then \
		echo "make tag: v$(VERSION) exists already; bump __version__ in kerlint/__init__.py"; exit 1; fi
	git tag -a "v$(VERSION)" -m "kerlint $(VERSION)"
	@echo "tagged v$(VERSION); publish it with: git push origin v$(VERSION)"

clean:
	rm -rf $(VENV) .pytest_cache .kerlint_cache bench/corpus bench/results
