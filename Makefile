# The two commands a newcomer runs: `make demo` and `make test`. Each creates .venv,
# installs pyvirtine into it (building the native KVM launcher with cffi) and runs.
VENV ?= .venv
PY := $(VENV)/bin/python
SOURCES := setup.cfg setup.py pyproject.toml $(wildcard pyvirtine/hypervisor/*.[ch] pyvirtine/hypervisor/*.py)

$(VENV)/.installed: $(SOURCES)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

.PHONY: demo test bench
demo: $(VENV)/.installed
	$(VENV)/bin/pyvirtine demo

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m benchmarks
