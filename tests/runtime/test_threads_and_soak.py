"""Parallel calls from Python threads, and many calls without leaking fds or memory."""
from __future__ import annotations

import os
import struct
import threading
import time

import pytest

from support.asm_guests import asm_image
from pyvirtine.errors import VirtineCrash, VirtineError, VirtineTimeout
from pyvirtine.hypervisor import _pycall
from pyvirtine.runtime import Virtine

# Returns argument * 3; argument 1 crashes; argument 2 loops forever.
TRIPLE = """
    hcall 13
    mov ARGAREA, %rax
    cmp $1, %rax
    jne 1f
    movq $0, 0
1:  cmp $2, %rax
    jne 2f
3:  jmp 3b
2:  lea (%rax,%rax,2), %rax
    mov %rax, ARGAREA
    xor %edi, %edi
    mov $8, %esi
    hcall 0
"""


def call(v: Virtine, n: int) -> int:
    return struct.unpack("<Q", v.call(struct.pack("<Q", n)).result)[0]


def test_threads_share_a_pool_and_get_their_own_results(kvm):
    errors = []
    with Virtine(asm_image(TRIPLE), pool_size=2) as v:
        def worker(base: int) -> None:
            try:
                for i in range(300):
                    n = base + 10 * i
                    assert call(v, n) == 3 * n
            except Exception as exc:  # surfaced below
                errors.append(exc)
        threads = [threading.Thread(target=worker, args=(k * 1_000_000 + 3,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        stats = v.stats()
        assert stats.calls == 1200 and stats.vms_discarded == 0
        assert 2 <= stats.vms_created <= 4  # grows only to the concurrency it saw


def test_many_more_threads_than_cpus_all_finish(kvm):
    # Returning callers wait on the CPU for one another (handoff.c): with 80 threads on
    # a few CPUs, none may starve or hang, and finished threads' records are reused.
    results: dict[int, list[int]] = {}
    with Virtine(asm_image(TRIPLE), pool_size=2) as v:
        def worker(k: int) -> None:
            results[k] = [call(v, k * 100 + i + 3) for i in range(20)]
        for wave in range(2):  # the second wave reuses the slots the first left behind
            threads = [threading.Thread(target=worker, args=(wave * 80 + k,)) for k in range(80)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            assert not any(t.is_alive() for t in threads)
    assert results == {k: [3 * (k * 100 + i + 3) for i in range(20)] for k in range(160)}


def test_timeouts_in_threads_hit_only_their_own_call(kvm):
    outcomes = {}
    with Virtine(asm_image(TRIPLE), timeout=0.3) as v:
        def slow() -> None:
            try:
                call(v, 2)
            except VirtineTimeout:
                outcomes["slow"] = "timeout"
        def fast() -> None:
            outcomes["fast"] = [call(v, 5) for _ in range(200)]
        threads = [threading.Thread(target=slow), threading.Thread(target=fast)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert outcomes == {"slow": "timeout", "fast": [15] * 200}


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_kib() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))


def test_ten_thousand_calls_leak_no_fds_or_memory(kvm):
    with Virtine(asm_image(TRIPLE), timeout=0.05) as v:
        for i in range(500):
            call(v, i + 3)
        fds, rss = open_fds(), rss_kib()
        for i in range(10_000):
            assert call(v, i + 3) == 3 * (i + 3)
            if i % 1000 == 0:  # crashes and timeouts discard VMs: they must be freed too
                try:
                    call(v, 1)
                except VirtineCrash:
                    pass
                try:
                    call(v, 2)
                except VirtineTimeout:
                    pass
        assert open_fds() == fds
        assert rss_kib() - rss < 8 * 1024, "RSS grew by more than 8 MiB over 10k calls"
        assert v.stats().vms_discarded == 20


def test_a_finished_threads_call_buffers_are_freed(kvm):
    with Virtine(asm_image(TRIPLE)) as v:
        call(v, 3)
        before = _pycall.thread_states()
        threads = [threading.Thread(target=call, args=(v, 4)) for _ in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # A thread's buffers are freed as its OS thread exits, just after join() returns.
        deadline = time.monotonic() + 5
        while _pycall.thread_states() > before and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _pycall.thread_states() == before


def wait_for(condition) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_close_stops_calls_running_in_other_threads(kvm):
    v = Virtine(asm_image(TRIPLE), pool_size=2)  # no timeout: the hung call never ends
    outcomes: dict[str, object] = {"quick": []}

    def hung() -> None:
        try:
            call(v, 2)
        except Exception as exc:  # surfaced below
            outcomes["hung"] = exc

    def quick() -> None:  # calls until the virtine is closed
        try:
            while True:
                outcomes["quick"].append(call(v, 5))
        except Exception as exc:
            outcomes["quick_end"] = exc
    threads = [threading.Thread(target=hung, daemon=True),
               threading.Thread(target=quick, daemon=True)]
    threads[0].start()
    wait_for(lambda: v.stats().calls == 1)  # the hung call holds its VM
    threads[1].start()
    wait_for(lambda: outcomes["quick"])
    closer = threading.Thread(target=v.close, daemon=True)
    closer.start()
    closer.join(timeout=30)
    assert not closer.is_alive(), "close() did not stop the call that never returns"
    for t in threads:
        t.join(timeout=30)
    assert isinstance(outcomes["hung"], VirtineError)
    assert "closed during the call" in str(outcomes["hung"])
    assert set(outcomes["quick"]) == {15}
    assert isinstance(outcomes["quick_end"], VirtineError)
    assert "closed" in str(outcomes["quick_end"])
    with pytest.raises(VirtineError, match="closed"):
        call(v, 5)


def test_close_amid_calls_from_many_threads(kvm):
    # Whenever the close lands (before, during or after any call's steps), each call
    # either returns its own result or raises "closed", and nothing crashes or hangs.
    for round_ in range(20):
        v = Virtine(asm_image(TRIPLE), pool_size=2)
        results: list[tuple[int, int]] = []
        errors: list[str] = []

        def worker(n: int) -> None:
            try:
                while True:
                    results.append((n, call(v, n)))
            except VirtineError as exc:
                errors.append(str(exc))
        threads = [threading.Thread(target=worker, args=(k + 3,), daemon=True)
                   for k in range(4)]
        for t in threads:
            t.start()
        wait_for(lambda: len(results) >= 3 * round_)
        v.close()
        for t in threads:
            t.join(timeout=30)
        assert not any(t.is_alive() for t in threads)
        assert all(result == 3 * n for n, result in results)
        assert len(errors) == 4 and all("closed" in e for e in errors), errors
