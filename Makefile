# semdpa: `make run` starts the app on http://127.0.0.1:7860, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
INDEX ?= index
REFERENCE := data/002_f84dbcb6768b8ce2.txt
VENDORS := $(filter-out $(REFERENCE),$(wildcard data/*.txt))

.PHONY: setup system-deps index run test test-fast clean

# The pinned CPU build of torch goes in first: a plain `torch` from a dependency would pull
# several GB of CUDA packages.
setup: $(STAMP)
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev,ocr,fast]'
	touch $(STAMP)

# Unchanged files (same SHA-256) are skipped, so this is quick once built. A sample index
# written by an older semdpa (or damaged) is rebuilt from data/.
index: setup
	@$(BIN)/semdpa list --index $(INDEX) >/dev/null 2>&1 || [ ! -e $(INDEX)/CURRENT ] || \
	  { echo "rebuilding the sample index in $(INDEX)/"; $(BIN)/semdpa index --index $(INDEX) --rebuild --reference $(REFERENCE); }
	$(BIN)/semdpa index --index $(INDEX) --reference $(REFERENCE)
	$(BIN)/semdpa index --index $(INDEX) $(VENDORS)

run: index
	SEMDPA_INDEX=$(INDEX) $(BIN)/python app.py

# Debian's Chromium drives the browser tests (Playwright never downloads a browser) and
# Tesseract reads scanned PDFs; without them, or without root to install them, those tests
# skip and say why.
system-deps:
	@{ command -v chromium >/dev/null 2>&1 && command -v tesseract >/dev/null 2>&1; } || { [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq chromium tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng) >/dev/null 2>&1; } || \
	  echo "chromium/tesseract not installed: browser and OCR tests will be skipped"

test: setup system-deps
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not model"

clean:
	rm -rf $(VENV) $(INDEX)/gen-* $(INDEX)/CURRENT
