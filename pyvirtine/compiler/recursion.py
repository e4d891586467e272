"""Recursive inlining by cloning, as gcc -O2 does and LLVM does not.

LLVM's inliner never inlines a call to the function it is in, so a small self-recursive
function (``fib``) pays a real call at every level. Before the pass pipeline, each such
function ``f`` gets ``DEPTH - 1`` internal ``alwaysinline`` copies chained through its
direct self-calls, ``f -> f.recursion-1 -> ... -> f.recursion-(DEPTH-1) -> f``; the
inliner folds the chain back into ``f``, which then runs ``DEPTH`` levels per call and
lets the optimizer simplify across levels (for ``fib`` it even merges the repeated
``fib(n - 3)``). The copies die once inlined. Tail self-calls are not redirected: each
copy keeps them, and tail call elimination makes them loops in every copy.

``f`` keeps its name, linkage and address: only call instructions whose callee is ``f``
itself change, never ``&f`` or a call through a pointer, and static locals are globals
the copies share. The copies are made on the module's IR text, the one representation
LLVM both prints and reads back in full (llvmlite cannot clone a function). Each copy
gets its own debug subprogram and locations (the verifier wants one subprogram per
function), named like the original, so its line rows still say ``file.c:LINE``; a copy
that somehow outlives inlining is reported under ``original_name``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

import llvmlite.binding as llvm

from .abi import RETURNS_TWICE
from .target import target_machine

# gcc's max-inline-insns-recursive-auto bounds the function after recursive inlining
# to 450 of its instructions. Ours counts IR instructions after SROA and instcombine
# (close to gcc's GIMPLE statements) over every copy of the body the chain puts into
# ``f``: with ``s`` non-tail self-calls, depth ``d`` makes 1 + s + ... + s**(d-1) copies.
# fib (12 instructions) reaches depth 3 with 84; a 60-instruction tree walk gets 2.
MAX_TOTAL_INSTRUCTIONS = 400
# gcc goes 8 deep. Measured natively against depth 1: fib(32) 19x faster at depth 2,
# 10x at 3, 8x at 4 (at 2 its repeated calls merge best; gcc's fib is 2x faster
# than depth 1); Ackermann 1.5x at 2, 1.9x at 3 and 4; a tree walk 1.2-2x at 2-4
# (noisy). Depth 4 doubles depth 3's code for binary recursion and gains little more.
MAX_DEPTH = 3
# Every inlined copy's arrays and structs land in ``f``'s frame (gcc's large-stack-frame
# is 256 bytes): a recursion that is deep already must not need more stack per level.
MAX_FRAME_BYTES = 256

CLONE_SUFFIX = ".recursion-"  # '-' is in no C identifier and no name codegen makes
_CLONE_NAME = re.compile(r"\.recursion-\d+$")

# Linkages whose definition is the one a self-call runs (not replaceable at link time).
_OWN_DEFINITION = {llvm.Linkage.external, llvm.Linkage.internal, llvm.Linkage.private,
                   llvm.Linkage.linkonce_odr, llvm.Linkage.weak_odr}
_BAD_OPCODES = {"indirectbr", "callbr", "invoke"}

# IR text tokens: a quoted string (skipped whole), a global name, a metadata node number.
_TOKEN = re.compile(r'(?P<string>[!c]?"[^"]*")'
                    r'|(?P<global>@(?:"[^"]*"|[-a-zA-Z$._0-9]+))(?P<call>\()?'
                    r'|!(?P<node>\d+)\b')
_LINKAGE = re.compile(r"^define (?:(?:private|internal|available_externally|linkonce|weak|"
                      r"common|appending|extern_weak|linkonce_odr|weak_odr|external|"
                      r"hidden|protected|default) )*")
_SECTION = re.compile(r'section "[^"]*"')
_COMDAT = re.compile(r" comdat(?:\([^)]*\))?")
_METADATA = re.compile(r"^!(\d+) = (.*)$")
# Debug nodes that can belong to one function (a compile unit or a global never does).
_FUNCTION_LOCAL = re.compile(r"(?:distinct )?!(?:DILocation|DILexicalBlock|DILexicalBlockFile|"
                             r"DILocalVariable|DILabel|\{)")


def original_name(symbol: str) -> str:
    """The C function a symbol's code comes from: a clone's name without its suffix."""
    return _CLONE_NAME.sub("", symbol)


@dataclass
class _Plan:
    name: str
    tail: list[bool]   # per direct self-call in instruction order: is its value returned?
    clones: list[str]


def inline_recursion(module: llvm.ModuleRef) -> llvm.ModuleRef:
    """``module`` with every small self-recursive function set up to be inlined into
    itself; the same module when there is none."""
    taken = {f.name for f in module.functions} | {g.name for g in module.global_variables}
    target_data = llvm.create_target_data(module.data_layout)
    simplify = None
    plans = {}
    text = str(module)
    naming = _naming_themselves(text)
    # The named types, for sizing an aggregate in a module of its own (_frame_bytes).
    sizes = _Sizes(target_data, "".join(line + "\n" for line in text.split("\n")
                                        if _TYPE_DEFINITION.match(line)))
    for fn in module.functions:
        if fn.is_declaration or fn.name not in naming or not _self_calls(fn):
            continue
        # Counted and inspected as the pipeline's first passes leave it.
        simplify = simplify or _passes(["sroa", "instcombine", "simplifycfg"])
        simplify(fn)
        tail = _self_calls(fn)
        depth = _depth(fn, tail.count(False), sizes)
        if depth > 1:
            clones = [_fresh(fn.name + CLONE_SUFFIX, k, taken) for k in range(1, depth)]
            plans[fn.name] = _Plan(fn.name, tail, clones)
    if not plans:
        return module
    cloned = llvm.parse_assembly(_clone_functions(str(module), plans))
    cloned.name = module.name
    eliminate_tail_calls = _passes(["tailcallelim"])
    names = {f.name for f in cloned.functions}
    for plan in plans.values():
        for name in [plan.name, *plan.clones]:
            if name in names:  # not when _clone_functions left the function alone
                eliminate_tail_calls(cloned.get_function(name))
        for clone in plan.clones:
            if clone in names:
                cloned.get_function(clone).add_function_attribute("alwaysinline")
    cloned.verify()
    return cloned


def _passes(names: list[str]) -> Callable[[llvm.ValueRef], None]:
    """A function pass pipeline of ``names``, passes the default pipeline runs anyway."""
    passes = llvm.create_new_function_pass_manager()
    for name in names:
        {"sroa": passes.add_sroa_pass, "instcombine": passes.add_instruction_combine_pass,
         "simplifycfg": passes.add_simplify_cfg_pass,
         "tailcallelim": passes.add_tail_call_elimination_pass}[name]()
    builder = llvm.create_pass_builder(target_machine(2), llvm.create_pipeline_tuning_options())
    return lambda fn: passes.run(fn, builder)


def _fresh(prefix: str, k: int, taken: set[str]) -> str:
    name = f"{prefix}{k}"
    while name in taken:
        name += "_"
    taken.add(name)
    return name


def _naming_themselves(text: str) -> set[str]:
    """The functions whose body (in the module's IR ``text``) mentions ``@name(``:
    necessary for a self-call. Found in one pass over the text the module prints once:
    printing each function alone costs a walk of the whole module's metadata (28 ms a
    function in a big file with debug info), and asking for each call's callee costs
    several FFI calls per instruction."""
    found: set[str] = set()
    name, call = None, ""
    for line in text.split("\n"):
        if line.startswith("define "):
            name = _defined_name(line)
            call = _ref(name) + "(" if name else ""
        elif line == "}":
            name = None
        elif name is not None and call in line:
            found.add(name)
    return found


def _self_calls(fn: llvm.ValueRef) -> list[bool]:
    """Per direct self-call of ``fn``, in order: whether it is a tail call."""
    tail = []
    for block in fn.blocks:
        instructions = list(block.instructions)
        for call, following in zip(instructions, instructions[1:]):
            if call.opcode == "call" and _is_function(_callee(call)) \
                    and _callee(call).name == fn.name:
                tail.append(_returned(call, following, block, fn))
    return tail


def _returned(call: llvm.ValueRef, following: llvm.ValueRef, block: llvm.ValueRef,
              fn: llvm.ValueRef) -> bool:
    """Whether ``fn`` returns what ``call`` returns, straight or through a phi: tail
    recursion, which becomes a loop, so copying the function for it gains nothing."""
    if following.opcode == "ret":
        return not list(following.operands) or _same(list(following.operands)[0], call)
    if following.opcode != "br" or len(list(following.operands)) != 1:
        return False
    target = list(following.operands)[0].name
    successor = next((b for b in fn.blocks if target and b.name == target), None)
    if successor is None:
        return False
    *phis, last = successor.instructions
    if last.opcode != "ret" or any(phi.opcode != "phi" for phi in phis):
        return False
    if not list(last.operands):
        return True
    result = list(last.operands)[0]
    return any(_same(phi, result) and any(
        _same(value, call) and source.name == block.name
        for value, source in zip(phi.operands, phi.incoming_blocks)) for phi in phis)


def _same(a: llvm.ValueRef, b: llvm.ValueRef) -> bool:
    return bool(a.name) and a.name == b.name and a.value_kind == b.value_kind


def _callee(call: llvm.ValueRef) -> llvm.ValueRef:
    return list(call.operands)[-1]


def _is_function(value: llvm.ValueRef) -> bool:
    return value.value_kind == llvm.ValueKind.function


def _depth(fn: llvm.ValueRef, calls: int, sizes: "_Sizes") -> int:
    """How many levels of ``fn`` one call should run, 1 for a function left alone;
    ``calls`` counts its self-calls that are not tail calls; ``types`` holds the
    module's type definitions."""
    if (calls == 0 or fn.linkage not in _OWN_DEFINITION
            or fn.global_value_type.is_function_vararg
            or _attributes(fn) & {"noinline", "optnone"}):
        return 1
    size = 0
    frame = 0
    for index, block in enumerate(fn.blocks):
        for instr in block.instructions:
            size += 1
            if instr.opcode in _BAD_OPCODES or any(
                    op.value_kind == llvm.ValueKind.block_address for op in instr.operands):
                return 1
            if instr.opcode == "alloca":
                bytes_ = _static_alloca_bytes(instr, index, sizes)
                if bytes_ is None:  # a VLA: each inlined level would grow the stack more
                    return 1
                frame += bytes_
            if instr.opcode == "call":
                callee = _callee(instr)
                if callee.value_kind == llvm.ValueKind.inline_asm or _is_function(callee) and (
                        callee.name in RETURNS_TWICE):  # (an operand's attributes read empty)
                    return 1
    if frame > MAX_FRAME_BYTES or size * (1 + calls) > MAX_TOTAL_INSTRUCTIONS or _has_loop(fn):
        return 1
    depth = 1
    while depth < MAX_DEPTH and \
            size * sum(calls ** k for k in range(depth + 1)) <= MAX_TOTAL_INSTRUCTIONS:
        depth += 1
    return depth


def _has_loop(fn: llvm.ValueRef) -> bool:
    """Whether ``fn``'s control flow has a cycle. Such a function spends its time in the
    loop rather than in calls (quicksort), and inlining copies of the loop into the loop
    only grows the code."""
    blocks = list(fn.blocks)
    if any(not block.name for block in blocks[1:]):
        return True  # blocks known by number only: assume the worst (the entry has no
                     # predecessors, so it may be unnamed)
    successors = {block.name: [op.name for op in list(block.instructions)[-1].operands
                               if op.value_kind == llvm.ValueKind.basic_block]
                  for block in blocks}
    on_path, done = set(), set()

    def visit(block: str) -> bool:
        on_path.add(block)
        for successor in successors[block]:
            if successor in on_path or successor not in done and visit(successor):
                return True
        on_path.discard(block)
        done.add(block)
        return False

    return visit(next(iter(successors)))


def _attributes(fn: llvm.ValueRef) -> set[str]:
    return {word for group in fn.attributes for word in group.decode().split()}


_TYPE_DEFINITION = re.compile(r"%\S+ = type ")
_ALLOCA = re.compile(r"= alloca (?P<type>.*?)(?:, i\d+ -?\d+)?, align \d+")
_SCALAR = re.compile(r"i\d+|ptr|half|float|double|x86_fp80|fp128")


@dataclass
class _Sizes:
    target_data: llvm.TargetData
    types: str  # the module's named type definitions, as IR text

    def of(self, ir_type: str) -> int:
        """The bytes of ``ir_type``: those of a global of it, in a module of its own."""
        probe = llvm.parse_assembly(f"{self.types}@probe = external global {ir_type}\n")
        return self.target_data.get_abi_size(probe.get_global_variable("probe").global_value_type)


def _static_alloca_bytes(instr: llvm.ValueRef, block_index: int,
                         sizes: _Sizes) -> Optional[int]:
    """The bytes an entry-block alloca of a constant count reserves, None otherwise."""
    count = list(instr.operands)[0]
    match = _ALLOCA.search(str(instr))
    if block_index != 0 or count.value_kind != llvm.ValueKind.constant_int or match is None:
        return None
    allocated = match.group("type")
    if _SCALAR.fullmatch(allocated):
        return 0  # promoted to a register
    return sizes.of(allocated) * count.get_constant_value()


def _clone_functions(text: str, plans: dict[str, _Plan]) -> str:
    lines = text.split("\n")
    metadata = {int(m.group(1)): m.group(2) for m in map(_METADATA.match, lines) if m}
    next_node = max(metadata, default=-1) + 1
    out: list[str] = []
    new_nodes: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        plan = plans.get(_defined_name(line)) if line.startswith("define ") else None
        if plan is None:
            out.append(line)
            i += 1
            continue
        end = lines.index("}", i)
        body = lines[i:end + 1]
        chain = [plan.name, *plan.clones, plan.name]
        try:
            copies = [_redirect_self_calls(body, plan, plan.name, chain[1])]
            for k, clone in enumerate(plan.clones, start=1):
                copy = _redirect_self_calls(body, plan, clone, chain[k + 1])
                copy[0] = _as_internal_clone(copy[0], clone)
                copy, nodes, next_node = _own_debug_nodes(copy, metadata, next_node)
                copies.append(copy)
                new_nodes += nodes
        except _Unexpected:
            copies = [body]  # the text is not what the analysis saw: leave f alone
        for copy in copies:
            out += copy + [""]
        i = end + 1
    return "\n".join(out + new_nodes) + "\n"


class _Unexpected(Exception):
    """The IR text does not match the instructions the module holds."""


def _defined_name(define_line: str) -> Optional[str]:
    token = _first_global(define_line)
    return _name_of(token.group("global")) if token else None


def _first_global(line: str) -> Optional[re.Match]:
    return next((m for m in _TOKEN.finditer(line) if m.group("global")), None)


def _name_of(token: str) -> str:
    """The symbol an ``@name`` / ``@"quoted\\22name"`` token stands for."""
    name = token[1:]
    if not name.startswith('"'):
        return name
    return re.sub(r"\\([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), name[1:-1])


def _ref(name: str) -> str:
    """``@name`` as LLVM writes it."""
    if re.fullmatch(r"[-a-zA-Z$._][-a-zA-Z$._0-9]*", name):
        return "@" + name
    return '@"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\{ord(c):02X}"
                          for c in name) + '"'


def _redirect_self_calls(body: list[str], plan: _Plan, this: str, deeper: str) -> list[str]:
    """``body``, the copy named ``this``, with its direct self-calls made calls to
    ``deeper``, tail calls to ``this`` (to become loops); other mentions of the name (its
    address, strings) are left alone."""
    count = 0

    def redirect(match: re.Match) -> str:
        nonlocal count
        if not match.group("call") or _name_of(match.group("global")) != plan.name:
            return match.group(0)
        if count >= len(plan.tail):
            raise _Unexpected(plan.name)
        count += 1
        return _ref(this if plan.tail[count - 1] else deeper) + "("

    copy = [body[0], *(_TOKEN.sub(redirect, line) for line in body[1:])]
    if count != len(plan.tail):
        raise _Unexpected(plan.name)
    return copy


def _as_internal_clone(define_line: str, clone: str) -> str:
    name = _first_global(define_line)
    line = define_line[:name.start()] + _ref(clone) + define_line[name.end("global"):]
    line = _LINKAGE.sub("define internal ", line, count=1)
    line = _SECTION.sub(f'section ".text.{clone}"', line)
    return _COMDAT.sub("", line)


def _own_debug_nodes(body: list[str], metadata: dict[int, str],
                     next_node: int) -> tuple[list[str], list[str], int]:
    """Give a cloned body copies of the debug nodes that belong to its function: its
    subprogram and everything that refers to it (lexical blocks, locations)."""
    subprogram = re.search(r"!dbg !(\d+)", body[0].rsplit(")", 1)[-1])
    if subprogram is None:
        return body, [], next_node
    reachable = _reachable(_node_refs(body), metadata)
    owned = {int(subprogram.group(1))}
    changed = True
    while changed:
        grown = {n for n in reachable if n not in owned and _FUNCTION_LOCAL.match(metadata[n])
                 and _node_refs([metadata[n]]) & owned}
        owned |= grown
        changed = bool(grown)
    renumber = {}
    for node in sorted(owned):
        renumber[node] = next_node
        next_node += 1

    def remap(line: str) -> str:
        return _TOKEN.sub(lambda m: f"!{renumber[int(m.group('node'))]}"
                          if m.group("node") and int(m.group("node")) in renumber
                          else m.group(0), line)

    nodes = [f"!{renumber[n]} = {remap(metadata[n])}" for n in sorted(owned)]
    return [remap(line) for line in body], nodes, next_node


def _node_refs(lines: Iterable[str]) -> set[int]:
    return {int(m.group("node")) for line in lines for m in _TOKEN.finditer(line)
            if m.group("node")}


def _reachable(roots: set[int], metadata: dict[int, str]) -> set[int]:
    seen: set[int] = set()
    todo = [n for n in roots if n in metadata]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo += [n for n in _node_refs([metadata[node]]) if n in metadata]
    return seen
