# `make demo`: set up .venv with checker alone, check the sample contracts, write report.html.
# `make test`: set up .venv with the test extras too and run the tests.
# durable-rules 2.0.28 does not import on Python 3.13+, so pick the newest 3.12/3.11/3.10 found.
PYTHON ?= $(shell for p in python3.12 python3.11 python3.10 python3; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(not ((3,10) <= sys.version_info[:2] <= (3,12)))' 2>/dev/null; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup samples bench clean

# checker and what it needs to run, nothing more (the demo)
$(BIN)/checker: pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: need Python 3.10, 3.11 or 3.12 (durable-rules does not import on 3.13+)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e .
	@touch $@

# the test extras on top (pytest, hypothesis, reportlab, dask)
$(VENV)/.test-extras: $(BIN)/checker
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

setup: $(VENV)/.test-extras

demo: $(BIN)/checker
	@$(BIN)/checker check samples/contracts --fail-on never --output report.html --format text
	@echo
	@echo "The HTML report is $(CURDIR)/report.html: open it in a browser"
	@echo "  (xdg-open report.html on Linux, open report.html on macOS, start report.html on Windows)."
	@echo "The command is $(BIN)/checker; run 'source $(BIN)/activate' to call it as plain 'checker'."

test: setup
	$(BIN)/python -m pytest

samples: setup
	$(BIN)/python samples/build.py

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
