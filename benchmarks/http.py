"""HTTP throughput and latency of examples/http_server with each request handled in
a virtine (built by virtinecc) against the same sources built with plain cc (the
virtines paper's Figure 13 case).  The load generator (``loadgen.c``) sends a
bounded number of requests to 127.0.0.1 only; each server exits after serving them.
Target: throughput with virtines >= 0.75x without."""
from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .native import load
from .timing import interleaved

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "examples" / "http_server"
TARGET = 0.75
WARMUP = 200
_RESULT = re.compile(r"requests=(\d+) errors=(\d+) seconds=(\S+) rps=(\S+) p50_us=(\S+) "
                     r"p99_us=(\S+)")


def build(directory: Path) -> dict[str, Path]:
    """The two servers and the load generator, built in ``directory``."""
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    virtinecc = [sys.executable, "-m", "pyvirtine.virtinecc"]
    include = subprocess.run([*virtinecc, "--print-virtine-include"], env=env, check=True,
                             capture_output=True, text=True).stdout.strip()
    sources = [str(SOURCES / "server.c"), str(SOURCES / "handler.c")]
    out = {name: directory / name for name in ("virtines", "native", "loadgen")}
    subprocess.run([*virtinecc, "-O2", "-pthread", *sources, "-o", str(out["virtines"])],
                   env=env, check=True)
    subprocess.run(["cc", "-O2", "-pthread", f"-I{include}", *sources, "-o", str(out["native"])],
                   check=True)
    subprocess.run(["cc", "-O2", "-pthread", str(SOURCES / "loadgen.c"), "-o",
                    str(out["loadgen"])], check=True)
    return out


def measure(server: Path, loadgen: Path, requests: int, concurrency: int,
            path: str = "/fib/15") -> dict:
    """One server run: warm up, then ``requests`` at ``concurrency``; the server exits."""
    proc = subprocess.Popen([str(server), "0", str(WARMUP + requests)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        port = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+)\n", proc.stdout.readline())
        if port is None:
            raise RuntimeError(f"{server.name} did not start: {proc.stderr.read()}")

        def load(n: int) -> list[float]:
            out = subprocess.run([str(loadgen), port.group(1), str(n), str(concurrency), path],
                                 capture_output=True, text=True, check=True, timeout=600).stdout
            m = _RESULT.search(out)
            if m is None or int(m.group(2)):
                raise RuntimeError(f"load generator against {server.name}: {out}")
            return [float(v) for v in m.groups()]
        load(WARMUP)
        total, _, seconds, rps, p50, p99 = load(requests)
        proc.wait(timeout=60)
        return {"requests": total, "seconds": seconds, "rps": rps, "p50_us": p50, "p99_us": p99}
    finally:
        proc.kill()
        proc.wait()


def run(quick: bool = False) -> dict:
    """Median requests/s and latency (us) of both servers, and the throughput ratio."""
    requests, concurrency = (1000, 4) if quick else (10000, 8)
    rounds: dict[str, list[dict]] = {"virtines": [], "native": []}
    with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
        built = build(Path(tmp))
        for _ in range(3):  # interleaved, so a slow phase of the machine hits both
            for name in rounds:
                rounds[name].append(measure(built[name], built["loadgen"], requests,
                                            concurrency))
    results: dict = {"requests": requests, "concurrency": concurrency, "target": TARGET}
    for name, runs in rounds.items():
        results[name] = {key: statistics.median(r[key] for r in runs)
                         for key in ("rps", "p50_us", "p99_us")}
    results.update(_exit_bound(results["native"]["rps"]))
    results["ratio"] = results["virtines"]["rps"] / results["native"]["rps"]
    return results


def _exit_bound(native_rps: float) -> dict:
    """The best ratio any virtine server could reach here: the machine is CPU-bound
    under this load, so each request's one unavoidable VM exit adds its raw cost to the
    CPU time a native request takes (all CPUs divided by the native rate)."""
    ffi, lib = load()
    bare = lib.baseline_exit_open(3)
    if bare == ffi.NULL:
        raise RuntimeError("cannot run the bare VM baseline")
    raw = interleaved({"raw": lambda: lib.baseline_exit_once(bare)}, 2000)["raw"]
    lib.baseline_exit_close(bare)
    native_cpu_us = (os.cpu_count() or 1) * 1e6 / native_rps
    return {"raw_exit_cpl3": raw, "native_cpu_us": native_cpu_us,
            "exit_bound": native_cpu_us / (native_cpu_us + raw)}


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
