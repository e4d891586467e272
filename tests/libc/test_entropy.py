"""Every call starts from the same snapshot, yet draws fresh randomness: rand() unseeded,
getentropy() and virtine_random() differ from call to call; srand() still repeats."""
from __future__ import annotations

from pathlib import Path

import pytest

from support.kvm import HOST
from pyvirtine.program import build_program, pack_argv
from pyvirtine.runtime import Virtine

PROGRAM = Path(__file__).parent / "programs" / "entropy.c"


@pytest.fixture(scope="module")
def image():
    return build_program(str(PROGRAM), PROGRAM.read_text(), allow=("write",))


def _draws(virtine: Virtine, *argv: str, calls: int = 4) -> list[list[str]]:
    outs = [virtine.call(pack_argv(["entropy", *argv])) for _ in range(calls)]
    assert all(o.status == 0 for o in outs), outs
    return [o.stdout.decode().split() for o in outs]


@pytest.mark.parametrize("host_entropy", [False, True], ids=["cpu-or-host", "host"])
def test_each_call_draws_fresh_randomness(kvm, image, host_entropy):
    with Virtine(image, host_entropy=host_entropy) as v:
        draws = _draws(v)
        assert v.stats().vms_created == 1  # one VM, one snapshot, every call
    rands = [tuple(d[:2]) for d in draws]
    keys = [d[2] for d in draws]
    assert len(set(rands)) == len(draws), f"rand() repeated across calls: {rands}"
    assert len(set(keys)) == len(draws) and all(len(k) == 64 for k in keys), keys
    assert all(d[3] == "1" for d in draws)  # getentropy(257 bytes) fails with EIO


def test_srand_still_makes_rand_repeatable(kvm, image):
    with Virtine(image) as v:
        draws = _draws(v, "7")
    assert len({tuple(d[:2]) for d in draws}) == 1
    assert len({d[2] for d in draws}) == len(draws)  # getentropy is fresh regardless


def test_rdrand_costs_no_exit_and_the_host_one_per_draw(kvm, image):
    if "RDRAND" not in HOST.guest_features:
        pytest.skip(f"guest ring 3 has no RDRAND on this host ({HOST.cpu})")
    argv = pack_argv(["entropy"])
    with Virtine(image) as cpu, Virtine(image, host_entropy=True) as host:
        # rand()'s seed and the 32-byte key; the refused 257-byte draw asks nobody
        assert host.call(argv).exits - cpu.call(argv).exits == 2
