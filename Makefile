# `make demo`: set up .venv and check the sample contracts.  `make test`: set up and run the tests.
# durable-rules 2.0.28 does not import on Python 3.13+, so pick the newest 3.12/3.11/3.10 found.
PYTHON ?= $(shell for p in python3.12 python3.11 python3.10 python3; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(not ((3,10) <= sys.version_info[:2] <= (3,12)))' 2>/dev/null; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup samples bench clean

$(BIN)/checker: pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: need Python 3.10, 3.11 or 3.12 (durable-rules does not import on 3.13+)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

setup: $(BIN)/checker

demo: setup
	$(BIN)/checker check samples/contracts --fail-on never

test: setup
	$(BIN)/python -m pytest

samples: setup
	$(BIN)/python samples/build.py

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
