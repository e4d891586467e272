"""``python -m benchmarks [--quick]`` (what ``make bench`` runs): every benchmark suite,
medians and ratios against baselines measured in the same run. Writes
benchmarks/RESULTS.md (with the command that made it), results.json and the plots."""
from __future__ import annotations

import argparse
import datetime
import json
import platform
import sys
from pathlib import Path

from . import runtime

HERE = Path(__file__).resolve().parent


def machine() -> str:
    backend = "kvm-pvm (paravirtual)" if Path("/sys/module/kvm_pvm").exists() else "hardware KVM"
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    return f"{cpu}, {backend}, Linux {platform.release()}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer samples (a smoke run)")
    args = parser.parse_args()
    command = "python -m benchmarks" + (" --quick" if args.quick else "")

    results = runtime.run(quick=args.quick)
    rows = runtime.report(results)
    lines = [
        "# Benchmark results", "",
        f"Made by `{command}` (`make bench`) on {datetime.date.today()}: {machine()}.",
        "Every ratio compares two medians measured in the same run.", "",
        "## Runtime", "",
        f"Raw `out` exit round trip: CPL3 {results['raw_exit_cpl3']:.1f} us, "
        f"CPL0 {results['raw_exit_cpl0']:.1f} us. Bare VM create + first exit + destroy: "
        f"{results['raw_cold']:.0f} us.", "",
        "| measurement | median | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for name, value, baseline, ratio, target in rows:
        unit = "calls/s" if "calls/s" in name else "us"
        met = ratio >= -target if target < 0 else ratio <= target
        bound = f">= {-target}" if target < 0 else f"<= {target}"
        lines.append(f"| {name} | {value:,.1f} {unit} | {baseline} | {ratio:.2f}x | {bound} | "
                     f"{'yes' if met else 'NO'} |")
    lines += ["", "Resetting guest memory after a call, one dirtied page (added per call, same run;"
              " pyvirtine's row also includes its argument copy, trampoline and result):", "",
              "| strategy | added us |", "|---|---|"]
    lines += [f"| {name} | {added:.1f} |" for name, added in runtime.reset_strategies(results)]
    lines += ["", "Start latency by image size (payload of writable data):", "",
              "| image | warm start (us) | cold start (us) |", "|---|---|---|"]
    for row in results["by_size"]:
        lines.append(f"| {row['size'] >> 10} KiB | {row['warm_call']:.1f} | "
                     f"{row['cold_start']:.0f} |")
    lines += ["", "![runtime](runtime.png)", ""]
    text = "\n".join(lines)
    print(text)
    (HERE / "RESULTS.md").write_text(text)
    (HERE / "results.json").write_text(json.dumps(results, indent=1))
    runtime.plot(results, HERE / "runtime.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
