"""JavaScript in a virtine (virtines paper, Figure 14): Duktape serving one request per
call, beside Duktape natively with a heap per request (as the paper's baseline), in
alternating rounds of the same run. The contenders: native, a virtine that makes the
heap in the call, and a virtine started from the snapshot taken after the heap was made
(examples/js), called from C (the launcher's API, as the paper's Wasp host) and from
Python (``eval_js``). Ratios are the median of the rounds' own ratios to native."""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyvirtine

from .native import load

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "examples" / "js"))
from duktape_sources import duktape_dir  # noqa: E402

SCRIPT = ("JSON.stringify({squares: [1, 2, 3, 4, 5, 6, 7, 8].map(function (x) "
          "{ return x * x; }), greeting: 'hello, ' + 'virtine'.toUpperCase()})")
TARGET = 0.5
ROUNDS = 15


def run(quick: bool = False) -> dict:
    sources = duktape_dir()
    per_round = 20 if quick else 100
    with tempfile.TemporaryDirectory() as tmp:
        native = Path(tmp, "js_native")
        subprocess.run(["gcc", "-O2", f"-I{sources}", "-o", str(native),
                        str(HERE / "js_native.c"), str(sources / "duktape.c"), "-lm"], check=True)
        start = time.perf_counter()
        engines = pyvirtine.load(HERE / "js_virtines.c", include_dirs=[str(sources)],
                                 memory="32M")
        build_s = time.perf_counter() - start
        expected = subprocess.run([str(native), "1", SCRIPT], capture_output=True,
                                  text=True, check=True).stderr.strip()
        assert engines.eval_snapshot(SCRIPT) == expected
        engines.eval_fresh(SCRIPT)

        def calls(f) -> float:
            times = []
            for _ in range(per_round):
                t = time.perf_counter()
                f(SCRIPT)
                times.append((time.perf_counter() - t) * 1e6)
            return statistics.median(times)
        from_c = _c_caller(engines.eval_snapshot, per_round)
        rounds = []
        for _ in range(3 if quick else ROUNDS):
            out = subprocess.run([str(native), str(per_round), SCRIPT], capture_output=True,
                                 text=True, check=True).stdout.split()
            rounds.append({"native": statistics.median(map(float, out)),
                           "fresh": calls(engines.eval_fresh), "snapshot_c": from_c(),
                           "snapshot": calls(engines.eval_snapshot)})
        engines.close()
    kinds = ("native", "fresh", "snapshot_c", "snapshot")
    return {**{f"{k}_us": statistics.median(r[k] for r in rounds) for k in kinds},
            **{f"{k}_ratio": statistics.median(r[k] / r["native"] for r in rounds)
               for k in kinds[1:]},
            "rounds": len(rounds), "per_round": per_round, "build_s": build_s,
            "script": SCRIPT}


def _c_caller(function, n: int):
    """A round of ``n`` calls of ``function``'s virtine through the C API (``vt_call``,
    its arguments packed once), as a C host makes them; returns their median us."""
    ffi, lib = load()
    data = function.virtine.image.to_bytes()
    options = ffi.new("struct vt_options *", {"pool_size": 1, "capture": 1, "snapshot": 1})
    res = ffi.new("struct vt_result *")
    pool = lib.vt_pool_create(data, len(data), options, res)
    if pool == ffi.NULL:
        raise RuntimeError(ffi.string(res.message).decode())
    packer = function.virtine.packer
    args = bytes(packer.pack((SCRIPT,), {}, function.virtine.image.argarea_size).area)
    samples = ffi.new(f"double[{n}]")

    def round_() -> float:
        if lib.bench_calls(pool, args, len(args), n, samples):
            raise RuntimeError("a JavaScript call from C failed")
        return statistics.median(samples)
    return round_


def report(r: dict) -> list[str]:
    met = "yes" if r["snapshot_c_ratio"] <= TARGET else "NO"
    return ["## JavaScript (virtines paper, Figure 14)", "",
            f"Duktape serving one request (`{r['script']}`), median over {r['rounds']} "
            f"alternating rounds of {r['per_round']} requests each; ratios are the median of "
            "the rounds' own ratios to native:", "",
            "| how | per request (us) | ratio to native |", "|---|---|---|",
            f"| native, heap per request (gcc -O2) | {r['native_us']:.0f} | 1.00x |",
            f"| virtine, heap made in the call | {r['fresh_us']:.0f} | {r['fresh_ratio']:.2f}x |",
            f"| virtine from the snapshot after the heap was made, from C | "
            f"{r['snapshot_c_us']:.0f} | **{r['snapshot_c_ratio']:.2f}x** (target <= {TARGET}: "
            f"{met}) |",
            f"| the same from Python (`eval_js`) | {r['snapshot_us']:.0f} | "
            f"{r['snapshot_ratio']:.2f}x |", "",
            f"Building the two virtines (pyvirtine compiling the 115,000-line duktape.c, "
            f"fresh): {r['build_s']:.0f} s. ![js](js.png)", ""]


def plot(r: dict, path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 3.6))
    names = ["native\n(heap per request)", "virtine\n(heap in the call)",
             "virtine, snapshot\nafter init (C)", "same\n(Python)"]
    values = [r["native_us"], r["fresh_us"], r["snapshot_c_us"], r["snapshot_us"]]
    ax.bar(names, values, color=["#999", "#a74", "#37a", "#6ad"])
    for x, v in enumerate(values):
        ax.text(x, v, f"{v:.0f}", ha="center", va="bottom", fontsize=9)
    ax.set_ylabel("microseconds per request (median)")
    ax.set_title("Duktape request latency (cf. virtines Fig. 14)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
