"""The same test programs, compiled by pyvirtine and run inside real virtines
(crt0, image linker, hypervisor), against the glibc reference."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
PROGRAMS = HERE / "programs"


def run_in_virtine(name: str, stdin: str = "", allow: tuple[str, ...] = ("write", "read"),
                   defines: tuple[str, ...] = ()):
    from pyvirtine.program import build_program, pack_argv
    from pyvirtine.runtime import Virtine
    path = PROGRAMS / f"{name}.c"
    image = build_program(str(path), path.read_text(), include_dirs=[str(PROGRAMS)],
                          defines=defines, memory=16 << 20, allow=allow)
    with Virtine(image, timeout=120) as virtine:
        return virtine.call(pack_argv([name]), input=stdin.encode())


@pytest.mark.parametrize("name, cases", [("printf_sweep", 3000), ("conv_sweep", 500),
                                         ("calendar_sweep", 300), ("scanf_sweep", 600),
                                         ("string_sweep", 500), ("qsort_sweep", 60),
                                         ("wchar_sweep", 300), ("ldouble_sweep", 400)])
def test_sweep_matches_glibc(kvm, host, case_count, name, cases):
    stdin = f"2 {case_count(cases)}\n"
    ours = run_in_virtine(name, stdin)
    assert ours.status == 0, ours.stderr
    ref = host(name, stdin).stdout.decode("latin-1").splitlines()
    mismatches = [(o, r) for o, r in zip(ours.stdout.decode("latin-1").splitlines(), ref)
                  if o != r]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:5]}"
    assert len(ours.stdout.splitlines()) == len(ref)


def test_math_within_bounds(kvm, host, case_count, math_checker):
    stdin = f"2 {case_count(300)}\n"
    ours = run_in_virtine("math_sweep", stdin)
    assert ours.status == 0, ours.stderr
    bad = math_checker(ours.stdout.decode().splitlines(),
                       host("math_sweep", stdin).stdout.decode().splitlines())
    assert not bad, bad


def test_streams_and_exit(kvm, host):
    stdin = "Xhello\na line longer than fifteen bytes\nEND\nthe rest\nof the input"
    ours = run_in_virtine("stdio_test", stdin)
    ref = host("stdio_test", stdin, check=False)
    assert (ours.status, ours.stdout, ours.stderr) == (3, ref.stdout, ref.stderr)


def test_assert_failure(kvm):
    from pyvirtine import VirtineCrash
    with pytest.raises(VirtineCrash) as e:
        run_in_virtine("abort_test")
    assert e.value.reason == "abort"
    assert e.value.location.startswith("abort_test.c:7 in ")  # check(), inlined into main
    assert e.value.stdout == b"before 2\nbuffered output survives\n"
    assert re.fullmatch(rb"\S*abort_test\.c:7: check: Assertion `x \+ 1 == 3' failed\.\n",
                        e.value.stderr), e.value.stderr


def _invariant_tsc() -> bool:
    flags = next(line for line in open("/proc/cpuinfo") if line.startswith("flags")).split()
    return "constant_tsc" in flags and "nonstop_tsc" in flags


def test_clock_reads_the_tsc_without_a_vm_exit(kvm):
    from pyvirtine.errors import VirtinePolicyError
    from pyvirtine.program import build_program, pack_argv
    from pyvirtine.runtime import Virtine
    if not _invariant_tsc():
        pytest.skip("this CPU's TSC is not invariant: clock() asks the host, as it should")
    path = PROGRAMS / "clock_test.c"
    image = build_program(str(path), path.read_text(), allow=("write", "times"))
    with Virtine(image, timeout=10) as virtine:
        start = time.perf_counter()
        out = virtine.call(pack_argv(["clock_test"]))
        wall = time.perf_counter() - start
    assert out.status == 0
    assert out.exits == 2  # the output's write and the exit: no clock() left the guest
    assert int(out.stdout) > 10_000  # reads of ~25 us exits could not make 2,000
    assert 0.05 <= wall < 0.5  # the TSC's rate was read right: 50 ms by clock() is 50 ms
    # Without the times hypercall there is no clock at all, exit or not.
    denied = build_program(str(path), path.read_text(), allow=("write",))
    with Virtine(denied) as virtine, pytest.raises(VirtinePolicyError, match="times"):
        virtine.call(pack_argv(["clock_test"]))


def test_clock_and_time(kvm):
    out = run_in_virtine("time_test", allow=("write", "times", "gettimeofday"))
    elapsed, now, diff = map(int, out.stdout.split())
    assert 0 < elapsed < 30_000_000
    assert abs(now - time.time()) < 5
    assert diff == 0


def split_guest_only(output: bytes) -> tuple[list[str], list[str]]:
    """A program's lines common with glibc, and those marked "only" (guest behaviour
    glibc cannot show: it would block forever or really create a thread)."""
    lines = output.decode().splitlines()
    return ([line for line in lines if not line.startswith("only ")],
            [line[5:] for line in lines if line.startswith("only ")])


PTHREAD_GUEST_ONLY = [
    "pthread_mutex_lock(&normal) = 0", "pthread_mutex_lock(&normal) = EDEADLK",
    "pthread_mutex_unlock(&normal) = 0", "pthread_mutex_unlock(&normal) = EPERM",
    "pthread_cond_wait(&plain, &mutex) = EDEADLK", "pthread_mutex_unlock(&mutex) = 0",
    "pthread_cond_wait(&plain, &mutex) = EPERM",
    "pthread_rwlock_rdlock(&plain) = 0", "pthread_rwlock_wrlock(&plain) = EDEADLK",
    "pthread_rwlock_destroy(&plain) = EBUSY", "pthread_rwlock_unlock(&plain) = 0",
    "pthread_rwlock_unlock(&plain) = EPERM",
    "pthread_create(&thread, NULL, NULL, NULL) = EAGAIN", "pthread_spin_lock(&spin) = 0",
    "pthread_spin_lock(&spin) = EDEADLK", "pthread_barrier_init(&barrier, NULL, 2) = 0",
    "pthread_barrier_wait(&barrier) = EDEADLK",
    "sem_init(&sem, 0, 0) = 0 0", "sem_wait(&sem) = -1 EDEADLK", "sem_post(&sem) = 0 0",
    "sem_timedwait(&sem, &bad) = 0 0",
]


@pytest.mark.parametrize("stdin", ["0", "1"])
def test_pthreads_single_threaded(kvm, host, stdin):
    """Input 1 ends in pthread_exit, which runs the key destructors (two rounds)."""
    ours = run_in_virtine("pthread_test", stdin, defines=("ONE_THREAD_ONLY",))
    assert ours.status == 0, ours.stderr
    common, only = split_guest_only(ours.stdout)
    assert common == host("pthread_test", stdin).stdout.decode().splitlines()
    assert only == PTHREAD_GUEST_ONLY


MMAN_GUEST_ONLY = [
    "fixed: failed ENOMEM", "read only: failed EACCES", "executable: failed EACCES",
    "inaccessible: failed EACCES", "more than the heap: failed ENOMEM",
    "the whole address space: failed ENOMEM",
    "mprotect(p, 4096, PROT_READ) = -1 EACCES", "mprotect(p, 8192, RW) = -1 ENOMEM",
    "mprotect(p + 4096, 4096, RW) = -1 ENOMEM", "munmap(p, 4096) = 0 0",
    "mprotect(p, 4096, RW) = -1 ENOMEM",
]


def test_anonymous_mappings(kvm, host, case_count):
    stdin = f"3 {case_count(3000)}\n"
    ours = run_in_virtine("mman_test", stdin, defines=("ONE_THREAD_ONLY",))
    assert ours.status == 0, ours.stderr
    common, only = split_guest_only(ours.stdout)
    assert common == host("mman_test", stdin).stdout.decode().splitlines()
    assert "churn ok" in common
    assert only == MMAN_GUEST_ONLY


def test_floating_point_environment(kvm, host):
    ours = run_in_virtine("fenv_test", "all")
    assert ours.status == 0, ours.stderr
    assert ours.stdout == host("fenv_test", "all").stdout


def test_floating_point_environment_does_not_outlive_a_call(kvm):
    """The launcher puts back the snapshot's XSAVE state (MXCSR and the x87 words)
    before each call: the rounding mode and flags one call sets are gone in the next."""
    from pyvirtine.program import build_program, pack_argv
    from pyvirtine.runtime import Virtine
    path = PROGRAMS / "fenv_test.c"
    image = build_program(str(path), path.read_text(), allow=("write", "read"))
    fresh = (b"round 0, raised:\n"
             b"now round 0x800, raised: invalid divbyzero overflow underflow inexact\n")
    with Virtine(image, timeout=30) as virtine:
        for _ in range(2):
            out = virtine.call(pack_argv(["fenv_test"]), input=b"leak")
            assert (out.status, out.stdout) == (0, fresh)
