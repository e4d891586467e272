"""Call deadlines (watchdog.c): one watchdog thread per process enforces every timed
call's deadline. Each call must stop at its own deadline, whatever the others', in a
forked child too, and a deadline passing just as a call ends must never disturb the
next call."""
from __future__ import annotations

import os
import struct
import threading
import time

import pytest

from support.asm_guests import asm_image
from pyvirtine.errors import VirtineTimeout
from pyvirtine.runtime import Virtine

# Argument 0 returns 7 at once; anything else spins forever.
SPIN_OR_RETURN = """
    hcall 13
    mov ARGAREA, %rax
    test %rax, %rax
    jz 2f
1:  jmp 1b
2:  movq $7, ARGAREA
    xor %edi, %edi
    mov $8, %esi
    hcall 0
"""
QUICK, SPIN = struct.pack("<Q", 0), struct.pack("<Q", 1)


def timed_out_after(v: Virtine) -> float:
    start = time.monotonic()
    with pytest.raises(VirtineTimeout):
        v.call(SPIN)
    return time.monotonic() - start


def test_a_short_deadline_is_kept_while_a_long_one_runs(kvm):
    # The watchdog sleeps until the earliest deadline it knows: a call with a later
    # start and an earlier deadline must wake it.
    with Virtine(asm_image(SPIN_OR_RETURN), timeout=3.0) as slow, \
            Virtine(asm_image(SPIN_OR_RETURN), timeout=0.2) as fast:
        waited = {}
        t = threading.Thread(target=lambda: waited.update(slow=timed_out_after(slow)))
        t.start()
        time.sleep(0.3)  # the slow call's deadline is the watchdog's plan now
        waited["fast"] = timed_out_after(fast)
        t.join()
    assert 0.2 <= waited["fast"] < 1.0
    assert 3.0 <= waited["slow"] < 5.0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_deadlines_hold_in_a_forked_child(kvm):
    with Virtine(asm_image(SPIN_OR_RETURN), timeout=0.2) as v:
        timed_out_after(v)  # the parent's watchdog is running at the fork
        pid = os.fork()
        if pid == 0:  # the child has no watchdog thread until it needs one
            code = 1
            try:
                with Virtine(asm_image(SPIN_OR_RETURN), timeout=0.2) as child:
                    code = 0 if 0.2 <= timed_out_after(child) < 2 else 2
                    code = code or (3 if child.call(QUICK).result[:1] != b"\x07" else 0)
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0


# Spins for as many iterations as the argument says, then returns 7.
COUNT_DOWN = """
    hcall 13
    mov ARGAREA, %rcx
    test %rcx, %rcx
    jz 2f
1:  dec %rcx
    jnz 1b
2:  movq $7, ARGAREA
    xor %edi, %edi
    mov $8, %esi
    hcall 0
"""


def test_deadlines_at_the_edge_of_a_call_never_leak_into_the_next(kvm):
    # Calls about as long as their deadline: some time out, some do not, and the
    # watchdog's signal may land after the call it was meant for. Every call must
    # either return its result or time out, and the next call (no deadline pressure)
    # must be untouched.
    timeout = 0.003
    with Virtine(asm_image(COUNT_DOWN), timeout=timeout) as edgy, \
            Virtine(asm_image(COUNT_DOWN), timeout=5.0) as calm:
        start = time.monotonic()
        calm.call(struct.pack("<Q", 10**7))
        per_iteration = (time.monotonic() - start) / 10**7
        edge = int(timeout / per_iteration)
        outcomes = {"ok": 0, "timeout": 0}
        for i in range(600):
            try:
                n = edge * (50 + i % 151) // 100  # 0.5x to 2x the deadline
                assert edgy.call(struct.pack("<Q", n)).result[:1] == b"\x07"
                outcomes["ok"] += 1
            except VirtineTimeout:
                outcomes["timeout"] += 1
            assert calm.call(QUICK).result[:1] == b"\x07"
    assert outcomes["ok"] and outcomes["timeout"], outcomes
