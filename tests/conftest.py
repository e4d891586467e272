"""Shared test set-up. Virtine tests need /dev/kvm: without it they are skipped with a
reason (shown in pytest's summary) and the run ends with a loud warning."""
from __future__ import annotations

import os

import pytest

KVM_MISSING = None if os.access("/dev/kvm", os.R_OK | os.W_OK) else (
    "/dev/kvm is not available: virtines cannot run on this machine")


@pytest.fixture
def kvm() -> None:
    """Use in every test that runs a virtine."""
    if KVM_MISSING:
        pytest.skip(KVM_MISSING)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if KVM_MISSING:
        terminalreporter.write_sep("!", f"NO KVM: {KVM_MISSING}; virtine tests were SKIPPED",
                                   red=True, bold=True)
