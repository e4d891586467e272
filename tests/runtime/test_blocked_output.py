"""A guest's output passed through to a host fd that blocks (a pipe nobody drains) must
not hold a call past its deadline, nor hold up close(): the launcher's write gives up
when the call's signal says so. Run in a child process whose stdout is such a pipe."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).parents[1]

# Writes 1 MiB of its own memory to stdout in one hypercall: 16 times a pipe's capacity.
CHILD_PRELUDE = """
import fcntl, struct, sys, termios, threading, time
sys.path.insert(0, {tests!r})
from support.asm_guests import asm_image
from pyvirtine.errors import VirtineError, VirtineTimeout
from pyvirtine.runtime import Virtine

WRITER = '''
    hcall 13
    mov $1, %edi
    mov $0x10000, %esi
    mov $0x100000, %edx
    hcall 10
    mov %rax, %rdi
    xor %esi, %esi
    hcall 0
'''
image = asm_image(WRITER, mem=4 << 20)

def pipe_full():
    while struct.unpack("i", fcntl.ioctl(1, termios.FIONREAD, b"    "))[0] < 65536:
        time.sleep(0.01)
"""


def _run_child(body: str, tmp_path: Path) -> str:
    """Runs the child with its stdout a pipe that is never read; returns its stderr."""
    script = CHILD_PRELUDE.format(tests=str(TESTS)) + textwrap.dedent(body)
    log = tmp_path / "stderr"
    with open(log, "wb") as err:
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                 stderr=err)
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            pytest.fail("the call blocked in its write was never ended")
        finally:
            child.stdout.close()
    return log.read_text()


def test_deadline_ends_a_call_blocked_writing_to_an_undrained_pipe(kvm, tmp_path):
    out = _run_child("""
        v = Virtine(image, capture=False, allow=["write"], timeout=0.5)
        start = time.monotonic()
        try:
            v.call(b"")
            print("returned", file=sys.stderr)
        except VirtineTimeout as e:
            print(f"timeout after {time.monotonic() - start:.2f} s: {e}", file=sys.stderr)
    """, tmp_path)
    assert "timeout after" in out, out
    seconds = float(out.split("timeout after ")[1].split(" s")[0])
    assert 0.5 <= seconds < 5, out


def test_close_ends_a_call_blocked_writing_to_an_undrained_pipe(kvm, tmp_path):
    out = _run_child("""
        v = Virtine(image, capture=False, allow=["write"])
        outcome = []
        def call():
            try:
                v.call(b"")
                outcome.append("returned")
            except VirtineError as e:
                outcome.append(str(e))
        t = threading.Thread(target=call)
        t.start()
        pipe_full()   # the guest's write now blocks in the host's write(2)
        time.sleep(0.05)
        v.close()
        t.join(10)
        print("alive" if t.is_alive() else outcome[0], file=sys.stderr)
    """, tmp_path)
    assert "closed during the call" in out, out
