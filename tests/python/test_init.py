"""Initialisers run once per pool, before the snapshot every call starts from: what they
build (heap, globals) is there in every call, and every call still starts clean."""
from __future__ import annotations

import concurrent.futures
import pickle
import time

import pytest

import pyvirtine
from pyvirtine import VirtineCompileError, VirtineCrash, VirtineTimeout, virtine
from pyvirtine.build import build_images
from pyvirtine.runtime import Virtine
from support.kvm import HOST

TABLE = r"""
#include <stdio.h>
#include <stdlib.h>
#include <virtine.h>
static int *squares;           /* on the heap, built once */
static int calls;              /* every call must see 0 here */

virtine_init void build_squares(void)
{
    squares = malloc(1000 * sizeof *squares);
    for (int i = 0; i < 1000; i++)
        squares[i] = i * i;
    printf("built %d squares\n", 1000);
}

/* Returns squares[i], then spoils the table, the counter and the heap for whoever
 * would see them next. */
virtine int square(int i)
{
    int r = squares[i] + 1000000 * calls++;
    for (int k = 0; k < 1000; k++)
        squares[k] = -1;
    free(squares);
    squares = malloc(4);
    return r;
}
"""


@pytest.fixture(scope="module")
def table_image():
    return build_images(TABLE, "table.c")[0]


def test_state_built_by_the_initialiser_is_in_every_call_and_calls_stay_clean(
        kvm, table_image):
    with Virtine(table_image, allow=["write"]) as v:
        f = pyvirtine.function.VirtineFunction(table_image, allow=["write"], capture=True)
        results = [f(i).value for i in (3, 3, 999, 7, 3)]
        assert results == [9, 9, 998001, 49, 9]
        assert v.init_stdout == b"built 1000 squares\n"  # output of the boot, once


def test_the_initialiser_runs_once_per_pool_not_once_per_vm(kvm, table_image):
    f = pyvirtine.function.VirtineFunction(table_image, allow=["write"], capture=True,
                                           pool_size=3)
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        assert list(pool.map(f, range(30))) and all(
            r.value == i * i for i, r in zip(range(30), pool.map(f, range(30))))
    assert f._virtine().init_stdout == b"built 1000 squares\n"
    assert all(r.stdout == b"" for r in map(f, range(5)))  # calls do not print it again
    f.close()


def test_initialiser_output_reaches_the_terminal_once(kvm, capsys):
    @virtine(allow=["write"])
    def square(i: int) -> int:
        """
        #include <stdio.h>
        #include <virtine.h>
        static int base;
        virtine_init void setup(void) { base = 7; puts("setup ran"); }
        int square(int i) { int r = base + i * i; base = -100; return r; }
        """
    assert [square(3), square(4), square(3)] == [16, 23, 16]
    assert capsys.readouterr().out == "setup ran\n"
    square.close()


def test_python_init_option_names_the_initialiser(kvm, capsys):
    @virtine(allow=["write"], init="setup")
    def shifted(i: int) -> int:
        """
        #include <stdio.h>
        static int base;
        void setup(void) { base = 7; puts("setup ran"); }
        int shifted(int i) { int r = base + i; base = -100; return r; }
        """
    assert [shifted(1), shifted(2), shifted(3)] == [8, 9, 10]
    assert capsys.readouterr().out == "setup ran\n"
    shifted.close()


def test_load_takes_init_too(kvm):
    source = "static int k; void prime(void) { k = 42; }\n" \
             "#include <virtine.h>\nvirtine int get(void) { return k++; }\n"
    with pyvirtine.load(source=source, init="prime") as mod:
        assert [mod.get(), mod.get()] == [42, 42]


def test_constructors_run_in_priority_order_before_the_snapshot(kvm):
    source = r"""
#include <string.h>
#include <virtine.h>
static char order[8];
static void add(char c) { order[strlen(order)] = c; }
__attribute__((constructor)) static void last(void) { add('c'); }
__attribute__((constructor(200))) static void second(void) { add('b'); }
static void first(void) __attribute__((constructor(101)));
static void first(void) { add('a'); }
virtine int code(void) { int r = order[0] << 16 | order[1] << 8 | order[2]; order[0] = 'x';
                         return r; }
"""
    with pyvirtine.load(source=source) as mod:
        expected = ord("a") << 16 | ord("b") << 8 | ord("c")
        assert [mod.code(), mod.code()] == [expected, expected]


def test_a_program_s_constructor_runs_before_main(kvm):
    from pyvirtine.program import build_program, pack_argv
    source = r"""
#include <stdio.h>
static int ready;
__attribute__((constructor)) static void hello(void) { ready = 1; printf("ctor\n"); }
int main(void) { printf("main sees %d\n", ready); return 0; }
"""
    with Virtine(build_program("prog.c", source, allow=("write",)), capture=True) as v:
        out = v.call(pack_argv(["prog"]))
        assert (v.init_stdout, out.stdout) == (b"ctor\n", b"main sees 1\n")


DESTRUCTORS = r"""
#include <stdio.h>
#include <stdlib.h>
static void handler(void) { printf("atexit\n"); }
__attribute__((constructor)) static void setup(void) { atexit(handler); }
__attribute__((destructor)) static void plain_1(void) { printf("plain 1\n"); }
__attribute__((destructor)) static void plain_2(void) { printf("plain 2\n"); }
__attribute__((destructor(101))) static void early(void) { printf("101\n"); }
__attribute__((destructor(300))) static void late(void) { printf("300\n"); }
int main(int argc, char **argv) {
    printf("main\n");
    if (argc > 1)
        exit(7);
    return 0;
}
"""


@pytest.mark.parametrize("args, status", [([], 0), (["exit"], 7)])
def test_a_program_s_destructors_run_after_its_atexit_handlers(kvm, args, status):
    """When main returns or exit is called: atexit handlers, then destructors, the plain
    ones first (the last defined first), then by priority, highest first, as with glibc."""
    from pyvirtine.program import build_program, pack_argv
    with Virtine(build_program("prog.c", DESTRUCTORS, allow=("write",))) as v:
        out = v.call(pack_argv(["prog", *args]))
    assert (out.stdout, out.status) == (b"main\natexit\nplain 2\nplain 1\n300\n101\n", status)


def test_a_virtine_function_s_destructor_is_warned_about_and_never_runs(kvm, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setenv("PYVIRTINE_CACHE", str(tmp_path))   # a compile that runs warns
    source = r"""
#include <virtine.h>
static int torn_down;
__attribute__((destructor)) static void teardown(void) { torn_down = 1; }
virtine int seen(void) { return torn_down; }
"""
    with pytest.warns(pyvirtine.VirtineCompileWarning,
                      match=r"dtor.c:4:16: warning: destructors do not run in virtine functions"):
        image = build_images(source, "dtor.c")[0]
    assert b"teardown" not in bytes(image.payload)
    with pyvirtine.load(source=source) as mod:
        assert [mod.seen(), mod.seen()] == [0, 0]


def test_a_crashing_initialiser_is_reported_as_such(kvm):
    source = "#include <virtine.h>\nstatic int *volatile p;\n" \
             "virtine_init void setup(void) { *p = 1; }\nvirtine int f(void) { return 0; }\n"
    image = build_images(source, "crashy.c")[0]
    with pytest.raises(VirtineCrash, match=r"while initialising.*crashy\.c:3 in setup"):
        Virtine(image)


@pytest.mark.parametrize("init, message", [
    ("nowhere", "init function 'nowhere' is not defined"),
    ("takes", "init function 'takes' must take no arguments"),
])
def test_bad_init_names_are_compile_errors(init, message):
    source = "#include <virtine.h>\nvoid takes(int x) { }\nvirtine int f(void) { return 0; }\n"
    with pytest.raises(VirtineCompileError, match=message):
        build_images(source, "bad.c", init=[init])


SLOW_INIT = r"""
#include <virtine.h>
virtine_init void spin(void) { for (;;) { } }
virtine int one(void) { return 1; }
"""


@pytest.mark.parametrize("how", ["decorator", "load"])
def test_init_timeout_bounds_the_initialiser(kvm, how):
    start = time.monotonic()
    with pytest.raises(VirtineTimeout, match=r"0\.2 s timeout.*before the snapshot point"):
        if how == "decorator":
            @virtine(source=SLOW_INIT, init_timeout=0.2)
            def one() -> int: ...
            one()
        else:
            with pyvirtine.load(source=SLOW_INIT, init_timeout=0.2) as mod:
                mod.one()
    assert time.monotonic() - start < 5  # not the 10 s default


def test_pool_options_are_checked_before_any_vm(kvm):
    with pytest.raises(ValueError, match="init_timeout must be a positive"):
        pyvirtine.load(source=SLOW_INIT, init_timeout=0)


DRAW = r"""
#include <virtine.h>
virtine unsigned long draw(void)
{
    unsigned long v;
    return virtine_random(&v, sizeof v) == 0 ? v : 0;
}
"""


def test_host_entropy_reaches_the_pool_and_survives_pickling(kvm):
    with pyvirtine.load(source=DRAW) as cpu, \
            pyvirtine.load(source=DRAW, host_entropy=True) as host:
        for mod in (cpu, host):
            draws = {mod.draw() for _ in range(4)}
            assert len(draws) == 4 and 0 not in draws
        copy = pickle.loads(pickle.dumps(host.draw))
        assert copy.virtine.options["host_entropy"] is True and copy() != 0
        if "RDRAND" in HOST.guest_features:  # else both ask the host
            exits = [mod.draw.virtine._virtine().call(b"").exits for mod in (cpu, host)]
            assert exits[1] - exits[0] == 1  # the draw is a hypercall, not RDRAND
