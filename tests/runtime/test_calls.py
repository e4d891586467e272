"""Calls, results and hypercalls of real virtines, on both boot paths."""
from __future__ import annotations

import array
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.asm_guests import INCREMENT, asm_image
from pyvirtine.errors import VirtineError, VirtinePolicyError
from pyvirtine.image import allow_mask
from pyvirtine.runtime import Virtine

# write(1, "hello\\n"), write(2, "oops\\n"), then return the two write results.
HELLO = """
    hcall 13
    lea msg(%rip), %rsi
    mov $1, %edi
    mov $6, %edx
    hcall 10
    mov %rax, ARGAREA
    lea err(%rip), %rsi
    mov $2, %edi
    mov $5, %edx
    hcall 10
    mov %rax, ARGAREA+8
    xor %edi, %edi
    mov $16, %esi
    hcall 0
msg: .ascii "hello\\n"
err: .ascii "oops\\n"
"""


@pytest.mark.parametrize("boot", ["direct", "stub"])
@pytest.mark.parametrize("snapshot", [True, False])
def test_return_value_on_both_boot_paths(kvm, boot, snapshot):
    with Virtine(asm_image(INCREMENT), boot=boot, snapshot=snapshot) as v:
        for n in (0, 41, 2**63):
            r = v.call(struct.pack("<Q", n))
            assert r.status == 7
            assert struct.unpack("<Q", r.result)[0] == (n + 1) % 2**64
            # Without a snapshot every call also passes the snapshot hypercall.
            assert r.exits == (1 if snapshot else 2)


def test_arguments_take_any_buffer_and_refuse_the_rest(kvm):
    with Virtine(asm_image(INCREMENT)) as v:
        expected = struct.pack("<Q", 6)
        for buffer in (bytearray(struct.pack("<Q", 5)), memoryview(struct.pack("<Q", 5)),
                       array.array("I", [5, 0])):  # len() counts items, not bytes
            assert v.call(buffer).result == expected
        for wrong in ("five", 5, None):
            with pytest.raises(TypeError, match="args must be bytes-like"):
                v.call(wrong)
        with pytest.raises(TypeError, match="input must be bytes-like"):
            v.call(b"", input="text")


def test_image_file_path_is_accepted(kvm, tmp_path):
    path = tmp_path / "inc.virtine"
    path.write_bytes(asm_image(INCREMENT).to_bytes())
    with Virtine(str(path)) as v:
        assert v.call(struct.pack("<Q", 1)).result == struct.pack("<Q", 2)


def test_write_is_captured_per_call(kvm):
    with Virtine(asm_image(HELLO), allow=["write"]) as v:
        for _ in range(3):
            r = v.call()
            assert (r.stdout, r.stderr) == (b"hello\n", b"oops\n")
            assert struct.unpack("<qq", r.result) == (6, 5)
            assert r.exits == 3  # two writes and the exit: one exit per hypercall


def test_write_passes_through_to_host_fds(kvm, capfd):
    with Virtine(asm_image(HELLO), allow=["write"], capture=False) as v:
        r = v.call()
    assert (r.stdout, r.stderr) == (b"", b"")
    out, err = capfd.readouterr()
    assert (out, err) == ("hello\n", "oops\n")


def test_image_allowlist_opens_hypercalls(kvm):
    with Virtine(asm_image(HELLO, allow=allow_mask(["write"]))) as v:
        assert v.call().stdout == b"hello\n"


def test_denied_hypercall_names_it_and_pool_survives(kvm):
    with Virtine(asm_image(HELLO)) as v:
        with pytest.raises(VirtinePolicyError, match="write") as info:
            v.call()
        assert info.value.hypercall == "write"
        with pytest.raises(VirtinePolicyError):
            v.call()
        assert v.stats().vms_discarded == 0


# read(0, DATA, 64) into a buffer, then return what was read (length in status).
READ_INPUT = """
    hcall 13
    mov $0, %edi
    mov $DATA, %esi
    mov $64, %edx
    hcall 6
    mov %rax, %rbx
    mov $0, %edi
    mov $DATA+64, %esi
    mov $64, %edx
    hcall 6
    add %rax, %rbx
    xor %ecx, %ecx
1:  cmp %rbx, %rcx
    je 2f
    movb DATA(%rcx), %al
    movb %al, ARGAREA(%rcx)
    inc %rcx
    jmp 1b
2:  mov %rbx, %rdi
    mov %rbx, %rsi
    hcall 0
"""


def test_read_returns_the_callers_input(kvm):
    with Virtine(asm_image(READ_INPUT), allow=["read"]) as v:
        assert v.call(input=b"abc").result == b"abc"
        r = v.call(input=bytes(range(100)))
        assert (r.status, r.result) == (100, bytes(range(100)))
        assert v.call().result == b""


CLOCKS = """
    hcall 13
    hcall 8
    mov %rax, ARGAREA
    mov $ARGAREA+8, %edi
    hcall 11
    mov %rax, ARGAREA+24
    mov $1, %edi
    hcall 12
    mov %rax, ARGAREA+32
    mov $5, %edi
    hcall 1
    mov %rax, ARGAREA+40
    mov $16, %edi
    hcall 7
    mov %rax, ARGAREA+48
    hcall 5
    mov %rax, ARGAREA+56
    xor %edi, %edi
    mov $64, %esi
    hcall 0
"""


def test_clock_sbrk_and_the_hypercalls_without_granted_files(kvm):
    image = asm_image(CLOCKS)
    with Virtine(image, allow=["times", "gettimeofday", "isatty", "close", "sbrk", "open"]) as v:
        before = time.time()
        mono, sec, usec, ret, tty, close, brk, opened = struct.unpack("<Qqqqqqqq", v.call().result)
        assert mono > 0 and ret == 0 and 0 <= usec < 10**6
        assert before - 1 <= sec + usec / 1e6 <= time.time() + 1
        assert (tty, close, brk, opened) == (0, -9, image.heap_start, -13)  # EBADF, EACCES
        # The break is per call: the next call starts from the heap start again.
        assert struct.unpack("<Qqqqqqqq", v.call().result)[6] == image.heap_start


def test_closed_virtine_refuses_calls_and_exit_is_clean(kvm):
    v = Virtine(asm_image(INCREMENT))
    v.close()
    v.close()
    with pytest.raises(VirtineError, match="closed"):
        v.call(struct.pack("<Q", 1))
    with pytest.raises(VirtineError, match="closed"):
        v.stats()
    # A pool still open when the interpreter exits is destroyed cleanly, without noise.
    tests = str(Path(__file__).resolve().parents[1])
    script = (f"import sys; sys.path[:0] = [{tests!r}]\n"
              "from support.asm_guests import asm_image\n"
              "from pyvirtine.runtime import Virtine\n"
              f"v = Virtine(asm_image({INCREMENT!r}))\n"
              "print(v.call(bytes(8)).status)\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "7\n", "")
    # Nor does a daemon thread still in a guest that never returns hold the exit up.
    script += ("import threading, time\n"
               "spin = Virtine(asm_image('hcall 13; 1: jmp 1b'))\n"
               "threading.Thread(target=spin.call, daemon=True).start()\n"
               "time.sleep(0.2)\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=30)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "7\n", "")


def test_call_takes_its_arguments_by_keyword_and_refuses_misuse(kvm):
    with Virtine(asm_image(INCREMENT)) as v:
        assert v.call(args=struct.pack("<Q", 1)).result == struct.pack("<Q", 2)
        assert v.call(input=b"", args=struct.pack("<Q", 2)).result == struct.pack("<Q", 3)
        with pytest.raises(TypeError, match="unexpected keyword argument 'arg'"):
            v.call(arg=b"")
        with pytest.raises(TypeError, match="multiple values for argument 'args'"):
            v.call(b"", args=b"")
        with pytest.raises(TypeError, match="at most 2 arguments"):
            v.call(b"", b"", b"")
        assert v.call(struct.pack("<Q", 7)).result == struct.pack("<Q", 8)
