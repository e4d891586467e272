"""A failed call's exception kept in a reference cycle (as a Dask worker keeps a task's
error) is collected like any other: the host process does not crash."""
from __future__ import annotations

import subprocess
import sys

SCRIPT = '''
import gc
from pyvirtine import VirtineCrash, virtine

@virtine(memory="2M", source="""
#include <stddef.h>
#include <stdint.h>
int fault(const unsigned char *data VIRTINE_IN(n), size_t n) {
    return n ? *(volatile int *)(uintptr_t)0xdead0000 : 0;
}
""")
def fault(data): ...

def failed_call():
    try:
        fault(memoryview(bytearray(b"data")))
    except VirtineCrash as error:
        held = {"error": error}  # this frame is in the error's traceback: a cycle
        return held

held = failed_call()
del held
gc.collect()
print("collected")
'''


def test_failed_buffer_call_in_a_cycle_is_collected(kvm):
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, timeout=120)
    assert (run.returncode, run.stdout) == (0, b"collected\n"), run.stderr.decode()[-2000:]
