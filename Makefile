# Udviklingsplan – developer commands. `make run` starts the program, `make test` runs all tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
EXAMPLE := resources/examples/den-sociale-hjemmepleje.json

.PHONY: run test lint demo lock bundle clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

run: $(STAMP)  ## start the program (ARGS="--db demo.db" to choose a database)
	$(BIN)/python main.py $(ARGS)

test: $(STAMP)  ## the whole test suite, offscreen
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

demo.db: $(STAMP) $(EXAMPLE)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/udviklingsplan --db demo.db import $(EXAMPLE)

demo: demo.db  ## start the program with the example plan
	$(BIN)/python main.py --db demo.db

lock:  ## refresh requirements.lock from pyproject.toml (needs network access to PyPI)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra bundle --universal --generate-hashes \
		--python-version 3.11 -o requirements.lock

bundle: $(STAMP)  ## the PyInstaller bundle in dist/Udviklingsplan (pyinstaller comes from the lock)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
