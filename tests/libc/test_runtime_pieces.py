"""qsort/bsearch, setjmp/longjmp, stdio streams, exit/abort/assert, time."""
import re
import time


def same_as_glibc(guest, host, name, stdin=""):
    ours, ref = guest(name, stdin, check=False), host(name, stdin, check=False)
    assert ours.stdout == ref.stdout
    assert ours.returncode == ref.returncode
    return ours


def test_qsort_and_bsearch_match_glibc(guest, host, case_count):
    out = same_as_glibc(guest, host, "qsort_sweep", f"9 {case_count(300)}\n")
    assert b"FAIL" not in out.stdout


def test_qsort_stays_n_log_n_on_adversarial_shapes(guest):
    out = guest("qsort_adversarial").stdout.decode()
    assert "FAIL" not in out, out
    # Comparisons per n log2 n, worst over the shapes: about 1 for a sound
    # introsort, in the thousands for a quadratic one.
    assert float(out.split()[1]) < 2, out


def test_setjmp_longjmp(guest, host):
    out = same_as_glibc(guest, host, "setjmp_test")
    assert b"setjmp returned 1000" in out.stdout
    assert b"nested 1, sigsetjmp 7" in out.stdout


def test_stdio_streams_and_exit(guest, host):
    stdin = "Xhello\na line longer than fifteen bytes\nEND\nthe rest\nof the input"
    out = same_as_glibc(guest, host, "stdio_test", stdin)
    assert out.returncode == 3
    assert out.stderr == b"to stderr 42\nperror: Numerical result out of range\n"
    assert out.stdout.endswith(b"exiting with 3\natexit second registered, runs first\n"
                               b"atexit first registered, runs last\n")


def test_assert_failure_aborts_with_134(guest):
    out = guest("abort_test", check=False)
    assert out.returncode == 134
    assert out.stdout == b"before 2\nbuffered output survives\n"
    assert re.fullmatch(rb"\S*abort_test\.c:7: check: Assertion `x \+ 1 == 3' failed\.\n",
                        out.stderr), out.stderr


def test_clock_and_time(guest):
    elapsed, now, diff = map(int, guest("time_test").stdout.split())
    assert 0 < elapsed < 30_000_000
    assert abs(now - time.time()) < 5
    assert diff == 0
