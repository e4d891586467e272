"""The README's demo command works and shows every run in a clean virtine."""
from __future__ import annotations

import subprocess
import sys


def test_demo_runs_in_clean_virtines(kvm):
    proc = subprocess.run([sys.executable, "-m", "pyvirtine.cli", "demo"], capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "hello from a virtine (run 1): fib(20) = 6765, sorted: 1 3 7 19 23 42 56 88" in proc.stdout
    assert "every one said 'run 1'" in proc.stdout
