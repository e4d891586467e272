"""Random guest code and random hypercall arguments never harm the host: every call
ends in a result or a typed VirtineError, and the pool keeps serving calls."""
from __future__ import annotations

import struct

from hypothesis import HealthCheck, given, settings, strategies as st

from support.asm_guests import asm_image
from pyvirtine.errors import VirtineError
from pyvirtine.image import HCALLS
from pyvirtine.runtime import Virtine

ALL_HYPERCALLS = (1 << len(HCALLS)) - 1


def survives(v: Virtine) -> None:
    """One call of the probe path (argument 0) still returns normally."""
    assert v.call(struct.pack("<Q", 0)).status == 42


def guest(code: str) -> str:
    return f"""
    hcall 13
    cmpq $0, ARGAREA
    jne 1f
    mov $42, %edi
    xor %esi, %esi
    hcall 0
1:
{code}
"""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=1, max_size=64))
def test_random_instructions(kvm, code):
    body = ".byte " + ", ".join(str(b) for b in code) + "\n    hcall 0"
    with Virtine(asm_image(guest(body)), timeout=0.05, allow=ALL_HYPERCALLS) as v:
        try:
            v.call(struct.pack("<Q", 1), input=b"input")
        except VirtineError:
            pass
        survives(v)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32 - 1), st.lists(st.integers(0, 2**64 - 1), min_size=3, max_size=3))
def test_random_hypercalls(kvm, number, registers):
    rdi, rsi, rdx = registers
    body = (f"    movabs ${rdi}, %rdi\n    movabs ${rsi}, %rsi\n    movabs ${rdx}, %rdx\n"
            f"    mov ${number}, %eax\n    out %eax, $0xf0\n    xor %edi, %edi\n"
            "    xor %esi, %esi\n    hcall 0")
    with Virtine(asm_image(guest(body)), timeout=0.5, allow=ALL_HYPERCALLS) as v:
        try:
            v.call(struct.pack("<Q", 1), input=b"x" * 100)
        except VirtineError:
            pass
        survives(v)
