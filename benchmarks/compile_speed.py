"""How long virtinecc takes to compile a file of virtines (``compile_speed.c``: fourteen
virtines, about two hundred lines): ``virtinecc -O2 -c`` cold (an empty cache: the guest
libc is compiled too, as on the first build after installing or upgrading pyvirtine)
and after an edit (one line of one virtine changed: the file is compiled again, the
libc is found), per virtine, next to ``cc -O2 -c`` of the same file in the same rounds.
Runs on every CPU: independent build steps use them all (``pyvirtine/parallel.py``)."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SOURCE = HERE / "compile_speed.c"
EDITED_LINE = "    return n < 2 ? n : fib(n - 1) + fib(n - 2);"


def _seconds(command: list, cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def run(quick: bool = False) -> dict:
    """Median seconds over the rounds: ``cold``, ``after_edit`` and ``cc`` for the
    whole file, ``virtines`` in it, and the same per virtine."""
    rounds = 2 if quick else 5
    text = SOURCE.read_text()
    virtines = text.count("\nvirtine ")
    assert EDITED_LINE in text
    samples: dict[str, list[float]] = {"cold": [], "after_edit": [], "cc": []}
    with tempfile.TemporaryDirectory(prefix="bench-compile-") as tmp:
        work = Path(tmp)
        source = work / "file.c"
        env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
        virtinecc = [sys.executable, "-m", "pyvirtine.virtinecc", "-O2", "-c", "file.c",
                     "-o", "file.o"]
        include = subprocess.run(virtinecc[:3] + ["--print-virtine-include"], env=env,
                                 capture_output=True, text=True, check=True).stdout.strip()
        for round_ in range(rounds):
            env["PYVIRTINE_CACHE"] = str(work / f"cache-{round_}")
            source.write_text(text)
            samples["cold"].append(_seconds(virtinecc, work, env))
            # A change the preprocessed text shows (a comment would not be one).
            edited = EDITED_LINE.replace("2 ?", f"{2 + round_} ?")
            source.write_text(text.replace(EDITED_LINE, edited))
            samples["after_edit"].append(_seconds(virtinecc, work, env))
            samples["cc"].append(_seconds(["cc", "-O2", "-c", f"-I{include}", "file.c", "-o",
                                           "native.o"], work, env))
    result: dict = {"rounds": rounds, "virtines": virtines, "cpus": len(os.sched_getaffinity(0))}
    for name, values in samples.items():
        result[name] = statistics.median(values)
        result[f"{name}_per_virtine"] = result[name] / virtines
    return result


def report(r: dict) -> list[str]:
    return ["## Compile speed", "",
            f"`virtinecc -O2 -c` of `benchmarks/compile_speed.c` ({r['virtines']} virtines, "
            f"on {r['cpus']} CPUs), median of {r['rounds']} rounds:", "",
            "| | whole file s | per virtine ms |", "|---|---|---|",
            f"| cold (empty cache: the guest libc too) | {r['cold']:.2f} | "
            f"{r['cold_per_virtine'] * 1e3:.0f} |",
            f"| after an edit | {r['after_edit']:.2f} | {r['after_edit_per_virtine'] * 1e3:.0f} |",
            f"| `cc -O2 -c`, the same file natively | {r['cc']:.2f} | "
            f"{r['cc_per_virtine'] * 1e3:.0f} |", ""]


if __name__ == "__main__":
    for line in report(run(quick="--quick" in sys.argv)):
        print(line)
