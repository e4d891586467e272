"""No byte written by one call is observable by the next: memory (guest- and
host-written, near and far), vector registers and general registers."""
from __future__ import annotations

import struct

import pytest

from support.asm_guests import asm_image
from pyvirtine.image import PAGE
from pyvirtine.runtime import Virtine

SECRET = 0x5EC12E7_5EC12E7
MEM = 8 << 20  # several 2 MiB regions, so far pages live under other page directories

# Mode 1 (argument u64 = 1): plant SECRET in data, the far heap, the stack, the argument
# area, xmm/ymm registers and r15, and read the call's input into data.
# Mode 0: count the 8-byte words equal to SECRET in all writable memory, check the
# vector registers and r15 are clean, and return the count (status = count).
PROBE = f"""
    hcall 13
    mov ARGAREA, %rax
    test %rax, %rax
    jz scan
    movabs ${SECRET}, %rax
    mov %rax, DATA
    mov %rax, DATA+{3 * PAGE}
    mov %rax, HEAP_END-8
    mov %rax, HEAP_END-{3 << 20}
    push %rax
    mov %rax, ARGAREA+8
    movq %rax, %xmm3
    vpbroadcastq %xmm3, %ymm7
    movq %rax, %xmm15
    mov %rax, %r15
    mov $0, %edi
    mov $DATA+{5 * PAGE}, %esi
    mov $64, %edx
    hcall 6
    xor %edi, %edi
    xor %esi, %esi
    hcall 0
scan:
    movabs ${SECRET}, %rax
    xor %ebx, %ebx
    mov $DATA, %rcx
1:  cmp %rax, (%rcx)
    jne 2f
    inc %rbx
2:  add $8, %rcx
    cmp $HEAP_END, %rcx
    jne 3f
    add $4096, %rcx         # the stack guard page
3:  cmp $ARGAREA+0x10000, %rcx
    jb 1b
    movq %xmm3, %rdx
    or %rdx, %rbx
    vextracti128 $1, %ymm7, %xmm0
    movq %xmm0, %rdx
    or %rdx, %rbx
    movq %xmm15, %rdx
    or %rdx, %rbx
    or %r15, %rbx
    mov %rbx, %rdi
    xor %esi, %esi
    hcall 0
"""


@pytest.fixture(params=["direct", "stub"])
def probe(request, kvm):
    image = asm_image(PROBE, mem=MEM, payload_data=b"\0" * (6 * PAGE))
    with Virtine(image, boot=request.param, allow=["read"]) as v:
        yield v


def plant(v: Virtine) -> None:
    assert v.call(struct.pack("<Q", 1), input=struct.pack("<Q", SECRET) * 8).status == 0


def leaked(v: Virtine) -> int:
    return v.call(struct.pack("<Q", 0)).status


def test_planting_is_visible_within_a_call(kvm):
    """The probe does find secrets when they are there (so the test can fail)."""
    secret_page = struct.pack("<Q", SECRET) * (PAGE // 8)
    image = asm_image(PROBE, mem=MEM, payload_data=b"\0" * PAGE + secret_page)
    with Virtine(image) as v:
        assert leaked(v) == PAGE // 8


def test_secret_from_one_call_is_absent_in_the_next(probe):
    for _ in range(3):
        plant(probe)
        assert leaked(probe) == 0


def test_secrets_do_not_survive_on_any_pooled_vm(kvm):
    image = asm_image(PROBE, mem=MEM, payload_data=b"\0" * (6 * PAGE))
    with Virtine(image, pool_size=3, allow=["read"]) as v:
        for _ in range(6):
            plant(v)
        for _ in range(6):
            assert leaked(v) == 0
        assert v.stats().vms_created == 3


def test_restore_costs_what_was_dirtied_not_memory_size(kvm):
    image = asm_image(PROBE, mem=MEM, payload_data=b"\0" * (6 * PAGE))
    with Virtine(image, allow=["read"]) as v:
        leaked(v)
        small = v.stats().pages_restored
        assert small <= 4, small  # argument page and stack page, not 2000 pages of memory


def test_pages_written_before_the_snapshot_are_not_reset_after_every_call(kvm):
    """Boot's writes are the snapshot itself: once they have been put back, the VM that
    booted must not keep putting them back as if each call had written them."""
    boot_writes = "\n".join(f"    movq $1, DATA+{i * PAGE}" for i in range(100))
    image = asm_image(f"{boot_writes}\n    hcall 13\n    xor %edi, %edi\n    xor %esi, %esi\n"
                      "    hcall 0\n", mem=4 << 20, payload_data=b"\0" * (100 * PAGE))
    with Virtine(image) as v:
        assert v.call(b"").status == 0
        assert v.stats().pages_restored >= 100  # the first reset: boot's pages, once
        for _ in range(3):
            assert v.call(b"").status == 0
            assert v.stats().pages_restored <= 1  # at most the stack page
        assert v.stats().vms_created == 1


# Argument u64 n: write SECRET into the first word of n pages of DATA; n = ~0: count the
# SECRET words in 256 pages of DATA instead and exit with the count as status.
WRITER = f"""
    hcall 13
    mov ARGAREA, %rcx
    mov $DATA, %rdx
    movabs ${SECRET}, %rax
    xor %edi, %edi
    cmp $-1, %rcx
    je 3f
1:  test %rcx, %rcx
    jz 2f
    mov %rax, (%rdx)
    add ${PAGE}, %rdx
    dec %rcx
    jmp 1b
3:  mov $256, %ecx
4:  cmp %rax, (%rdx)
    jne 5f
    inc %rdi
5:  add ${PAGE}, %rdx
    dec %rcx
    jnz 4b
2:  xor %esi, %esi
    hcall 0
"""


def _writer(v: Virtine, pages: int) -> int:
    return v.call(struct.pack("<q", pages)).status


def test_one_big_call_does_not_make_every_later_call_slow(kvm):
    """Dirty bits are sticky: after a call that wrote 200 pages, the VM maps the
    snapshot afresh rather than copying 200 pages back before every later call."""
    image = asm_image(WRITER, mem=4 << 20, payload_data=b"\0" * (256 * PAGE))
    with Virtine(image) as v:
        assert _writer(v, 200) == 0
        assert _writer(v, 0) == 0
        assert v.stats().pages_restored >= 200  # what the big call left, put back once
        for _ in range(3):
            assert _writer(v, 1) == 0
            assert v.stats().pages_restored <= 4
        assert v.stats().vms_created == 1


def test_remapping_and_backing_off_keep_calls_isolated(kvm):
    image = asm_image(WRITER, mem=4 << 20, payload_data=b"\0" * (256 * PAGE))
    with Virtine(image) as v:
        assert _writer(v, -1) == 0
        for pattern in ([200], [200, 200, 200, 200], [1, 200, 3]):
            for n in pattern:  # big writes in a row: the VM stops remapping
                assert _writer(v, n) == 0
            assert _writer(v, -1) == 0
        assert v.stats().vms_created == 1
