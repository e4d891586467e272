"""``python -m benchmarks [--quick] [SUITE...]`` (what ``make bench`` runs): the benchmark
suites, medians and ratios against baselines measured in the same run. Writes
benchmarks/RESULTS.md (with the command that made it), results.json and the plots."""
from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import platform
import sys
from pathlib import Path

from . import (compile_speed, compute, dask_scale, http, js, library_compile, python_api,
               runtime, virtinecc)
from .timing import one_cpu

HERE = Path(__file__).resolve().parent
SUITES = ["runtime", "python", "compute", "sqlite", "virtinecc", "js", "http", "dask", "compile"]


def machine() -> str:
    from pyvirtine.host import host_info
    info = host_info()
    return (f"{info.cpu}, KVM {info.backend.split(' (')[0]}, XCR0 {info.xcr0:#x} "
            f"({info.xsave_size}-byte XSAVE area), Linux {platform.release()}, "
            f"Python {platform.python_version()}")


def virtinecc_report(r: dict) -> list[str]:
    return ["## virtinecc", "",
            f"A trivial virtine called from a C host built by virtinecc: median "
            f"{r['call_site']:.1f} us per call against a raw CPL3 exit of "
            f"{r['raw_exit_cpl3']:.1f} us: **{r['ratio']:.2f}x** (the median of {r['rounds']} "
            f"rounds' own ratios; target <= {r['target']}).", ""]


def http_report(r: dict) -> list[str]:
    rows = [f"| {name} | {r[name]['rps']:,.0f} | {r[name]['p50_us']:.0f} | "
            f"{r[name]['p99_us']:.0f} |" for name in ("native", "virtines")]
    return ["## HTTP server (virtines paper, Figure 13)", "",
            f"{r['requests']} requests at concurrency {r['concurrency']} on 127.0.0.1, "
            "each handled in a virtine or natively:", "",
            "| server | requests/s | p50 us | p99 us |", "|---|---|---|---|", *rows, "",
            f"Throughput with virtines: **{r['ratio']:.2f}x** without (target >= {r['target']}).",
            "",
            f"Bound on this machine: the load keeps every CPU busy, so a native request costs "
            f"{r['native_cpu_us']:.0f} us of CPU (CPUs / requests per second), and the one VM "
            f"exit a virtine needs costs {r['raw_exit_cpl3']:.0f} us raw (same run). A server "
            f"whose virtines added nothing but that exit would reach "
            f"{r['exit_bound']:.2f}x.", ""]


REPORTS = {"runtime": runtime.report, "python": python_api.report, "compute": compute.report,
           "sqlite": library_compile.report, "virtinecc": virtinecc_report, "js": js.report,
           "http": http_report, "dask": dask_scale.report, "compile": compile_speed.report}
MODULES = {"runtime": runtime, "python": python_api, "compute": compute, "sqlite": library_compile,
           "virtinecc": virtinecc, "js": js, "http": http, "dask": dask_scale,
           "compile": compile_speed}
# These spread over every CPU, as a server's load, Dask's workers and a build's steps do.
ALL_CPUS = {"http", "dask", "compile"}


PLOTS = {"runtime": runtime.plot, "js": js.plot}
RESULTS_JSON = HERE / "results.json"


def load_results() -> dict:
    """What earlier runs measured, by suite: a run of some suites keeps the others' sections
    (each stamped with the run that made it) instead of erasing them."""
    if not RESULTS_JSON.exists():
        return {}
    # JSON turned the suites' integer keys (thread counts, image sizes) into strings.
    stored = json.loads(RESULTS_JSON.read_text(), object_hook=lambda d: {
        int(k) if k.lstrip("-").isdigit() else k: v for k, v in d.items()})
    return {suite: entry for suite, entry in stored.items()
            if suite in SUITES and isinstance(entry, dict) and "results" in entry}


def render(stored: dict) -> str:
    header = ["# Benchmark results", "",
              "`make bench` (`python -m benchmarks`) runs every suite; `python -m benchmarks "
              "SUITE...` reruns some and keeps the others' sections. Each section names the "
              "command, date and machine that made it. Every ratio compares two medians "
              "measured in the same run, the two sampled in alternating blocks "
              "(`benchmarks/timing.py`) so the machine's drifts in speed hit both (thread "
              "scaling: the median of each round's ratio of a 2-thread to a 1-thread window, "
              "with the raw exits' own scaling taken in the same rounds), and all but the "
              "thread rows, the HTTP server, Dask and compile speed run on one CPU, as this "
              "machine's CPUs can differ in speed by 2x for seconds; on a shared or paravirtual "
              "machine repeat the run to see the spread between runs.", ""]
    lines = []
    for suite in SUITES:
        if suite in stored:
            entry = stored[suite]
            section = REPORTS[suite](entry["results"])
            stamp = f"Made by `{entry['command']}` on {entry['date']}: {entry['machine']}."
            lines += section[:2] + [stamp, ""] + section[2:]
    return "\n".join(header + lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    parser.add_argument("suites", nargs="*", choices=SUITES + [[]], default=[],
                        help=f"which suites to run (default: all of {', '.join(SUITES)})")
    args = parser.parse_args()
    suites = args.suites or SUITES
    command = " ".join(["python -m benchmarks", *(["--quick"] if args.quick else []),
                        *args.suites])
    stored = load_results()
    for suite in suites:
        print(f"running {suite} ...", file=sys.stderr, flush=True)
        with contextlib.nullcontext() if suite in ALL_CPUS else one_cpu():
            result = MODULES[suite].run(quick=args.quick)
        stored[suite] = {"command": command, "date": str(datetime.date.today()),
                         "machine": machine(), "results": result}
    text = render(stored)
    print(text)
    (HERE / "RESULTS.md").write_text(text)
    RESULTS_JSON.write_text(json.dumps(stored, indent=1))
    for suite, plot in PLOTS.items():
        if suite in suites:
            plot(stored[suite]["results"], HERE / f"{suite}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
