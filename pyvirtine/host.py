"""What this host offers virtines, and what pyvirtine does on it: the launcher's own
probe (``vt_host_info``), read by ``pyvirtine doctor`` and the test summary."""
from __future__ import annotations

import dataclasses
import functools

from .hypervisor._launcher import ffi, lib

BACKENDS = {
    lib.VT_BACKEND_VMX: "hardware (Intel VT-x, kvm_intel)",
    lib.VT_BACKEND_SVM: "hardware (AMD-V, kvm_amd)",
    lib.VT_BACKEND_PVM: "kvm-pvm (paravirtual: guest ring 3 runs natively on the host's CPU "
                        "state, guest ring 0 is emulated)",
    lib.VT_BACKEND_UNKNOWN: "unknown (no kvm_intel, kvm_amd or kvm_pvm module seen: "
                            "pyvirtine assumes hardware virtualisation)",
}
# XSAVE state components by XCR0 bit (Intel SDM vol. 1, 13.1).
XSAVE_COMPONENTS = {0: "x87", 1: "SSE", 2: "AVX", 3: "MPX-BNDREGS", 4: "MPX-BNDCSR",
                    5: "opmask", 6: "ZMM_Hi256", 7: "Hi16_ZMM", 9: "PKRU", 17: "TILECFG",
                    18: "TILEDATA"}
GUEST_FEATURES = {lib.VT_GUEST_AVX512: "AVX-512", lib.VT_GUEST_AMX: "AMX",
                  lib.VT_GUEST_PKRU: "PKRU", lib.VT_GUEST_FSGSBASE: "FSGSBASE",
                  lib.VT_GUEST_RDRAND: "RDRAND", lib.VT_GUEST_X86_64_V2: "x86-64-v2"}
RESETS = {lib.VT_RESET_XSAVE: "every XSAVE component in XCR0 (one XRSTOR)",
          lib.VT_RESET_FXSAVE: "x87 and SSE (FXRSTOR: this CPU has no XSAVE)",
          lib.VT_RESET_FSGSBASE: "FS/GS base (ring 3 can write them here)",
          lib.VT_RESET_SELECTORS: "data segment selectors"}


@dataclasses.dataclass(frozen=True)
class HostInfo:
    cpu: str
    backend: str
    usable: bool
    problem: str
    xcr0: int
    xsave_size: int
    resets: tuple[str, ...]
    guest_features: frozenset[str]  # what guest ring 3 can use: GUEST_FEATURES' names

    @property
    def xsave_components(self) -> list[str]:
        return [name for bit, name in XSAVE_COMPONENTS.items() if self.xcr0 >> bit & 1]

    @property
    def runs_virtines(self) -> bool:
        return self.usable and "x86-64-v2" in self.guest_features

    def verdict(self) -> str:
        """One sentence: whether virtines run here, and if not, why."""
        if not self.usable:
            return f"virtines cannot run on this host: {self.problem}."
        if not self.runs_virtines:
            return ("virtines cannot run on this host: this CPU lacks x86-64-v2 (SSE4.2, "
                    "SSSE3, POPCNT), which every image pyvirtine builds needs.")
        return "virtines run on this host."

    def report(self) -> list[str]:
        """What ``pyvirtine doctor`` prints: the host, then what each call does on it."""
        lines = [f"CPU:        {self.cpu or 'unknown'}", f"KVM:        {self.backend}"]
        if self.usable:
            features = " ".join(sorted(self.guest_features)) or "none of note"
            lines += [
                f"XSAVE:      XCR0 {self.xcr0:#x} ({' '.join(self.xsave_components)}), "
                f"reset from a {self.xsave_size}-byte area",
                f"guest CPU:  {features}",
                "each call:  runs at CPL3 from the snapshot; puts back the pages the last "
                "call dirtied, general registers and flags (SYNC_REGS, no ioctl), "
                + ", ".join(self.resets) + " (ring-3 code, no VM exit)",
                "entropy:    " + ("RDRAND, no VM exit" if "RDRAND" in self.guest_features
                                  else "the random hypercall, one VM exit per 256 bytes"),
            ]
        return lines + [self.verdict()]


@functools.lru_cache(maxsize=None)
def host_info() -> HostInfo:
    """The launcher's probe of this host (made once per process)."""
    info = ffi.new("struct vt_host_info *")
    lib.vt_host_info(info)
    return HostInfo(
        cpu=ffi.string(info.cpu).decode(errors="replace").strip(),
        backend=BACKENDS.get(info.backend, BACKENDS[lib.VT_BACKEND_UNKNOWN]),
        usable=bool(info.usable), problem=ffi.string(info.problem).decode(errors="replace"),
        xcr0=info.xcr0, xsave_size=info.xsave_size,
        resets=tuple(text for bit, text in RESETS.items() if info.resets & bit),
        guest_features=frozenset(name for bit, name in GUEST_FEATURES.items()
                                 if info.guest & bit))
