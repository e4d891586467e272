"""@virtine: C in a docstring (or source= / file=) run as a Python function."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from pyvirtine import VirtineCompileError, virtine

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@virtine(memory="2M", timeout=0.5)
def count_byte(data: bytes, byte: int) -> int:
    """
    #include <stddef.h>
    int count_byte(const unsigned char *data VIRTINE_IN(n), size_t n, int byte) {
        int c = 0; for (size_t i = 0; i < n; i++) c += data[i] == byte; return c;
    }
    """


@virtine
def checksum(data, seed):
    """
    #include <stdint.h>
    #include <stddef.h>
    static uint32_t step(uint32_t h, uint8_t b) { return (h ^ b) * 16777619u; }
    uint32_t checksum(const void *data VIRTINE_IN(len), size_t len, uint32_t seed) {
        const uint8_t *p = data;
        uint32_t h = seed;
        for (size_t i = 0; i < len; i++) h = step(h, p[i]);
        return h;
    }
    """


def _fnv(data: bytes, seed: int) -> int:
    h = seed
    for b in data:
        h = ((h ^ b) * 16777619) % 2**32
    return h


def test_issue_example(kvm):
    assert count_byte(b"banana", ord("a")) == 3
    assert count_byte.__name__ == "count_byte"
    assert "int count_byte(const unsigned char *data VIRTINE_IN(n), size_t n, int byte)" \
        in count_byte.__doc__


def test_bare_decorator_and_void_buffers(kvm):
    data = os.urandom(300)
    assert checksum(data, 2166136261) == _fnv(data, 2166136261)
    assert checksum(memoryview(data)[10:20], 7) == _fnv(data[10:20], 7)


def test_source_and_file_forms(kvm, tmp_path):
    @virtine(source="double avg(const double *x VIRTINE_IN(n), int n) {\n"
                    "    double s = 0; for (int i = 0; i < n; i++) s += x[i]; return n ? s / n : 0;\n}\n")
    def avg(x):
        ...
    assert avg([1.0, 2.0, 6.0]) == 3.0

    c_file = tmp_path / "mul.c"
    c_file.write_text("#include <virtine.h>\nlong mul(long a, long b) { return a * b; }\n")

    @virtine(file=c_file)
    def mul(a, b):
        ...
    assert mul(-6, 7) == -42


def test_compile_error_points_into_the_python_file():
    with pytest.raises(VirtineCompileError) as e:
        @virtine
        def broken(x):
            """
            int broken(int x) {
                return x + undefined_name;
            }
            """
    line = sys._getframe().f_lineno - 3   # the 'return' line above
    msg = str(e.value)
    assert msg.startswith(f"{__file__}:{line}:"), msg
    assert "undefined_name" in msg and "^" in msg


def test_python_and_c_arity_must_agree():
    with pytest.raises(TypeError, match=r"takes 3 arguments but the C virtine .* takes 2 from Python"):
        @virtine
        def count(data, byte, extra):
            """
            #include <stddef.h>
            int count(const char *data VIRTINE_IN(n), size_t n, int byte) { return 0; }
            """


def test_missing_c_function():
    with pytest.raises(VirtineCompileError, match="no function 'nothere' is defined"):
        @virtine(source="int other(void) { return 1; }\n")
        def nothere():
            ...


def test_wrong_argument_type_is_typeerror(kvm):
    with pytest.raises(TypeError, match=r"argument 'byte' must be an integer for 'int'"):
        count_byte(b"x", 1.5)


def test_second_import_needs_no_compiler(kvm, tmp_path):
    module = tmp_path / "uses_virtine.py"
    module.write_text(textwrap.dedent('''
        from pyvirtine import virtine

        @virtine
        def triple(x):
            """int triple(int x) { return 3 * x; }"""

        print(triple(14))
    '''))
    env = dict(os.environ, PYTHONPATH=REPO)
    first = subprocess.run([sys.executable, str(module)], env=env, capture_output=True, text=True)
    assert first.stdout.strip() == "42", first.stderr
    env["PATH"] = str(tmp_path)   # no gcc, no cpp: a rebuild would fail
    second = subprocess.run([sys.executable, str(module)], env=env, capture_output=True, text=True)
    assert second.stdout.strip() == "42", second.stderr


@virtine
def mix(a, b, c, d):
    """
    enum level { LOW, HIGH = 5 };
    double mix(signed char a, unsigned long long b, float c, enum level d) {
        return a + (double)b + c + d;
    }
    """


def test_number_only_calls_agree_with_the_general_path(kvm):
    """Positional number arguments take a one-struct-call path; keywords take the
    general one. Both must give the same answer."""
    for a, b, c, d in [(1, 2, 0.5, 0), (-128, 2**64 - 1, -1e30, 5), (127, 0, 3, 1),
                       (True, 7, 2**24, 0)]:
        assert mix(a, b, c, d) == mix(a=a, b=b, c=c, d=d), (a, b, c, d)
    assert mix("a", 0, 0.0, 0) == ord("a")  # what the general path accepts still works


def test_number_only_path_names_bad_arguments(kvm):
    with pytest.raises(OverflowError, match=r"argument 'a': 200 is out of range for 'signed char'"):
        mix(200, 1, 1.0, 0)
    with pytest.raises(TypeError, match=r"argument 'b' must be an integer for 'unsigned long long'"):
        mix(1, "x", 1.0, 0)
    with pytest.raises(TypeError, match=r"argument 'c' must be a number for 'float'"):
        mix(1, 2, "x", 0)
    with pytest.raises(TypeError, match=r"missing a required argument: 'd'"):
        mix(1, 2, 3.0)
    assert mix(1, 2, 3.0, 4) == 10.0  # and nothing stays broken


def test_number_only_calls_from_many_threads(kvm):
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda i: mix(i % 100, i, 0.25, 5), range(400)))
    assert results == [i % 100 + i + 0.25 + 5 for i in range(400)]


@virtine
def hang(n: int) -> int:
    """
    int hang(int n) { volatile int odd = n & 1; while (odd) {} return n; }
    """


def test_close_stops_a_call_in_another_thread_and_the_next_call_works(kvm):
    import threading
    import time

    from pyvirtine import VirtineError
    assert hang(0) == 0  # the pool and this thread's one-struct call exist
    pool = hang.virtine._virtine()
    outcome = []

    def call_that_hangs() -> None:
        try:
            hang(1)
        except VirtineError as exc:
            outcome.append(exc)
    thread = threading.Thread(target=call_that_hangs, daemon=True)
    thread.start()
    while pool.stats().calls < 2:  # until the call holds its VM
        time.sleep(0.005)
    closer = threading.Thread(target=hang.close, daemon=True)
    closer.start()
    closer.join(timeout=30)
    assert not closer.is_alive(), "close() did not stop the call that never returns"
    thread.join(timeout=30)
    assert len(outcome) == 1 and "closed during the call" in str(outcome[0])
    assert hang(6) == 6  # a new pool
