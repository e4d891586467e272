"""Whether virtines can run on this machine (used by the `kvm` fixture in conftest): the
launcher's own probe, which opens /dev/kvm and checks what the CPU and KVM offer."""
from __future__ import annotations

from pyvirtine.host import host_info

HOST = host_info()
KVM_MISSING = None if HOST.runs_virtines else HOST.verdict()
