# Everything this project needs is installed from here: a fresh machine needs only python3.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: install demo test clean extract

$(BIN)/gescom-sync: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/gescom-sync

demo: install
	$(BIN)/gescom-sync demo

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

# Translators: refresh the template of every text to translate (messages.pot).
extract: install
	$(BIN)/pybabel extract -F babel.cfg -o messages.pot src/gescom_sync
