# The two commands a newcomer runs: `make demo` and `make test`. Each creates .venv,
# installs pyvirtine into it (building the native KVM launcher with cffi) and runs.
# The demo needs pyvirtine alone; tests and benchmarks add their extras.
VENV ?= .venv
PY := $(VENV)/bin/python
SOURCES := setup.cfg setup.py pyproject.toml $(wildcard pyvirtine/hypervisor/*.[ch] pyvirtine/hypervisor/*.py)

# $(call install,EXTRAS): make the venv if needed and install pyvirtine (editable) into it.
define install
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.$(1)'
endef

# The development install; it serves the demo too.
DEV_EXTRAS := [test,bench]
$(VENV)/.installed: $(SOURCES)
	$(call install,$(DEV_EXTRAS))
	touch $@ $(VENV)/.installed-demo

$(VENV)/.installed-demo: $(SOURCES)
	$(call install,)
	touch $@

.PHONY: demo test bench
demo: $(VENV)/.installed-demo
	$(VENV)/bin/pyvirtine demo

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m benchmarks
