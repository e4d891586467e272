"""Virtines used before ``fork()`` keep working in the child (KVM VMs belong to the
process that made them: the child needs pools of its own) and in the parent."""
from __future__ import annotations

import json
import multiprocessing
import os
import struct
from typing import Callable

import pytest

import pyvirtine
from pyvirtine import virtine
from pyvirtine.runtime import Virtine
from support.asm_guests import INCREMENT, asm_image

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

SOURCE = """
#include <stddef.h>
#include <virtine.h>
struct pair { long a, b; };
virtine long add(long a, long b) { return a + b; }
virtine size_t count(const unsigned char *d VIRTINE_IN(n), size_t n, int b) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += d[i] == b;
    return c;
}
virtine long total(struct pair p) { return p.a + p.b; }
"""


@virtine
def scale(x: int, factor: int) -> int:
    """
    int scale(int x, int factor) { return x * factor; }
    """


def in_child(work: Callable[[], object]) -> object:
    """What ``work()`` returns in a forked child (or the error it raised, as text)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read_end)
            try:
                outcome = {"value": work()}
            except Exception as e:
                outcome = {"error": repr(e)}
            os.write(write_end, json.dumps(outcome).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as f:
        outcome = json.loads(f.read() or b'{"error": "the child wrote nothing"}')
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return outcome


def uses(mod) -> list:
    # The numbers-only path (C), the buffer path, the general packer (a struct).
    return [mod.add(2, 3), mod.count(b"banana", ord("a")), mod.total({"a": 4, "b": 5}),
            scale(6, 7)]


def test_loaded_and_decorated_functions_work_in_a_forked_child(kvm):
    with pyvirtine.load(source=SOURCE) as mod:
        assert uses(mod) == [5, 3, 9, 42]  # every path has its pool and prepared call
        assert in_child(lambda: uses(mod)) == {"value": [5, 3, 9, 42]}
        assert in_child(lambda: [uses(mod), uses(mod)]) == {"value": [[5, 3, 9, 42]] * 2}
        assert uses(mod) == [5, 3, 9, 42]  # the parent's pools are untouched


def test_a_virtine_works_in_a_forked_child(kvm):
    with Virtine(asm_image(INCREMENT)) as v:
        def call(n: int) -> int:
            return struct.unpack("<Q", v.call(struct.pack("<Q", n)).result)[0]
        assert call(1) == 2
        assert in_child(lambda: [call(10), v.stats().calls]) == {"value": [11, 1]}
        assert call(2) == 3 and v.stats().calls == 2
    # Closed before the fork: closed in the child too.
    assert "closed" in in_child(lambda: call(3))["error"]


_shared = {}


def _add_in_worker(n: int) -> object:
    try:
        return _shared["mod"].add(n, 100) + scale(n, 2)
    except Exception as e:  # as text: not every exception survives the trip back
        return repr(e)


def test_multiprocessing_fork_workers_call_the_parents_functions(kvm):
    with pyvirtine.load(source=SOURCE) as mod:
        _shared["mod"] = mod
        assert mod.add(1, 1) == 2 and scale(1, 1) == 1  # pools made before the workers fork
        with multiprocessing.get_context("fork").Pool(2) as pool:
            assert pool.map(_add_in_worker, range(8)) == [n + 100 + 2 * n for n in range(8)]
        assert mod.add(1, 2) == 3
