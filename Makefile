# The two commands: `make run` and `make test`. Each sets up what it needs on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstalled whenever pyproject.toml changes.
INSTALLED := $(VENV)/.installed

.PHONY: run test install bench reliability clean

run: $(INSTALLED)
	scripts/system-packages.sh tesseract-ocr libreoffice-writer-nogui python3-uno
	$(BIN)/casework demo
	$(BIN)/casework run

# The unit tests share the cores; those that start servers and wait on them run alone.
test: $(INSTALLED)
	scripts/system-packages.sh chromium tesseract-ocr libreoffice-writer-nogui python3-uno
	$(BIN)/python -m pytest -n auto --maxprocesses 4 tests/unit tests/test_style.py $(PYTEST_ARGS)
	$(BIN)/python -m pytest --ignore tests/unit --ignore tests/test_style.py $(PYTEST_ARGS)

install: $(INSTALLED)

bench: $(INSTALLED)
	$(BIN)/python -m benchmarks.ingest
	$(BIN)/python -m benchmarks.theme_scores

# Every fault and hostile-input scenario at full size, then their table (tests/reliability),
# on the machine's PostgreSQL when one answers.
reliability: $(INSTALLED)
	rm -f var/reliability.json
	CASEWORK_TEST_DATABASE_URL="$${CASEWORK_TEST_DATABASE_URL:-$$(scripts/local-postgres-url.sh)}" \
	CASEWORK_RELIABILITY_FULL=1 $(BIN)/python -m pytest -p no:cacheprovider -m reliability \
		tests/reliability $(PYTEST_ARGS); $(BIN)/python -m tests.reliability.report

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "casework needs Python 3.11 or newer; set PYTHON=python3.11 or similar")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) var *.egg-info
