"""Virtines on a real local Ray cluster (two CPUs), started here."""
from __future__ import annotations

import pathlib

import pytest
import ray

import pyvirtine
import pyvirtine.ray
from pyvirtine import VirtineCrash, VirtinePolicyError, VirtineTimeout
from support.kvm import KVM_MISSING
from support.shipped import calls_in_pool, crash_line, misbehave, scale

TESTS = pathlib.Path(__file__).parents[1]
SHAPES = TESTS / "python" / "c" / "shapes.c"


@pytest.fixture(scope="module", autouse=True)
def cluster():
    if KVM_MISSING:
        pytest.skip(KVM_MISSING)
    # The workers import support.shipped for calls_in_pool (the virtines travel by value).
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(TESTS)}})
    yield
    ray.shutdown()


def test_ray_tasks_call_virtines():
    remote = ray.remote(lambda x: scale(x, 5))
    assert ray.get([remote.remote(i) for i in range(10)]) == [5 * i for i in range(10)]
    with pytest.raises(VirtineCrash) as crash:  # Ray's RayTaskError(VirtineCrash)
        ray.get(ray.remote(lambda: misbehave(b"crash")).remote())
    assert crash_line() in crash.value.location


def test_map_batches_calls_on_warm_pools():
    assert pyvirtine.ray.map(scale, range(1000), [2] * 1000, batch=50) == \
        [2 * i for i in range(1000)]
    # 20 tasks; each worker process ran its share on one pool.
    counts = ray.get([ray.remote(calls_in_pool).remote(scale) for _ in range(4)])
    assert max(counts) >= 50


def test_errors_are_the_calls_own():
    with pytest.raises(VirtineCrash) as crash:
        pyvirtine.ray.map(misbehave, [b"fine", b"crash", b"fine"], batch=1)
    assert type(crash.value) is VirtineCrash and crash_line() in crash.value.location
    results = pyvirtine.ray.map(misbehave, [b"ok", b"timeout", b"print"],
                                return_exceptions=True)
    assert results[0] == 2 and type(results[1]) is VirtineTimeout
    assert type(results[2]) is VirtinePolicyError and results[2].hypercall == "write"


def test_loaded_modules_run_on_workers():
    with pyvirtine.load(SHAPES) as shapes:
        moved = pyvirtine.ray.map(shapes.step, [shapes.point(x=0, y=0)] * 2,
                                  [shapes.dir.NORTH, shapes.dir.WEST])
        assert moved == [shapes.point(x=0, y=1), shapes.point(x=-1, y=0)]
