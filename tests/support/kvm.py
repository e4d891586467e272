"""Whether virtines can run on this machine (used by the `kvm` fixture in conftest)."""
from __future__ import annotations

import fcntl
import os

KVM_GET_API_VERSION = 0xAE00


def _kvm_missing() -> str | None:
    """Why virtines cannot run here, or None. Opens /dev/kvm and asks it, so a missing
    device, a denied one and something else mounted there all count."""
    try:
        fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    except OSError as error:
        return f"/dev/kvm is not available ({error.strerror}): virtines cannot run here"
    try:
        if fcntl.ioctl(fd, KVM_GET_API_VERSION) != 12:
            return "/dev/kvm speaks an unknown KVM API version"
    except OSError:
        return "/dev/kvm is not a KVM device: virtines cannot run here"
    finally:
        os.close(fd)
    return None


KVM_MISSING = _kvm_missing()
