"""A hostile or broken guest gets a typed error with the reason; the host and the pool
survive it."""
from __future__ import annotations

import struct
import time

import pytest

from support.asm_guests import LOAD, asm_image
from pyvirtine.errors import VirtineCrash, VirtinePolicyError, VirtineTimeout
from pyvirtine.runtime import Virtine

OK = "    mov $42, %edi\n    xor %esi, %esi\n    hcall 0\n"


def crashing(code: str, when_arg: str = "") -> str:
    """A guest that runs ``code`` when the argument u64 is 1 and exits 42 otherwise."""
    return f"""
    hcall 13
    cmpq $1, ARGAREA
    jne ok
{code}
ok:
{OK}"""


@pytest.mark.parametrize("code, reason", [
    ("    movq $1, 0", r"page fault \(#PF\) at rip 0x[0-9a-f]+: write of address 0x0"),
    ("    mov (0x8), %rax", r"page fault \(#PF\).*read of address 0x8"),
    (f"    movq $1, {LOAD}", r"page fault \(#PF\).*write of address 0x10000"),
    ("    mov $0x3000, %eax\n    movq $1, (%rax)", r"page fault.*write of address 0x3000"),
    ("    mov $0x1000, %eax\n    mov (%rax), %rax", r"page fault.*read of address 0x1000"),
    ("    mov $0x100000000, %rax\n    jmp *%rax", r"page fault.*instruction fetch"),
    ("    ud2", r"invalid opcode \(#UD\)"),
    ("    hlt", r"general protection fault \(#GP\)"),
    ("    mov %rax, %cr3", r"general protection fault \(#GP\)"),
    ("    xor %ecx, %ecx\n    xor %eax, %eax\n    div %ecx", r"divide error \(#DE\)"),
    ("    mov $0x80, %dx\n    out %al, %dx", r"general protection|not a hypercall port"),
    ("    int $0x80", r"general protection fault|invalid opcode"),  # kvm-pvm: #UD
    ("    lgdt 0x1080", r"general protection fault"),
    ("    mov $HEAP_END+4096, %rsp\n    push %rax", r"page fault.*write"),  # stack overflow
])
def test_guest_faults_are_contained(kvm, code, reason):
    with Virtine(asm_image(crashing(code))) as v:
        with pytest.raises(VirtineCrash, match=reason) as info:
            v.call(struct.pack("<Q", 1))
        assert info.value.registers["rip"] >= LOAD
        assert v.call(struct.pack("<Q", 0)).status == 42  # the pool is healthy
        stats = v.stats()
        assert stats.vms_discarded == 1 and stats.vms_created == 2


def test_crash_report_carries_registers_and_source_location(kvm):
    code = "    movabs $0x1122334455667788, %rbx\nfault:\n    movq $1, 0"
    image = asm_image(crashing(code), debug={"lines": [[LOAD, "boot.s", 1, "boot"]]})
    with Virtine(image) as v:
        with pytest.raises(VirtineCrash) as info:
            v.call(struct.pack("<Q", 1))
    crash = info.value
    assert crash.registers["rbx"] == 0x1122334455667788
    assert crash.registers["vector"] == 14 and crash.registers["cr2"] == 0
    assert crash.location == "boot.s:1 in boot"
    assert "boot.s:1 in boot" in str(crash)


def test_infinite_loop_times_out_and_pool_recovers(kvm):
    with Virtine(asm_image(crashing("1:  jmp 1b")), timeout=0.2) as v:
        start = time.monotonic()
        with pytest.raises(VirtineTimeout, match="timeout"):
            v.call(struct.pack("<Q", 1))
        assert 0.2 <= time.monotonic() - start < 2
        assert v.call(struct.pack("<Q", 0)).status == 42


def test_timeout_also_stops_a_guest_spinning_in_hypercalls(kvm):
    with Virtine(asm_image(crashing("1:  hcall 12\n    jmp 1b")), timeout=0.2,
                 allow=["isatty"]) as v:
        with pytest.raises(VirtineTimeout):
            v.call(struct.pack("<Q", 1))


def test_timeout_before_the_snapshot_point_fails_the_boot(kvm):
    with pytest.raises(VirtineTimeout, match=r"its 0\.1 s timeout.*before the snapshot point"):
        Virtine(asm_image("1: jmp 1b"), timeout=0.01, init_timeout=0.1)


# Spins about 50 ms before its snapshot, then every call returns at once.
SLOW_INIT = """
    mov $0x7fffffff, %ecx
    rdtsc
    mov %eax, %ebx
1:  rdtsc
    sub %ebx, %eax
    cmp $100000000, %eax
    jb 1b
    hcall 13
    xor %edi, %edi
    xor %esi, %esi
    hcall 0
"""


def test_a_call_timeout_does_not_bound_the_initialisation(kvm):
    with Virtine(asm_image(SLOW_INIT), timeout=0.005) as v:  # the boot takes ~50 ms
        assert v.call(b"").status == 0


def test_exit_with_oversized_result_is_a_crash(kvm):
    code = "    xor %edi, %edi\n    mov $0x7fffffff, %esi\n    hcall 0"
    with Virtine(asm_image(crashing(code))) as v:
        with pytest.raises(VirtineCrash, match="exceeds the argument area"):
            v.call(struct.pack("<Q", 1))
        assert v.call(struct.pack("<Q", 0)).status == 42


@pytest.mark.parametrize("buf, length", [
    (0, 16), (0x1000, 16), (0xFFFFFFFFFFFFFFF0, 0x20), (0x10000, 0xFFFFFFFFFFFFFFFF),
    (0x7FFFFFFF, 0x7FFFFFFF)])
def test_bad_pointers_in_hypercalls_are_refused(kvm, buf, length):
    """write() and read() with pointers outside the guest (or wrapping) return -EFAULT."""
    code = f"""
    mov $1, %edi
    movabs ${buf}, %rsi
    movabs ${length}, %rdx
    hcall 10
    mov %rax, ARGAREA
    xor %edi, %edi
    movabs ${buf}, %rsi
    movabs ${length}, %rdx
    hcall 6
    mov %rax, ARGAREA+8
    xor %edi, %edi
    mov $16, %esi
    hcall 0"""
    with Virtine(asm_image(crashing(code)), allow=["write", "read"]) as v:
        r = v.call(struct.pack("<Q", 1), input=b"x" * 64)
    assert struct.unpack("<qq", r.result) == (-14, -14)
    assert r.stdout == b""


def test_read_into_code_is_refused(kvm):
    code = f"""
    xor %edi, %edi
    mov ${LOAD}, %esi
    mov $4, %edx
    hcall 6
    mov %rax, ARGAREA
    xor %edi, %edi
    mov $8, %esi
    hcall 0"""
    with Virtine(asm_image(crashing(code)), allow=["read"]) as v:
        assert struct.unpack("<q", v.call(struct.pack("<Q", 1), input=b"\xcc" * 4).result) == (-14,)


def test_unknown_hypercall_number_is_denied(kvm):
    with Virtine(asm_image(crashing("    hcall 99")), allow=0xFFFF) as v:
        with pytest.raises(VirtinePolicyError, match="99"):
            v.call(struct.pack("<Q", 1))
