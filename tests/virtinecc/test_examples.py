"""The virtinecc examples build with the real CLI (directly, with make, with CMake)
and do what they say when run."""
from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

BRIEF = r"""
#include <stdio.h>
#include <virtine.h>
virtine int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
virtine_whitelist(VIRTINE_ALLOW_WRITE) int hello(int a) { puts("in a virtine"); return a * a; }
int main(void) { printf("%d %d\n", fib(20), hello(3)); }
"""


def test_fib_and_hello_from_the_issue(kvm, run, tmp_path):
    (tmp_path / "prog.c").write_text(BRIEF)
    run("virtinecc", "prog.c", "-o", "prog")
    assert run("./prog").stdout == "in a virtine\n6765 9\n"


def test_fib_example(kvm, run, tmp_path):
    run("virtinecc", "-O2", "-Wall", "-Werror", EXAMPLES / "virtinecc" / "fib.c", "-o", "fib")
    assert run("./fib").stdout == "6765\n"
    assert run("./fib", "25").stdout == "75025\n"


def test_whitelist_example_denies_what_is_not_allowed(kvm, run, tmp_path):
    run("virtinecc", "-Wall", "-Werror", EXAMPLES / "virtinecc" / "hello.c", "-o", "hello")
    out = run("./hello").stdout.splitlines()
    assert out[:2] == ["in a virtine", "9"]
    assert re.fullmatch(r"hook: shout failed \(kind 2\): hypercall write \(10\) is not allowed.*",
                        out[2])
    assert out[3] == "shout returned 0"
    assert "this write is denied" not in "\n".join(out)


def test_parser_crash_on_malicious_input_is_contained(kvm, run, tmp_path):
    run("virtinecc", "-O2", EXAMPLES / "virtinecc" / "parser.c", "-o", "parser")
    proc = run("./parser")
    assert proc.stdout.splitlines() == [
        "input 0: 3 records, longest 7, first 'alice'",
        "input 1: rejected",
        "input 2: 3 records, longest 7, first 'alice'"]
    assert re.match(r"virtine parse_records: guest page fault \(#PF\) at rip 0x[0-9a-f]+", proc.stderr)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_project_with_cc_virtinecc(kvm, run, tmp_path):
    project = tmp_path / "make_project"
    shutil.copytree(EXAMPLES / "make_project", project)
    build = run("make", cwd=project, extra_env={"CC": "virtinecc"})  # CC=virtinecc make
    assert "virtinecc -O2 -Wall -c checksum.c -o checksum.o" in build.stdout
    text = "a virtine per call"
    out = run("./app", text, cwd=project).stdout
    assert out == (f"adler32={zlib.adler32(text.encode()):08x} fletcher16={_fletcher16(text):04x} "
                   f"length={len(text)} words=4\n")
    assert run("make", cwd=project, extra_env={"CC": "virtinecc"}).stdout.startswith(
        "make: 'app' is up to date")


def _fletcher16(text: str) -> int:
    a = b = 0
    for byte in text.encode():
        a = (a + byte) % 255
        b = (b + a) % 255
    return b << 8 | a


@pytest.mark.skipif(shutil.which("cmake") is None, reason="needs cmake")
def test_cmake_project_with_virtinecc_as_the_compiler(kvm, run, tmp_path):
    build = tmp_path / "build"
    configure = run("cmake", "-S", EXAMPLES / "cmake_project", "-B", build,
                    "-DCMAKE_C_COMPILER=virtinecc")
    assert "Check for working C compiler" in configure.stdout
    run("cmake", "--build", build)
    assert run(build / "sorter").stdout == "1 3 7 19 23 42 56 88 \ncomparisons: 28 ok\n"
    depfile = build / "CMakeFiles" / "sorting.dir" / "src" / "sorting.c.o.d"
    assert str(EXAMPLES / "cmake_project" / "src" / "sorting.c") in depfile.read_text()
    assert "Linking" not in run("cmake", "--build", build).stdout  # nothing to rebuild


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_http_server_handles_each_request_in_a_virtine(kvm, run, tmp_path):
    project = tmp_path / "http_server"
    shutil.copytree(EXAMPLES / "http_server", project)
    run("make", "server", "loadgen", cwd=project)
    requests = 40 + 8 + 40
    server = subprocess.Popen([str(project / "server"), "0", str(requests)], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+)\n", server.stdout.readline()).group(1)
        good = run(project / "loadgen", port, 40, 4, "/fib/15").stdout
        assert re.match(r"requests=40 errors=0 ", good)
        crash = run(project / "loadgen", port, 8, 2, "/crash").stdout
        assert re.match(r"requests=8 errors=8 ", crash)  # 500s: the handler crashed, contained
        after = run(project / "loadgen", port, 40, 4, "/").stdout
        assert re.match(r"requests=40 errors=0 ", after)
        assert server.wait(timeout=60) == 0
        errors = server.stderr.read().splitlines()
        assert len(errors) == 8
        assert all(re.fullmatch(r"virtine handle_request: guest page fault .* "
                                r"in handler\.c:\d+ in handle_request", e) for e in errors)
    finally:
        server.kill()
        server.wait()
