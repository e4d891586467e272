"""Shared test set-up. Virtine tests need /dev/kvm: without it they are skipped with a
reason (shown in pytest's summary) and the run ends with a loud warning."""
from __future__ import annotations

import pytest

from support.kvm import KVM_MISSING


@pytest.fixture
def kvm() -> None:
    """Use in every test that runs a virtine."""
    if KVM_MISSING:
        pytest.skip(KVM_MISSING)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if KVM_MISSING:
        terminalreporter.write_sep("!", f"NO KVM: {KVM_MISSING}; virtine tests were SKIPPED",
                                   red=True, bold=True)
