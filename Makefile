# The two commands a newcomer needs: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# WeasyPrint lays documents out with Pango (HarfBuzz shapes the Bengali), and HarfBuzz's
# subsetter embeds font subsets in milliseconds where the pure-Python fallback takes most of a
# second. Debian's names; installed when missing if we are root, otherwise we say what to install.
SYSTEM_LIBRARIES := libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

.PHONY: install system-packages browser-packages run test lint typecheck migrate bench docs-images web-screenshots clean

# The browser tests drive Debian's Chromium with Playwright (no browser is downloaded), and the pages'
# Bengali needs a font with Bengali glyphs in it: Noto's.
BROWSER_PACKAGES := chromium fonts-noto-core

browser-packages:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -q NotoSansBengali; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES); \
		else \
			echo "the browser tests need the Debian packages $(BROWSER_PACKAGES); they are skipped without them" >&2; \
		fi; \
	fi

system-packages:
	@missing=$$(for lib in $(SYSTEM_LIBRARIES); do /sbin/ldconfig -p | grep -q "$$lib" || echo "$$lib"; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES); \
		else \
			echo "missing $$missing: install the Debian packages $(DEBIAN_PACKAGES) (or your system's equivalents)" >&2; \
			exit 1; \
		fi; \
	fi

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable '.[dev]'
	touch $(STAMP)

install: system-packages $(STAMP)

run: install
	$(BIN)/hisab serve

migrate: install
	$(BIN)/hisab migrate

lint: install
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy
	$(BIN)/mypy tests
	$(BIN)/mypy tools

test: lint typecheck browser-packages
	$(BIN)/pytest

# The standard workload against PostgreSQL-backed Hisab with production settings (docs/performance.md).
# BENCH_ARGS passes options to `hisab bench run`, e.g. BENCH_ARGS='--duration 30 --json'.
bench: install
	tools/bench.sh $(BENCH_ARGS)

# The web app's pictures in docs/web.md: the browser tests, on SQLite, saving a screenshot of each page they visit.
web-screenshots: install browser-packages
	HISAB_WEB_SCREENSHOTS=docs/images/web $(BIN)/pytest tests/web -q -m "not postgres"

# The pictures in docs/mushak-6.3.md, mushak-6.7-6.8.md and vat-return.md; pdftoppm comes with Debian's poppler-utils.
docs-images: install
	@command -v pdftoppm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils
	$(BIN)/python tools/render_mushak63_examples.py docs/images
	$(BIN)/python tools/render_note_examples.py docs/images
	PYTHONPATH=. $(BIN)/python tools/render_return_examples.py docs/images

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
