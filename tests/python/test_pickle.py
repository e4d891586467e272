"""Virtines pickle by value (pyvirtine/pickling.py): functions, load() modules, images
and the errors calls raise go to other processes, which run them without a compiler."""
from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import pathlib
import pickle
import subprocess
import sys

import cloudpickle
import pytest

import pyvirtine
from pyvirtine import VirtineCrash, VirtinePolicyError, VirtineTimeout
from pyvirtine.image import Image
from support.shipped import calls_in_pool, crash_line, misbehave, scale, split

C = pathlib.Path(__file__).parent / "c" / "shapes.c"


@pytest.fixture(scope="module")
def shapes():
    with pyvirtine.load(C, timeout=2.0) as mod:
        yield mod


def _in_fresh_process(tmp_path, payload: object, code: str) -> str:
    """Run ``code`` (``obj`` is ``payload`` unpickled) in a new interpreter with an empty
    build cache and no C compiler on PATH; its stdout."""
    cache = tmp_path / "cache"
    env = {"PYVIRTINE_CACHE": str(cache), "PATH": str(tmp_path / "no-compilers-here")}
    run = subprocess.run(
        [sys.executable, "-c", "import pickle, sys\nobj = pickle.loads(sys.stdin.buffer.read())\n"
         + code], input=pickle.dumps(payload), capture_output=True, env=env, cwd=tmp_path,
        timeout=120)
    assert run.returncode == 0, run.stderr.decode()
    assert not cache.exists() or not any(cache.iterdir()), "the worker compiled something"
    return run.stdout.decode()


@pytest.mark.parametrize("dumps", [pickle.dumps, cloudpickle.dumps], ids=["pickle", "cloudpickle"])
def test_round_trip_in_the_same_process_gives_the_same_function(kvm, dumps, shapes):
    for obj in (scale, misbehave, scale.virtine, shapes, shapes.step, shapes.upper):
        assert pickle.loads(dumps(obj)) is obj
    assert pickle.loads(dumps(scale))(6, 7) == 42


def test_functions_run_in_a_process_without_compiler_or_cache(kvm, tmp_path):
    out = _in_fresh_process(tmp_path, [scale, misbehave, scale, cloudpickle.dumps(
        lambda x: scale(x, 3))], """
s, m, again, closure = obj
assert again is s, "one function per process"
print(s(6, 7), m(b"four"), pickle.loads(closure)(5), s.__name__, s.__qualname__, s.__module__)
print(s.virtine.signature.prototype)
""")
    assert out.splitlines() == ["42 4 15 scale scale support.shipped", "int scale(int x, int k)"]


def test_modules_travel_with_their_classes(kvm, tmp_path, shapes):
    out = _in_fresh_process(tmp_path, [shapes, shapes.step, shapes.upper], """
mod, step, upper = obj
assert step is mod.step and upper is mod.upper
p = step({"x": 0, "y": 0}, mod.dir.NORTH)
out = bytearray(2)
print(p == mod.point(x=0, y=1), type(p) is mod.point, upper(b"hi", out), bytes(out).decode())
""")
    assert out.split() == ["True", "True", "2", "HI"]


def test_equal_modules_keep_their_own_classes():
    first, second = pyvirtine.load(C), pyvirtine.load(C)
    for mod in (first, second):
        assert pickle.loads(pickle.dumps(mod)) is mod
        point = pickle.loads(pickle.dumps(mod.point(x=1, y=2)))
        assert type(point) is mod.point and point == mod.point(x=1, y=2)
        assert pickle.loads(pickle.dumps(mod.dir.EAST)) is mod.dir.EAST


def test_a_process_keeps_the_last_unpickled_alive(tmp_path):
    from pyvirtine.function import VirtineFunction
    from pyvirtine.pickling import WARM
    many = [VirtineFunction(scale.virtine.image).as_function() for _ in range(WARM + 2)]
    out = _in_fresh_process(tmp_path, [pickle.dumps(f) for f in many], """
import gc, os
from pyvirtine import pickling
tokens = [pickling._recipes[pickle.loads(data).virtine][0] for data in obj]
gc.collect()
print(len(pickling._warm), *((os.getpid(), token) in pickling._known for token in tokens))
""")
    assert out.split() == [str(WARM), "False", "False"] + ["True"] * WARM


def test_images_pickle_by_value(shapes):
    image = shapes.step.virtine.image
    assert pickle.loads(pickle.dumps(image)) == image
    assert Image.from_bytes(pickle.loads(pickle.dumps(image)).to_bytes()) == image


def test_errors_keep_every_field(kvm):
    raised = []
    for data in (b"c", b"t", b"p"):
        with pytest.raises(pyvirtine.VirtineError) as e:
            misbehave(data)
        raised.append(e.value)
    raised.append(pyvirtine.VirtineCompileError("x.c:1:2: error: bad"))
    for error in raised:
        for dumps in (pickle.dumps, cloudpickle.dumps):
            copy = pickle.loads(dumps(error))
            assert type(copy) is type(error)
            assert (str(copy), copy.args, vars(copy)) == (str(error), error.args, vars(error))
    crash = pickle.loads(pickle.dumps(raised[0]))
    assert crash_line() in crash.location and crash.registers["cr2"] == 0xdead0000


@pytest.mark.parametrize("context", ["spawn", "fork"])
def test_process_pool_executor(kvm, context, shapes):
    # This process holds scale with a booted pool: a forked worker must not use that pool.
    assert pickle.loads(pickle.dumps(scale))(2, 3) == 6
    with concurrent.futures.ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context(context)) as pool:
        assert list(pool.map(scale, range(20), [3] * 20)) == [3 * i for i in range(20)]
        assert list(pool.map(misbehave, [b"", b"abc"])) == [0, 3]
        # The worker kept scale's pool warm across its tasks.
        assert pool.submit(calls_in_pool, scale).result() >= 20
        with pytest.raises(VirtineCrash) as crash:
            pool.submit(misbehave, b"crash").result()
        assert crash_line() in crash.value.location and crash.value.reason == "exception 14"
        with pytest.raises(VirtineTimeout):
            pool.submit(misbehave, b"timeout").result()
        with pytest.raises(VirtinePolicyError) as denied:
            pool.submit(misbehave, b"print").result()
        assert denied.value.hypercall == "write"
        assert pool.submit(os.getpid).result() != os.getpid()
        # Struct and enum values come back as the caller's own classes.
        moved = pool.submit(shapes.step, shapes.point(x=0, y=0), shapes.dir.NORTH).result()
        assert type(moved) is shapes.point and moved == shapes.point(x=0, y=1)
        assert pool.submit(shapes.turn, shapes.dir.WEST).result() is shapes.dir.NORTH
        quotient = pool.submit(split, 7, 2).result()
        assert type(quotient) is type(split(7, 2)) and quotient == split(7, 2)
