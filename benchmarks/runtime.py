"""Runtime benchmarks (issue: virtine runtime): pyvirtine beside the raw KVM primitives,
measured in the same run so the ratios hold on any machine.

Rows (medians): raw `out` exit round trip at CPL3 and CPL0 (bare VM, no pyvirtine code),
a warm isolated call through the C API and from Python (pool + snapshot + reset), one
hypercall, cold start (new pool to first result) beside a bare VM's create + first exit,
start latency against image size, and calls/s with 1 and 2 Python threads.
"""
from __future__ import annotations

import statistics
import struct

from pyvirtine.host import host_info
from pyvirtine.runtime import Virtine
from tests.support.asm_guests import asm_image

from .native import load, raw_exit_rate
from .timing import Sampler, calls_per_second, interleaved, scaling, timed

# One call: read the u64 argument, return it + 1. HCALLS more hypercalls when asked.
def _guest(hypercalls: int = 0) -> str:
    loop = f"""
    mov ${hypercalls}, %ebx
1:  test %ebx, %ebx
    jz 2f
    mov $1, %edi
    hcall 12
    dec %ebx
    jmp 1b
2:""" if hypercalls else ""
    return f"""
    hcall 13
{loop}
    mov ARGAREA, %rax
    add $1, %rax
    mov %rax, ARGAREA
    xor %edi, %edi
    mov $8, %esi
    hcall 0
"""


HYPERCALLS = 100
SIZES = [16 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20]
RESET_LOOPS = 10000


def _reset_loop(reset: bool) -> str:
    """A guest timing RESET_LOOPS rounds of dirtying the vector, x87 and FS state (and,
    with ``reset``, the trampoline's reset of that state as this host's trampoline does
    it); returns TSC ticks per round and the TSC kHz the host published."""
    info = host_info()
    dirty = ["vpbroadcastd %eax, %zmm0" if "AVX-512" in info.guest_features
             else "vmovd %eax, %xmm0\n    vpbroadcastd %xmm0, %ymm0",
             "fld1\n    fstp %st(0)"]
    steps = ["xor %eax, %eax", "mov %eax, %ds", "mov %eax, %es", "mov %eax, %fs",
             "mov %eax, %gs"]
    if info.xcr0:
        steps += ["mov $-1, %eax", "mov $-1, %edx", "xrstor64 0x8000"]
    else:
        steps += ["fxrstor64 0x8000"]
    if "FSGSBASE" in info.guest_features:
        dirty.append("wrfsbase %rbx")
        steps += ["mov 0x3fe0, %rax", "wrfsbase %rax", "mov 0x3fe8, %rax", "wrgsbase %rax"]
    body = "\n    ".join(dirty + (steps if reset else []))
    return f"""
    hcall 13
    rdtsc
    shl $32, %rdx
    or %rax, %rdx
    mov %rdx, %r12
    mov ${RESET_LOOPS}, %r13d
    mov $0x5000, %ebx
1:  mov $7, %eax
    {body}
    dec %r13d
    jnz 1b
    rdtsc
    shl $32, %rdx
    or %rax, %rdx
    sub %r12, %rdx
    mov %rdx, ARGAREA
    mov 0x3ff0, %rax
    mov %rax, ARGAREA+8
    xor %edi, %edi
    mov $16, %esi
    hcall 0
"""


def reset_cost_ns(rounds: int) -> float:
    """Nanoseconds the trampoline's CPU-state reset takes (best round, dirty state each
    time): the same instructions run RESET_LOOPS times in a guest, less the loop."""
    per_round = {}
    for reset in (False, True):
        with Virtine(asm_image(_reset_loop(reset)), allow=["times"]) as v:
            ticks = []
            for _ in range(rounds):
                total, khz = struct.unpack("<QQ", v.call().result)
                ticks.append(total / RESET_LOOPS)
        if not khz:
            raise RuntimeError("the host published no TSC rate: cannot time the reset")
        per_round[reset] = min(ticks) * 1e6 / khz
    return per_round[True] - per_round[False]


def run(quick: bool = False) -> dict:
    ffi, lib = load()
    n = 500 if quick else 3000
    buf = ffi.new(f"double[{n}]")
    arg = struct.pack("<Q", 1)
    results: dict = {"n": n}

    def c_samples(fill, count: int = n) -> float:
        rc = fill(count, buf)
        if rc:
            raise RuntimeError(f"benchmark loop failed ({rc})")
        return statistics.median(list(buf)[:count])

    def c_pool(image, **options):
        data = image.to_bytes()
        opt = ffi.new("struct vt_options *", {"pool_size": 1, "capture": 1, "snapshot": 1,
                                              **options})
        res = ffi.new("struct vt_result *")
        pool = lib.vt_pool_create(data, len(data), opt, res)
        if pool == ffi.NULL:
            raise RuntimeError(ffi.string(res.message).decode())
        return pool

    plain, chatty = asm_image(_guest()), asm_image(_guest(HYPERCALLS))
    pool = c_pool(plain, pool_size=2)
    hpool = c_pool(chatty, allow=1 << 12)
    virtine = Virtine(plain)
    for _ in range(200):  # warm caches and pages before any measurement
        virtine.call(arg)
    one = ffi.new("double[1]")

    def c_call(p) -> Sampler:
        def sample() -> float:
            if lib.bench_calls(p, arg, 8, 1, one):
                raise RuntimeError("benchmark call failed")
            return one[0]
        return sample
    bare3, bare0 = lib.baseline_exit_open(3), lib.baseline_exit_open(0)
    if bare3 == ffi.NULL or bare0 == ffi.NULL:
        raise RuntimeError("cannot run the bare VM baseline")
    # Each row is sampled in turn with the raw exits, so the machine's phases hit all.
    results.update(interleaved({
        "raw_exit_cpl3": lambda: lib.baseline_exit_once(bare3),
        "raw_exit_cpl0": lambda: lib.baseline_exit_once(bare0),
        "warm_call_c": c_call(pool), "warm_call_python": timed(lambda: virtine.call(arg)),
    }, n))
    hypercall_n = max(50, n // 10)
    both = interleaved({"raw": lambda: lib.baseline_exit_once(bare3),
                        "warm_call_c": c_call(pool), "hypercall_call": c_call(hpool)},
                       hypercall_n)
    results["hypercall"] = (both["hypercall_call"] - both["warm_call_c"]) / HYPERCALLS
    results["hypercall_raw_exit"] = both["raw"]  # its baseline, from the same turns
    lib.baseline_exit_close(bare3)
    lib.baseline_exit_close(bare0)
    rounds: dict[str, list[float]] = {k: [] for k in (
        "reset_none", "reset_dirty_log", "reset_madvise")}
    for _ in range(3):
        for method, key in enumerate(rounds):
            rounds[key].append(c_samples(lambda k, b: lib.baseline_reset_cost(method, k, b)))
    for key, values in rounds.items():
        results[key] = statistics.median(values)
    lib.vt_pool_destroy(hpool)

    cold_n = 20 if quick else 60

    def bare_cold() -> float:
        if lib.baseline_cold_start(1, one):
            raise RuntimeError("cannot run the bare VM baseline")
        return one[0]
    data = plain.to_bytes()

    def cold_start() -> None:
        with Virtine(data) as v:
            v.call(arg)
    cold = interleaved({"raw_cold": bare_cold, "cold_start": timed(cold_start)}, cold_n)
    results.update(cold)

    images = {size: asm_image(_guest(), mem=size + (4 << 20),
                              payload_data=b"\x5a" * size).to_bytes() for size in SIZES}
    cold_by_size = interleaved(
        {size: timed(lambda d=d: Virtine(d).call(arg)) for size, d in images.items()},
        max(5, cold_n // 4))
    pools = {size: Virtine(d) for size, d in images.items()}
    for v in pools.values():
        for _ in range(100):
            v.call(arg)
    warm_by_size = interleaved({size: timed(lambda v=v: v.call(arg))
                                for size, v in pools.items()}, n)
    for v in pools.values():
        v.close()
    results["by_size"] = [{"size": size, "warm_call": warm_by_size[size],
                           "cold_start": cold_by_size[size]} for size in SIZES]

    with Virtine(plain, pool_size=2) as v, raw_exit_rate(ffi, lib) as raw_exits:
        results.update(scaling({
            "threads": lambda k, s: calls_per_second(lambda _: v.call(arg), k, s),
            "threads_c": lambda k, s: lib.bench_calls_per_second(pool, arg, 8, k, s),
            "threads_raw": raw_exits}, rounds=4 if quick else 80))
    lib.vt_pool_destroy(pool)
    virtine.close()
    results["reset_cpu_state_ns"] = reset_cost_ns(5 if quick else 21)
    return results


def report(r: dict) -> list[str]:
    """RESULTS.md lines: each row's median beside its same-run baseline and target."""
    small, large = r["by_size"][0], r["by_size"][-1]
    rows = [  # (measurement, value, unit, baseline, ratio, target; negative = at least)
        ("warm isolated call (C API)", r["warm_call_c"], "us", "raw CPL3 exit",
         r["warm_call_c"] / r["raw_exit_cpl3"], 1.2),
        ("warm isolated call (Python)", r["warm_call_python"], "us", "raw CPL3 exit",
         r["warm_call_python"] / r["raw_exit_cpl3"], 1.3),
        ("hypercall round trip", r["hypercall"], "us", "raw CPL3 exit",
         r["hypercall"] / r["hypercall_raw_exit"], 1.2),
        ("cold start (new pool to first result)", r["cold_start"], "us", "bare VM create+exit",
         r["cold_start"] / r["raw_cold"], 1.5),
        (f"warm start, {large['size'] >> 20} MiB image", large["warm_call"], "us",
         f"{small['size'] >> 10} KiB image", large["warm_call"] / small["warm_call"], 1.5),
        ("calls/s with 2 Python threads", r["threads"][2], "calls/s", "1 thread",
         r["threads"]["ratio"], -1.8),
        ("calls/s with 2 C threads (C API)", r["threads_c"][2], "calls/s", "1 thread",
         r["threads_c"]["ratio"], -1.8),
    ]
    lines = ["## Runtime", "",
             f"Raw `out` exit round trip: CPL3 {r['raw_exit_cpl3']:.1f} us, CPL0 "
             f"{r['raw_exit_cpl0']:.1f} us. Bare VM create + first exit + destroy: "
             f"{r['raw_cold']:.0f} us. Raw exits from 2 threads, each on its own bare VM, in the "
             "same rounds as the thread rows: "
             f"{r['threads_raw']['ratio']:.2f}x the exits/s of 1 (what this machine lets "
             "the thread rows below reach).", "",
             "| measurement | median | baseline | ratio | target | met |",
             "|---|---|---|---|---|---|"]
    for name, value, unit, baseline, ratio, target in rows:
        met = ratio >= -target if target < 0 else ratio <= target
        bound = f">= {-target}" if target < 0 else f"<= {target}"
        lines.append(f"| {name} | {value:,.1f} {unit} | {baseline} | {ratio:.2f}x | {bound} | "
                     f"{'yes' if met else 'NO'} |")
    lines += ["", f"Resetting the CPU state ring 3 can write (the trampoline's null selectors, "
              f"XRSTOR of XCR0 {host_info().xcr0:#x} and FS/GS base where ring 3 has FSGSBASE;"
              f" timed in a guest, dirty state every round): {r['reset_cpu_state_ns']:.0f} ns, "
              f"{r['reset_cpu_state_ns'] / 10 / r['raw_exit_cpl3']:.1f}% of a raw CPL3 exit.",
              "", "Resetting guest memory after a call that dirtied one page (added per call, "
              "same run; pyvirtine's row also holds its argument copy, trampoline and result):",
              "", "| strategy | added us |", "|---|---|"]
    lines += [f"| {name} | {added:.1f} |" for name, added in reset_strategies(r)]
    lines += ["", "Start latency by image size (payload of writable data; a cold start copies "
              "and checksums the image once per pool):", "",
              "| image | warm start (us) | cold start (us) |", "|---|---|---|"]
    lines += [f"| {row['size'] >> 10} KiB | {row['warm_call']:.1f} | {row['cold_start']:.0f} |"
              for row in r["by_size"]]
    return lines + ["", "![runtime](runtime.png)", ""]


def reset_strategies(r: dict) -> list[tuple[str, float]]:
    """Microseconds each way of resetting guest memory adds to one call."""
    return [("guest page-table dirty bits (pyvirtine)", r["warm_call_c"] - r["raw_exit_cpl3"]),
            ("KVM dirty log + copy back", r["reset_dirty_log"] - r["reset_none"]),
            ("MAP_PRIVATE snapshot + madvise(DONTNEED)", r["reset_madvise"] - r["reset_none"])]


def plot(r: dict, path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    bars = [("raw exit\nCPL0", r["raw_exit_cpl0"]), ("raw exit\nCPL3", r["raw_exit_cpl3"]),
            ("hypercall", r["hypercall"]), ("warm call\nC API", r["warm_call_c"]),
            ("warm call\nPython", r["warm_call_python"])]
    left.bar([b[0] for b in bars], [b[1] for b in bars],
             color=["#999", "#999", "#4a7", "#37a", "#37a"])
    left.set_ylabel("microseconds (median)")
    left.set_title("Call latency vs. the raw KVM exit (cf. virtines Fig. 8)")
    sizes = [row["size"] / 1024 for row in r["by_size"]]
    right.plot(sizes, [row["cold_start"] / 1000 for row in r["by_size"]], "o-",
               label="cold start (new pool)")
    right.plot(sizes, [row["warm_call"] / 1000 for row in r["by_size"]], "s-",
               label="warm start (pool + snapshot)")
    right.axhline(r["raw_cold"] / 1000, color="#999", ls="--", label="bare VM create + exit")
    right.set_xscale("log", base=2)
    right.set_yscale("log")
    right.set_xlabel("image size (KiB)")
    right.set_ylabel("milliseconds (median)")
    right.set_title("Start latency vs. image size (cf. Fig. 12)")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
