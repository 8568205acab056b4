# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test browser clean-demo

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[serve,postgres,bench,spark,test]'
	touch $(STAMP)

## demo: install, code the bundled sample pages into demo.db, print the events
demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/warwatch code samples --db demo.db
	$(BIN)/warwatch export --db demo.db --format table
	$(BIN)/warwatch claims --db demo.db --scope tally

## test: install, then run the whole test suite (installs Debian's chromium for the browser test if missing)
test: $(STAMP) browser
	$(BIN)/python -m pytest

browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser test"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
		|| echo "could not install chromium: the browser test will say so"; \
	fi
