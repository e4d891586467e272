"""Virtines on a real Dask cluster: a LocalCluster of two worker processes, started here."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest
from distributed import Client, LocalCluster

import pyvirtine
import pyvirtine.dask
from pyvirtine import KVMUnavailable, VirtineCrash, VirtinePolicyError, VirtineTimeout
from support.kvm import KVM_MISSING
from support.shipped import calls_in_pool, crash_line, misbehave, scale

SHAPES = pathlib.Path(__file__).parents[1] / "python" / "c" / "shapes.c"


@pytest.fixture(scope="module")
def client():
    if KVM_MISSING:
        pytest.skip(KVM_MISSING)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        yield client


def test_client_map_works_as_it_is(client):
    futures = client.map(scale, range(40), [3] * 40)
    assert client.gather(futures) == [3 * i for i in range(40)]
    assert client.submit(misbehave, b"four").result() == 4
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids


def test_map_batches_calls_on_warm_pools(client, capsys):
    before = sum(client.run(calls_in_pool, scale).values())
    results = pyvirtine.dask.map(scale, range(1000), [2] * 1000, batch=50, progress=True)
    assert results == [2 * i for i in range(1000)]
    assert "100% Completed" in capsys.readouterr().out
    # 20 tasks, but one pool per worker process ran all their calls.
    assert sum(client.run(calls_in_pool, scale).values()) >= before + 1000
    assert pyvirtine.dask.map(scale, [], []) == []


def test_errors_reach_the_client_typed_with_the_c_line(client):
    with pytest.raises(VirtineCrash) as crash:
        client.submit(misbehave, b"crash").result()
    assert crash_line() in crash.value.location
    assert crash.value.reason == "exception 14" and crash.value.registers["cr2"] == 0xdead0000
    with pytest.raises(VirtineTimeout):
        client.submit(misbehave, b"timeout").result()
    with pytest.raises(VirtinePolicyError) as denied:
        pyvirtine.dask.map(misbehave, [b"fine", b"print", b"fine"], batch=2)
    assert denied.value.hypercall == "write"


def test_map_can_return_each_calls_exception(client):
    results = pyvirtine.dask.map(misbehave, [b"ok", b"crash", b"timeout", b"print", b"done"],
                                 batch=2, return_exceptions=True)
    assert results[0] == 2 and results[4] == 4
    assert [type(r) for r in results[1:4]] == [VirtineCrash, VirtineTimeout,
                                               VirtinePolicyError]
    assert crash_line() in results[1].location and results[3].hypercall == "write"


def test_loaded_modules_run_on_workers(client):
    with pyvirtine.load(SHAPES) as shapes:
        moved = pyvirtine.dask.map(shapes.step, [shapes.point(x=0, y=0)] * 4, list(shapes.dir))
        assert moved == [shapes.point(x=0, y=1), shapes.point(x=1, y=0),
                         shapes.point(x=0, y=-1), shapes.point(x=-1, y=0)]
        assert client.submit(shapes.turn, shapes.dir.WEST).result() is shapes.dir.NORTH
        assert client.submit(shapes.bump).result() == 1


def test_a_worker_without_kvm_says_so(kvm, tmp_path):
    """A worker in a mount namespace whose /dev has no kvm node (the rest is the host's)."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to give a worker a /dev without kvm")
    real = tmp_path / "dev"
    setup = (f"set -e; mkdir -p {real}; mount --bind /dev {real}; mount -t tmpfs nokvm /dev; "
             "for d in null zero full random urandom tty; do "
             f"touch /dev/$d; mount --bind {real}/$d /dev/$d; done; "
             f"mkdir /dev/shm; mount --bind {real}/shm /dev/shm; exec \"$@\"")
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                            setup, "sh", "test", "!", "-e", "/dev/kvm"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a mount namespace here: {probe.stderr.decode().strip()}")
    with LocalCluster(n_workers=0, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        worker = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", setup, "sh",
             sys.executable, "-m", "distributed.cli.dask_worker", cluster.scheduler_address,
             "--nthreads", "1", "--no-nanny", "--no-dashboard"],
            env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
            stdout=subprocess.DEVNULL, stderr=open(tmp_path / "worker.log", "wb"))
        try:
            client.wait_for_workers(1, timeout=60)
            (address,) = client.nthreads()
            with pytest.raises(KVMUnavailable, match="cannot open /dev/kvm"):
                client.submit(scale, 1, 2).result()
            with pytest.raises(KVMUnavailable,
                               match=f"Dask worker {address}: virtines cannot run on this "
                                     "host: cannot open /dev/kvm"):
                pyvirtine.dask.map(scale, [1, 2], [3, 4], return_exceptions=True)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
