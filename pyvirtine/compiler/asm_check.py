"""Check inline assembly in a child process before LLVM sees it in this one.

LLVM reports an instruction it cannot assemble, or an operand it cannot place, by
ending the process (``LLVM ERROR``, or an error and exit(1)): a compile error would
take the caller's Python down with it. So each asm statement that has instructions
is first emitted alone, with the same template, constraints and operand types (file-scope
asm alone in a module), in a child interpreter; the first one the child dies on is reported at its statement with
LLVM's own message. A program without asm, or with only empty barriers, costs
nothing."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import llvmlite.ir as ir

from .diagnostics import CompileFailure
from .target import TRIPLE

_CHILD = r"""
import json, sys
import llvmlite.binding as llvm
from pyvirtine.compiler.target import target_machine
machine = target_machine(0)
for i, text in enumerate(json.load(sys.stdin)):
    print(i, flush=True)
    module = llvm.parse_assembly(text)
    module.verify()
    machine.emit_object(module)
print("done", flush=True)
"""


def function_module(template: str, constraints: str, signature: object,
                    values: list) -> str:
    """An asm statement alone in a function; its operands are parameters but for
    constants (immediate operands must stay constants)."""
    params = ", ".join(f"{t} %a{i}" for i, t in enumerate(signature.args))
    args = ", ".join(str(v) if isinstance(v, ir.Constant) else f"{t} %a{i}"
                     for i, (t, v) in enumerate(zip(signature.args, values)))
    return (f'target triple = "{TRIPLE}"\n'
            f"define void @check({params}) {{\n"
            f'  call {signature.return_type} asm sideeffect "{template}", "{constraints}"'
            f"({args})\n  ret void\n}}\n")


def file_module(asm_lines: list[str]) -> str:
    """File-scope asm alone in a module (``asm_lines``: its ``module asm`` lines)."""
    return f'target triple = "{TRIPLE}"\n' + "".join(line + "\n" for line in asm_lines)


def check_inline_asm(checks: list) -> None:
    """``checks``: (coord, module text) of each asm statement that has instructions
    (an empty template is a barrier only)."""
    if not checks:
        return
    proc = subprocess.run([sys.executable, "-c", _CHILD],
                          input=json.dumps([text for _, text in checks]),
                          capture_output=True, text=True, timeout=120)
    if proc.returncode == 0 and proc.stdout.split()[-1:] == ["done"]:
        return
    started = proc.stdout.split()
    failed = int(started[-1]) if started and started[-1].isdigit() else 0
    raise CompileFailure(f"invalid inline assembly: {_llvm_message(proc.stderr)}",
                         checks[failed][0])


def _llvm_message(stderr: str) -> str:
    for line in stderr.splitlines():
        m = re.search(r"(?:LLVM ERROR|error): (?:<inline asm>:\d+:\d+: )?(.*)", line)
        if m:
            return m.group(1).strip()
    return stderr.strip().splitlines()[-1] if stderr.strip() else "LLVM rejected it"
