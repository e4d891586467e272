"""Nothing a call leaves in the CPU reaches the next call on the same VM: for each class
of register guest ring 3 can write on this host, call N writes a marker and call N+1
reads the register back, which must hold its initial value. Each probe also reads the
marker back within the writing call, so it is known to see what it checks. Classes the
host's CPU (or backend) does not give guest ring 3 are skipped, saying so."""
from __future__ import annotations

import struct
from typing import NamedTuple, Optional

import pytest

from support.asm_guests import asm_image
from support.kvm import HOST
from pyvirtine.runtime import Virtine


class Probe(NamedTuple):
    write: str           # ring-3 assembly that plants a marker
    read: str            # assembly leaving the register's value in %rdi
    initial: int         # what every call must start with
    needs: Optional[str] = None  # a HostInfo.guest_features name


# Argument 1: write the marker and exit; 2: write it, then read; 0: read only. The
# value read is the exit status.
def _guest(probe: Probe) -> str:
    return f"""
    hcall 13
    mov ARGAREA, %rax
    cmp $1, %rax
    jne 1f
{probe.write}
    xor %edi, %edi
    jmp 3f
1:  test %rax, %rax
    jz 2f
{probe.write}
2:
{probe.read}
3:  xor %esi, %esi
    hcall 0
    .balign 64
tilecfg:                        # palette 1, tmm0 of 1 row x 64 bytes
    .byte 1, 0
    .fill 14, 1, 0
    .word 64
    .fill 30, 1, 0
    .byte 1
    .fill 15, 1, 0
"""


_STACK_READ = "sub $64, %rsp\n    {op} (%rsp)\n    mov (%rsp), {reg}\n    add $64, %rsp"

PROBES = {
    "general registers": Probe(
        "mov $0x5ec1, %r12\n    mov $0x5ec2, %rbp", "mov %r12, %rdi\n    or %rbp, %rdi", 0),
    "flags DF and AC": Probe(
        "pushf\n    orq $0x40400, (%rsp)\n    popf",
        "pushf\n    pop %rdi\n    and $0x40400, %rdi", 0),
    "x87 control word": Probe(
        "sub $8, %rsp\n    movw $0x27f, (%rsp)\n    fldcw (%rsp)\n    add $8, %rsp",
        "sub $8, %rsp\n    movq $0, (%rsp)\n    fnstcw (%rsp)\n    mov (%rsp), %rdi\n"
        "    add $8, %rsp", 0x37f),
    "x87 register stack": Probe(
        "fld1\n    fldpi",
        "fnstsw %ax\n    movzwl %ax, %edi\n    shr $11, %edi\n    and $7, %edi", 0),
    "MXCSR": Probe(
        "sub $8, %rsp\n    movl $0x7fc0, (%rsp)\n    ldmxcsr (%rsp)\n    add $8, %rsp",
        "sub $8, %rsp\n    stmxcsr (%rsp)\n    mov (%rsp), %edi\n    add $8, %rsp", 0x1f80),
    "xmm registers": Probe(
        "mov $0x5ec, %eax\n    movq %rax, %xmm9", "movq %xmm9, %rdi", 0),
    "ymm upper halves": Probe(
        "mov $0x5ec, %eax\n    movq %rax, %xmm0\n    vpbroadcastq %xmm0, %ymm12",
        "vextracti128 $1, %ymm12, %xmm0\n    movq %xmm0, %rdi", 0),
    "zmm upper halves": Probe(
        "mov $0x5ec, %eax\n    vpbroadcastd %eax, %zmm3",
        "vextracti32x4 $3, %zmm3, %xmm0\n    vmovd %xmm0, %edi", 0, "AVX-512"),
    "zmm16-31": Probe(
        "mov $0x5ec, %eax\n    vpbroadcastd %eax, %zmm29", "vmovd %xmm29, %edi", 0, "AVX-512"),
    "opmask k0-7": Probe(
        "mov $0x5ec, %eax\n    kmovw %eax, %k6", "kmovw %k6, %edi", 0, "AVX-512"),
    "AMX tile configuration": Probe(
        "lea tilecfg(%rip), %rax\n    ldtilecfg (%rax)\n    tilezero %tmm0",
        _STACK_READ.format(op="sttilecfg", reg="%rdi") + "\n    and $0xff, %edi", 0, "AMX"),
    "PKRU": Probe(
        "xor %ecx, %ecx\n    xor %edx, %edx\n    mov $0xc, %eax\n    wrpkru",
        "xor %ecx, %ecx\n    rdpkru\n    mov %eax, %edi", 0, "PKRU"),
    "FS base": Probe(
        "mov $0x5ec0000, %rax\n    wrfsbase %rax", "rdfsbase %rdi", 0, "FSGSBASE"),
    "GS base": Probe(
        "mov $0x5ec0000, %rax\n    wrgsbase %rax", "rdgsbase %rdi", 0, "FSGSBASE"),
    "FS and GS selectors": Probe(
        "mov $3, %eax\n    mov %eax, %fs\n    mov %eax, %gs",
        "mov %fs, %edi\n    mov %gs, %eax\n    shl $16, %eax\n    or %eax, %edi", 0),
    "DS and ES selectors": Probe(
        "mov $3, %eax\n    mov %eax, %ds\n    mov %eax, %es",
        "mov %ds, %edi\n    mov %es, %eax\n    shl $16, %eax\n    or %eax, %edi", 0),
}


def _call(v: Virtine, mode: int) -> int:
    return v.call(struct.pack("<Q", mode)).status & 0xFFFF_FFFF_FFFF_FFFF


@pytest.mark.parametrize("boot", ["direct", "stub"])
@pytest.mark.parametrize("name", list(PROBES))
def test_no_register_crosses_to_the_next_call(kvm, name: str, boot: str) -> None:
    probe = PROBES[name]
    if probe.needs and probe.needs not in HOST.guest_features:
        pytest.skip(f"{name}: guest ring 3 has no {probe.needs} on this host ({HOST.cpu}, "
                    f"{HOST.backend.split(' (')[0]})")
    with Virtine(asm_image(_guest(probe)), boot=boot) as v:
        assert _call(v, 0) == probe.initial, "a fresh call does not start from the initial value"
        within = _call(v, 2)
        if within == probe.initial:
            pytest.skip(f"{name}: ring 3 cannot change it on this backend "
                        f"({HOST.backend.split(' (')[0]})")
        for _ in range(3):
            assert _call(v, 1) == 0
            assert _call(v, 0) == probe.initial, f"{name} written by one call seen by the next"
        assert v.stats().vms_created == 1  # every call ran on the VM the marker was left in


FS_BEFORE_SNAPSHOT = """
    mov $0x7000, %rax
    wrfsbase %rax
    hcall 13
    mov ARGAREA, %rax
    test %rax, %rax
    jz 1f
    mov $0x1234, %rax
    wrfsbase %rax
1:  rdfsbase %rdi
    xor %esi, %esi
    hcall 0
"""


@pytest.mark.parametrize("boot", ["direct", "stub"])
def test_fs_base_set_before_the_snapshot_is_what_every_call_starts_with(kvm, boot: str) -> None:
    if "FSGSBASE" not in HOST.guest_features:
        pytest.skip(f"guest ring 3 has no FSGSBASE on this host ({HOST.cpu})")
    with Virtine(asm_image(FS_BEFORE_SNAPSHOT), boot=boot) as v:
        seen = [_call(v, mode) for mode in (0, 1, 0, 1, 0)]
    assert seen == [0x7000, 0x1234, 0x7000, 0x1234, 0x7000]


def test_the_host_report_names_what_is_reset(kvm) -> None:
    report = "\n".join(HOST.report())
    assert HOST.cpu in report and "each call:" in report
    assert ("XSAVE component" in report) == (HOST.xcr0 != 0)
    assert ("FS/GS base" in report) == ("FSGSBASE" in HOST.guest_features)
    assert HOST.verdict() == "virtines run on this host."
