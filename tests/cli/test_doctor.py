"""`pyvirtine doctor` names the host and what each call resets on it; on a host where
virtines cannot run, it and every call say so in one sentence."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from support.kvm import HOST

DOCTOR = [sys.executable, "-m", "pyvirtine.cli", "doctor"]
SQUARE_RUN = [sys.executable, "-c", """
from pyvirtine import virtine
@virtine
def square(x: int) -> int:
    '''int square(int x) { return x * x; }'''
print(square(7))
"""]


def test_doctor_reports_this_host(kvm):
    proc = subprocess.run(DOCTOR, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert HOST.cpu in out
    assert f"XCR0 {HOST.xcr0:#x}" in out and f"{HOST.xsave_size}-byte area" in out
    assert "kvm-pvm" in out or "hardware" in out or "unknown" in out
    assert out.rstrip().endswith("virtines run on this host.")


def _without_kvm(command: list[str]) -> subprocess.CompletedProcess:
    """Runs command where /dev/kvm is something else (/dev/null, in a mount namespace)."""
    if not shutil.which("unshare"):
        pytest.skip("needs unshare(1) to hide /dev/kvm")
    wrapped = ["unshare", "-m", "sh", "-c", 'mount --bind /dev/null /dev/kvm && exec "$@"',
               "sh", *command]
    proc = subprocess.run(wrapped, capture_output=True, text=True, timeout=120)
    if "mount" in proc.stderr and "permission" in proc.stderr.lower():
        pytest.skip(f"cannot make a mount namespace here: {proc.stderr.strip()}")
    return proc


def test_doctor_says_in_one_sentence_why_virtines_cannot_run(kvm):
    proc = _without_kvm(DOCTOR)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.rstrip().splitlines()[-1] == (
        "virtines cannot run on this host: /dev/kvm is not a KVM device this pyvirtine "
        "speaks to (API version 12).")


def test_a_call_on_such_a_host_raises_kvm_unavailable_with_that_sentence(kvm):
    proc = _without_kvm(SQUARE_RUN)
    assert proc.returncode == 1
    last = proc.stderr.rstrip().splitlines()[-1]
    assert last.startswith("pyvirtine.errors.KVMUnavailable: virtines cannot run on this "
                           "host: /dev/kvm is not a KVM device"), proc.stderr
