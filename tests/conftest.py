"""Shared test set-up. Virtine tests need /dev/kvm: without it they are skipped with a
reason (shown in pytest's summary) and the run ends with a loud warning."""
from __future__ import annotations

import pytest

from support.kvm import HOST, KVM_MISSING


@pytest.fixture
def kvm() -> None:
    """Use in every test that runs a virtine."""
    if KVM_MISSING:
        pytest.skip(KVM_MISSING)


def pytest_report_header(config) -> list[str]:
    return ["host: " + line for line in HOST.report()]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    terminalreporter.write_sep("-", "host")
    for line in HOST.report():
        terminalreporter.write_line(line)
    if KVM_MISSING:
        terminalreporter.write_sep("!", f"NO KVM: {KVM_MISSING}; virtine tests were SKIPPED",
                                   red=True, bold=True)
