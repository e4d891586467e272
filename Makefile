# The two commands a newcomer runs: `make demo` and `make test`. Each creates .venv,
# installs pyvirtine into it (building the native KVM launcher with cffi) and runs.
# The demo needs pyvirtine alone; tests and benchmarks add their extras.
VENV ?= .venv
PY := $(VENV)/bin/python
SOURCES := setup.cfg setup.py pyproject.toml $(wildcard pyvirtine/hypervisor/*.[ch] pyvirtine/hypervisor/*.py)

# $(call install,PIP-ARGS): make the venv if needed and install pyvirtine into it.
define install
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(1)
endef

# The development install; it serves the demo too.
DEV_EXTRAS := [test,bench]
$(VENV)/.installed: $(SOURCES)
	$(call install,-e '.$(DEV_EXTRAS)')
	touch $@ $(VENV)/.installed-demo

# The demo alone installs as a user would (not editable: setuptools has nothing to warn about),
# so it depends on every file of the package.
$(VENV)/.installed-demo: $(SOURCES) $(shell find pyvirtine -type f -not -name '*.pyc' -not -name '*.so')
	$(call install,.)
	touch $@

.PHONY: demo test bench
demo: $(VENV)/.installed-demo
	$(VENV)/bin/pyvirtine demo

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m benchmarks
