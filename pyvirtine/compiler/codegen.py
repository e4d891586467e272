"""LLVM IR generation for a translation unit: file-scope declarations, global
objects, function definitions (with SysV parameter lowering) and local
declarations. Expressions, statements and initializers live in their mixins."""
from __future__ import annotations

from typing import Any, Optional

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .abi import RETURNS_TWICE, TypedPointer, extension_attr, plan_function, vararg_type
from .attributes import check_supported, declaration_attributes, find, startup_priority
from .atomics import AtomicGen
from .builtins import BuiltinGen
from .debuginfo import DebugInfo
from .declaration_checks import check_storage
from .declarations import DeclarationResolver, is_const_object
from .diagnostics import CompileFailure
from ..pragma_pack import PackPragmas
from .complex_ops import ComplexGen
from .expressions import I8, PTR, ExpressionGen, Value
from .gnu_codegen import GnuGen
from .gnu_parser import Asm
from .inline_asm import AsmGen, AsmModule
from .initializers import InitializerGen
from .sema import ConstEvaluator, Scopes, Symbol, string_literal_bytes
from .scopes import ScopeGen
from .statements import StatementGen
from .target import TRIPLE
from .varargs import VarargsGen


def is_volatile_object(node: c_ast.Decl) -> bool:
    """The declared object itself is volatile: ``volatile int x`` (the qualifier is on the
    declaration) or ``int *volatile p`` (on the outermost pointer declarator)."""
    outer = node.type
    return "volatile" in node.quals or (isinstance(outer, c_ast.PtrDecl) and
                                        "volatile" in outer.quals)


def opaque(value: Any) -> Any:
    """Give an llvmlite global/alloca the opaque ``ptr`` type LLVM 22 expects."""
    pointee = (value.ftype if isinstance(value, ir.Function) else
               value.value_type if isinstance(value, ir.GlobalVariable) else value.allocated_type)
    value.type = TypedPointer(pointee)
    return value


FRAME_POINTER = '"frame-pointer"="all"'

# GNU function attributes that are LLVM ones: they tell the optimiser what the author knows.
_LLVM_FUNCTION_ATTRIBUTES = {"noinline": "noinline", "always_inline": "alwaysinline",
                             "noreturn": "noreturn", "cold": "cold"}


class FunctionAttributes(ir.values.FunctionAttributes):
    """llvmlite's function attributes, plus the string attribute that makes every
    function keep its frame pointer: a crashed guest's backtrace is read from the chain
    of frame pointers on its stack (``hypervisor/postmortem.c``)."""
    _known = ir.values.FunctionAttributes._known | {FRAME_POINTER}


class CodeGen(DeclarationResolver, ExpressionGen, ComplexGen, BuiltinGen, AtomicGen,
              VarargsGen, GnuGen, AsmGen, StatementGen, ScopeGen, InitializerGen):
    def __init__(self, filename: str, debug: bool, runs_destructors: bool = True) -> None:
        self.module = AsmModule(filename)
        self.module.triple = TRIPLE
        self.module.data_layout = ("e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-"
                                   "f80:128-n8:16:32:64-S128")
        self.debug = DebugInfo(self.module, filename, debug)
        self.scopes = Scopes()
        self.consts = ConstEvaluator(self.scopes, self.resolve_type, self.type_of,
                                     self.constant_builtin, self.operand_type)
        self.builder: Optional[ir.IRBuilder] = None
        self.strings: dict = {}
        self.counter = 0
        self.fn_name: Optional[str] = None
        self.packing = PackPragmas()
        self._scratch = self._make_scratch()
        self.warnings: list[tuple[object, str]] = []  # (coord, message), in source order
        # "constructor"/"destructor" -> {function name: (priority, coord)}
        self.startup: dict[str, dict[str, tuple[int, object]]] = {"constructor": {},
                                                                  "destructor": {}}
        self.runs_destructors = runs_destructors
        self.asm_checks: list = []   # asm statements for asm_check, before LLVM sees them
        self.tag_definitions: dict[int, tuple] = {}

    def warn(self, message: str, coord: object) -> None:
        if (coord, message) not in self.warnings:   # type_of generates a node twice
            self.warnings.append((coord, message))

    # -- translation unit ---------------------------------------------------------

    def generate(self, ast: c_ast.FileAST) -> ir.Module:
        for ext in ast.ext:
            if isinstance(ext, c_ast.FuncDef):
                self.function_definition(ext)
            elif isinstance(ext, c_ast.Decl):
                self.file_declaration(ext)
            elif isinstance(ext, c_ast.Typedef):
                self.typedef(ext)
            elif isinstance(ext, c_ast.StaticAssert):
                self.static_assert(ext)
            elif isinstance(ext, c_ast.DeclList):
                for d in ext.decls:
                    self.file_declaration(d)
            elif isinstance(ext, c_ast.Pragma):
                self.pragma(ext)
            elif isinstance(ext, Asm):
                self.file_asm(ext)
        self._finish_file_scope()
        self._constructors()
        return self.module

    def _constructors(self) -> None:
        """For the functions ``__attribute__((constructor))`` marks, a ``.init_array``
        table per priority (``.init_array.N`` as gcc names them), which the linker
        gathers for crt0 to call once, before the snapshot (docs/ABI.md); for
        ``destructor``, ``.fini_array`` tables, which a program's ``exit`` runs backwards.
        The tables are written out here rather than through ``llvm.global_ctors``, which
        this LLVM target lowers to ``.ctors`` (run backwards, priorities inverted)."""
        tables = []
        for kind, section in (("constructor", ".init_array"), ("destructor", ".fini_array")):
            by_priority: dict[int, list] = {}
            for name, (priority, coord) in self.startup[kind].items():
                sym = self.scopes.names[0].get(name)
                if sym is None or sym.kind != "func" or sym.value is None or \
                        not sym.value.blocks:
                    raise CompileFailure(f"{kind} '{name}' is not a function defined in this "
                                         "file", coord)
                by_priority.setdefault(priority, []).append(sym.value)
            for priority, functions in sorted(by_priority.items()):
                table = ir.GlobalVariable(self.module, ir.ArrayType(PTR, len(functions)),
                                          self.unique_name(f"__virtine_{kind}s"))
                table.initializer = ir.Constant(table.value_type, functions)
                table.linkage = "internal"
                table.align = 8
                table.section = section + ("" if priority == 65535 else f".{priority:05d}")
                tables.append(opaque(table))
        if tables:  # kept though nothing refers to them
            used = ir.GlobalVariable(self.module, ir.ArrayType(PTR, len(tables)), "llvm.used")
            used.initializer = ir.Constant(used.value_type, tables)
            used.linkage = "appending"
            used.section = "llvm.metadata"

    def pragma(self, node: c_ast.Pragma) -> None:
        """``#pragma pack`` as gcc reads it; other pragmas are ignored (``#pragma
        pyvirtine ...`` lines mark functions for other tools)."""
        try:
            self.packing.apply(node.string or "")
        except ValueError as e:
            raise CompileFailure(str(e), node.coord) from None

    def typedef(self, node: c_ast.Typedef) -> None:
        check_storage(node, "file" if self.scopes.at_file_scope else "block", False)
        attributes = declaration_attributes(node)
        check_supported(attributes)
        t = self.with_mode(self.resolve_type(node.type), attributes)
        align = self.alignas(node, attributes)
        if align:
            if isinstance(t, T.StructType) and not t.complete:
                raise CompileFailure(f"aligned typedef of incomplete type '{t}'", node.coord)
            t = T.aligned_variant(t, align)
        previous = self.scopes.lookup_local(node.name)
        if previous is not None and (previous.kind != "typedef" or
                                     not T.compatible(previous.type, t)):
            raise CompileFailure(f"typedef redefinition with different types ('{t}' vs "
                                 f"'{previous.type}')" if previous.kind == "typedef" else
                                 f"redefinition of '{node.name}' as a different kind of "
                                 "symbol", node.coord)
        self.scopes.declare(node.name, Symbol("typedef", t))

    def static_assert(self, node: c_ast.StaticAssert) -> None:
        if not self.consts.integer(node.cond, "static assertion"):
            message = ""
            if node.message is not None:
                message = ": " + bytes(string_literal_bytes(node.message.value,
                                                            node.coord)[0]).decode()
            raise CompileFailure(f"static assertion failed{message}", node.coord)

    def declare_tag_only(self, node: c_ast.Decl) -> bool:
        """``struct S;`` introduces a new incomplete type in the current scope."""
        t = node.type
        if node.name is None and isinstance(t, (c_ast.Struct, c_ast.Union)) and \
                t.decls is None and t.name and self.scopes.lookup_tag(t.name, local=True) is None:
            self.scopes.declare_tag(t.name, T.StructType("struct" if isinstance(t, c_ast.Struct)
                                                         else "union", t.name))
            return True
        return False

    def file_declaration(self, node: c_ast.Decl) -> None:
        if self.declare_tag_only(node):
            return
        attributes = declaration_attributes(node)
        check_supported(attributes)
        t = self.with_mode(self.resolve_type(node.type), attributes)
        if node.name is None:
            return
        self.ignore_cleanup(attributes)
        storage = node.storage or []
        if "_Thread_local" in storage:
            raise CompileFailure("thread-local storage is not supported in virtines", node.coord)
        check_storage(node, "file", isinstance(t, T.FuncType))
        if isinstance(t, T.FuncType):
            if node.init is not None:
                raise CompileFailure("illegal initializer (only variables can be initialized)",
                                     node.coord)
            self.declare_function(node.name, t, "static" in storage, node.coord, attributes)
            return
        if node.init is not None and isinstance(t, T.ArrayType) and t.length is None:
            t = T.ArrayType(t.elem, self.initializer_length(t, node.init))
        sym = self.scopes.lookup_local(node.name)
        if sym is not None and sym.kind != "var":
            raise CompileFailure(f"redefinition of '{node.name}' as a different kind of symbol",
                                 node.coord)
        if sym is not None:
            self.check_redeclaration(node, sym, t, storage)
            if isinstance(sym.type, T.ArrayType) and sym.type.length is None:
                sym.type = t
            t = sym.type
            gv = sym.value
        else:
            gv = self.new_global(node.name, t, internal="static" in storage)
            sym = self.scopes.declare(node.name, Symbol("var", t, gv, "static" if "static" in
                                                        storage else None,
                                                        is_volatile_object(node),
                                                        const=is_const_object(node.type)))
        requested = self.alignas(node, attributes) or 1
        gv.align = max(gv.align, requested)
        sym.align = max(sym.align, requested)
        if "extern" in storage and node.init is None:
            return
        if node.init is not None:
            if gv.initializer is not None and not getattr(gv, "_tentative", False):
                raise CompileFailure(f"redefinition of '{node.name}'", node.coord)
            self.set_initializer(gv, t, node.init, self.is_const(node.type))
        elif gv.initializer is None:
            gv._tentative = True
            gv._ctype = t

    def check_redeclaration(self, node: c_ast.Decl, sym: Symbol, t: T.CType,
                            storage: list) -> None:
        """A file-scope object declared again: the same type, and no static after a
        declaration with external linkage."""
        if not T.compatible(sym.type, t):
            raise CompileFailure(f"redefinition of '{node.name}' with a different type: "
                                 f"'{t}' vs '{sym.type}'", node.coord)
        if "static" in storage and sym.storage != "static":
            raise CompileFailure(f"static declaration of '{node.name}' follows non-static "
                                 "declaration", node.coord)
        if sym.storage == "static" and not storage:
            raise CompileFailure(f"non-static declaration of '{node.name}' follows static "
                                 "declaration", node.coord)

    def _finish_file_scope(self) -> None:
        for gv in list(self.module.global_values):
            if getattr(gv, "_tentative", False) and gv.initializer is None:
                t = gv._ctype
                if isinstance(t, T.ArrayType) and t.length is None:
                    t = T.ArrayType(t.elem, 1)
                self.set_initializer(gv, t, None)
        for name, sym in self.scopes.names[0].items():
            if sym.kind == "func" and sym.storage == "static" and sym.value is not None and \
                    not sym.value.blocks:
                raise CompileFailure(f"function '{name}' is declared static and used but never "
                                     "defined", sym.coord)

    def is_const(self, node: c_ast.Node) -> bool:
        while isinstance(node, c_ast.ArrayDecl):
            node = node.type
        return isinstance(node, c_ast.TypeDecl) and "const" in (node.quals or [])

    def new_global(self, name: str, t: T.CType, internal: bool = False) -> ir.GlobalVariable:
        if name in self.module.globals:
            raise CompileFailure(f"redefinition of '{name}' as a different kind of symbol")
        gv = opaque(ir.GlobalVariable(self.module, ir.ArrayType(I8, max(t.size, 0)), name))
        gv.align = max(t.align, 16 if t.size >= 16 and isinstance(t, T.ArrayType) else 1)
        if internal:
            gv.linkage = "internal"
        return gv

    def set_initializer(self, gv: ir.GlobalVariable, t: T.CType, init: Optional[c_ast.Node],
                        constant: bool = False) -> None:
        value = self.static_initializer(t, init)
        gv.value_type = value.type
        gv.initializer = value
        gv._tentative = False
        zero = init is None or (value.constant is None)
        gv.global_constant = constant
        kind = ".rodata" if constant else ".bss" if zero else ".data"
        gv.section = f"{kind}.{gv.name}"

    def unique_name(self, base: str) -> str:
        self.counter += 1
        return f"{base}.{self.counter}"

    def string_global(self, data: list, elem: T.IntType) -> ir.GlobalVariable:
        key = (tuple(data), elem.size)
        if key not in self.strings:
            raw = b"".join(c.to_bytes(elem.size, "little") for c in data + [0])
            ty = ir.ArrayType(I8, len(raw))
            gv = opaque(ir.GlobalVariable(self.module, ty, self.unique_name(".str")))
            gv.initializer = ir.Constant(ty, bytearray(raw))
            gv.global_constant = True
            gv.linkage = "private"
            gv.unnamed_addr = True
            gv.align = elem.size
            self.strings[key] = gv
        return self.strings[key]

    def intrinsic(self, name: str, ret: ir.Type, args: list) -> ir.Function:
        fn = self.module.globals.get(name)
        if fn is None:
            fn = opaque(ir.Function(self.module, ir.FunctionType(ret, args), name))
        return fn

    # -- symbols ------------------------------------------------------------------

    def symbol_address(self, sym: Symbol, name: str) -> Any:
        if sym.kind == "func":
            if sym.value is None:
                sym.value = self.function_value(name, sym.type, sym.storage == "static")
                for attribute in sym.llvm_attributes:
                    sym.value.attributes.add(attribute)
            return sym.value
        return sym.value

    def declare_function(self, name: str, ft: T.FuncType, internal: bool,
                         coord: object, attributes: list = ()) -> Symbol:
        sym = self._declare_function(name, ft, internal, coord)
        for kind, table in self.startup.items():
            priority = startup_priority(attributes, kind, self.consts.integer)
            if priority is None:
                continue
            table[name] = (priority, find(attributes, kind).coord)
            if kind == "destructor" and not self.runs_destructors:
                self.warn("destructors do not run in virtine functions: a call's state is "
                          "thrown away, not torn down (they run when a program exits)",
                          find(attributes, kind).coord)
        for a in attributes:
            if a.name in _LLVM_FUNCTION_ATTRIBUTES:
                sym.llvm_attributes.add(_LLVM_FUNCTION_ATTRIBUTES[a.name])
                if sym.value is not None:
                    sym.value.attributes.add(_LLVM_FUNCTION_ATTRIBUTES[a.name])
        return sym

    def _declare_function(self, name: str, ft: T.FuncType, internal: bool,
                          coord: object) -> Symbol:
        sym = self.scopes.names[0].get(name)
        if sym is not None and sym.kind == "func" and internal and sym.storage != "static":
            raise CompileFailure(f"static declaration of '{name}' follows non-static "
                                 "declaration", coord)
        local = self.scopes.lookup_local(name)
        if local is not None and local.kind != "func":
            raise CompileFailure(f"redefinition of '{name}' as a different kind of symbol", coord)
        if sym is not None and sym.kind == "func":
            if sym.type.prototyped or not ft.prototyped:
                if ft.prototyped and not T.compatible(sym.type, ft):
                    raise CompileFailure(f"conflicting types for '{name}'", coord)
                return sym
            sym.type = ft
            sym.value = None
        elif sym is not None:
            raise CompileFailure(f"redefinition of '{name}' as a different kind of symbol", coord)
        else:
            sym = Symbol("func", ft, None, "static" if internal else None, coord=coord)
            self.scopes.names[0][name] = sym
        if not self.scopes.at_file_scope:
            self.scopes.declare(name, sym)
        return sym

    def function_value(self, name: str, ft: T.FuncType, internal: bool) -> ir.Function:
        plan = plan_function(ft)
        fn = self.module.globals.get(name)
        if fn is not None and fn.function_type != plan.llvm_type:
            if not isinstance(fn, ir.Function) or fn.blocks:
                raise CompileFailure(f"conflicting types for '{name}'")
            del self.module.globals[name]
            self.module.scope._useset.discard(name)
            fn = None
        if fn is None:
            fn = opaque(ir.Function(self.module, plan.llvm_type, name))
            fn.attributes = FunctionAttributes(["nounwind", FRAME_POINTER])
            if name in RETURNS_TWICE:  # LLVM must not keep values across it in registers
                fn.attributes.add("returns_twice")
            index = 0
            if plan.ret_kind == "sret":
                fn.args[0].add_attribute("sret")
                fn.args[0].attributes.align = max(ft.ret.align, 8)
                index = 1
            for ap in plan.args:
                if ap.kind == "direct" and extension_attr(ap.ctype):
                    fn.args[index].add_attribute(extension_attr(ap.ctype))
                if ap.kind == "byval":
                    fn.args[index].add_attribute("byval")
                    fn.args[index].attributes.align = 8
                index += len(ap.llvm_types)
            fn.section = f".text.{name}"
        if internal:
            fn.linkage = "internal"
        return fn

    def offsetof(self, node: c_ast.FuncCall) -> int:
        t = self.resolve_type(node.args.exprs[0])
        designator = node.args.exprs[1]
        chain = []
        while not isinstance(designator, c_ast.ID):
            chain.append(designator)
            designator = designator.name
        offset = 0
        path = t.member(designator.name) if isinstance(t, T.StructType) else None
        if path is None:
            raise CompileFailure(f"no member named '{designator.name}' in '{t}'", node.coord)
        offset, t = sum(m.offset for m in path), path[-1].type
        for d in reversed(chain):
            if isinstance(d, c_ast.StructRef):
                path = t.member(d.field.name) if isinstance(t, T.StructType) else None
                if path is None:
                    raise CompileFailure(f"no member named '{d.field.name}'", node.coord)
                offset, t = offset + sum(m.offset for m in path), path[-1].type
            else:
                offset += self.consts.integer(d.subscript) * t.elem.size
                t = t.elem
        return offset

    # -- type queries without code ------------------------------------------------

    def _make_scratch(self) -> ir.Function:
        module = ir.Module("scratch")
        return ir.Function(module, ir.FunctionType(ir.VoidType(), []), "scratch")

    def operand_type(self, node: c_ast.Node) -> T.CType:
        """Type of the operand of ``sizeof``, ``_Alignof`` or ``typeof``: not a bit-field."""
        return self.type_of(node, operand=True)

    def type_of(self, node: c_ast.Node, operand: bool = False) -> T.CType:
        """Type of an expression, generated into a throw-away block (for sizeof)."""
        saved = self.builder, getattr(self, "alloca_block", None)
        block = self._scratch.append_basic_block()
        self.builder = ir.IRBuilder(block)
        self.alloca_block = block
        try:
            if operand and self.is_lvalue_node(node) and self.lvalue(node).member is not None:
                raise CompileFailure("invalid application of 'sizeof' to a bit-field",
                                     node.coord)
            return self.value_type(node)
        finally:
            self.builder, self.alloca_block = saved
            self._scratch.blocks.clear()

    # -- functions ----------------------------------------------------------------

    def new_block(self, name: str) -> ir.Block:
        return self.builder.function.append_basic_block(name)

    def local_alloca(self, t: T.CType, name: str) -> ir.Value:
        b = ir.IRBuilder(self.alloca_block)
        if self.alloca_block.instructions:
            b.position_before(self.alloca_block.instructions[0])
        slot = opaque(b.alloca(T.llvm_type(t) if t.is_scalar() else ir.ArrayType(I8, t.size),
                               name=name))
        slot.align = max(t.align, 16 if t.size >= 16 else 1)
        return slot

    def function_definition(self, node: c_ast.FuncDef) -> None:
        decl = node.decl
        ft = self.resolve_type(decl.type)
        if not isinstance(ft, T.FuncType):
            raise CompileFailure(f"'{decl.name}' is not a function but has a function body",
                                 decl.coord)
        if node.param_decls:
            ft = self.kr_function_type(node, ft)
        storage = decl.storage or []
        attributes = declaration_attributes(decl)
        check_supported(attributes)
        sym = self.declare_function(decl.name, ft, "static" in storage, decl.coord, attributes)
        if sym.type is not ft and ft.prototyped:
            sym.type = ft
            sym.value = None
        fn = self.symbol_address(sym, decl.name)
        if fn.blocks:
            raise CompileFailure(f"redefinition of '{decl.name}'", decl.coord)
        # A C99 inline definition, or GNU89's ``extern inline`` (gnu_inline), may be provided
        # elsewhere too; GNU89's plain ``inline`` is an external definition.
        gnu_inline = find(attributes, "gnu_inline") is not None
        if "inline" in (decl.funcspec or []) and "static" not in storage and \
                ("extern" in storage) == gnu_inline:
            fn.linkage = "linkonce_odr"
        plan = plan_function(sym.type)
        self.fn_name, self.fn_type, self.fn_plan = decl.name, sym.type, plan
        self.fn_variadic = sym.type.variadic
        self.breaks, self.continues, self.switch_blocks = [], [], []
        self.switch_scopes: list = []
        self.labels, self.defined_labels, self.goto_uses = {}, set(), {}
        self.address_taken, self.computed_gotos = [], []
        self.live: tuple = ()        # what leaving the scopes here undoes (scopes.py)
        self.label_scopes: dict = {}
        self.jumps: list = []        # (label, self.live at the goto, coord, block)
        self.alloca_block = fn.append_basic_block("entry")
        self.builder = ir.IRBuilder(fn.append_basic_block("body"))
        self.debug.begin_function(fn, decl.name, decl.coord)
        self.debug.set_location(self.builder, decl.coord)
        self.scopes.push()
        self.bind_parameters(fn, node, plan)
        self.debug.set_location(self.builder, node.body.coord)
        self.compound(node.body, new_scope=False)   # parameters share the body's scope
        for name, coord in self.goto_uses.items():
            if self.labels[name] not in self.defined_labels:
                raise CompileFailure(f"use of undeclared label '{name}'", coord)
        self.finish_computed_gotos()
        block, location = self.builder.block, self.builder.debug_metadata
        self.finish_gotos()
        self.builder.position_at_end(block)
        self.builder.debug_metadata = location
        if not self.builder.block.is_terminated:
            ret = sym.type.ret
            if ret.is_void():
                self.return_value(None)
            elif ret.is_scalar():
                self.return_value(Value(ir.Constant(T.llvm_type(ret), None), ret))
            else:
                self.builder.unreachable()
        ir.IRBuilder(self.alloca_block).branch(fn.blocks[1])
        self.scopes.pop()
        self.debug.end_function()
        self.builder = None
        self.fn_name = None

    def kr_function_type(self, node: c_ast.FuncDef, ft: T.FuncType) -> T.FuncType:
        """Old-style ``int f(a, b) int a; int b; {...}`` definitions."""
        names = [p.name for p in node.decl.type.args.params]
        types = {}
        for d in node.param_decls:
            if d.name not in names:
                raise CompileFailure(f"parameter named '{d.name}' is missing", d.coord)
            types[d.name] = T.decay(self.resolve_type(d.type))
        params = [vararg_type(types.get(n, T.INT)) for n in names]
        return T.FuncType(ft.ret, params, False, prototyped=True)

    def parameter_names(self, node: c_ast.FuncDef) -> list:
        args = node.decl.type.args
        if args is None:
            return []
        names = []
        for p in args.params:
            if isinstance(p, c_ast.EllipsisParam):
                continue
            names.append((getattr(p, "name", None), p))
        return names

    def bind_parameters(self, fn: ir.Function, node: c_ast.FuncDef, plan: Any) -> None:
        index = 0
        self.sret_slot = None
        if plan.ret_kind == "sret":
            self.sret_slot = fn.args[0]
            index = 1
        names = self.parameter_names(node) if self.fn_type.params else []
        for (name, decl), ap in zip(names, plan.args):
            t = ap.ctype
            if not t.is_complete():
                raise CompileFailure(f"variable has incomplete type '{t}'", decl.coord)
            if ap.kind == "byval":
                slot = fn.args[index]
            elif ap.kind == "expand":
                slot = self.local_alloca(T.ArrayType(T.LONG, (t.size + 7) // 8), name or "arg")
                slot.align = max(8, t.align)
                for i, arg in enumerate(fn.args[index:index + len(ap.llvm_types)]):
                    self.builder.store(arg, self.gep(slot, 8 * i), align=8)
            else:
                slot = self.local_alloca(t, name or "arg")
                self.builder.store(fn.args[index], slot, align=t.align)
            index += len(ap.llvm_types)
            if name:
                register = "register" in (getattr(decl, "storage", None) or [])
                self.scopes.declare(name, Symbol(
                    "var", t, slot, "register" if register else None,
                    isinstance(decl, c_ast.Decl) and is_volatile_object(decl),
                    const=isinstance(decl, c_ast.Decl) and is_const_object(decl.type)))

    def return_value(self, v: Optional[Value]) -> None:
        b = self.builder
        plan = self.fn_plan
        if plan.ret_kind == "void" or v is None and plan.ret_kind != "sret":
            if plan.ret_kind == "void":
                b.ret_void()
            else:
                b.ret(ir.Constant(plan.ret_type, None))
        elif plan.ret_kind == "sret":
            if v is not None:
                self.memcpy(self.sret_slot, v.ir, v.type.size, 1)
            b.ret_void()
        elif plan.ret_kind == "direct":
            b.ret(v.ir)
        else:
            pieces = self.eightbytes_of(self.in_memory(v), v.type, self._ret_pieces(plan.ret_type))
            if len(pieces) == 1:
                b.ret(pieces[0])
            else:
                agg = ir.Constant(plan.ret_type, None)
                for i, p in enumerate(pieces):
                    agg = b.insert_value(agg, p, i)
                b.ret(agg)

    @staticmethod
    def _ret_pieces(ret_type: ir.Type) -> list:
        if isinstance(ret_type, ir.LiteralStructType):
            return list(ret_type.elements)
        return [ret_type]

    # -- local declarations -------------------------------------------------------

    def local_declaration(self, node: c_ast.Decl) -> None:
        if self.declare_tag_only(node):
            return
        attributes = declaration_attributes(node)
        check_supported(attributes)
        self.vla_allowed = node.type if "static" not in (node.storage or []) else None
        try:
            t = self.with_mode(self.resolve_type(node.type), attributes)
        finally:
            self.vla_allowed = None
        if node.name is None:
            return
        storage = node.storage or []
        check_storage(node, "block", isinstance(t, T.FuncType))
        cleanup = find(attributes, "cleanup")
        if cleanup is not None and (isinstance(t, T.FuncType) or "extern" in storage or
                                    "static" in storage):
            self.ignore_cleanup(attributes)
            cleanup = None
        previous = self.scopes.lookup_local(node.name)
        if previous is not None and not ("extern" in storage and previous.storage == "extern"
                                         or isinstance(t, T.FuncType)
                                         and previous.kind == "func"):
            raise CompileFailure(f"redefinition of '{node.name}'", node.coord)
        if isinstance(t, T.FuncType):
            self.declare_function(node.name, t, "static" in storage, node.coord, attributes)
            return
        if "extern" in storage:
            if node.init is not None:
                raise CompileFailure("declaration of block scope identifier with linkage cannot "
                                     "have an initializer", node.coord)
            outer = self.scopes.names[0].get(node.name)
            if outer is None:
                gv = self.new_global(node.name, t)
                outer = Symbol("var", t, gv, const=is_const_object(node.type))
                self.scopes.names[0][node.name] = outer
            elif outer.kind != "var" or not T.compatible(outer.type, t):
                raise CompileFailure(f"redeclaration of '{node.name}' with a different type",
                                     node.coord)
            self.scopes.declare(node.name, Symbol("var", outer.type, outer.value, "extern",
                                                  outer.volatile, const=outer.const))
            return
        if node.init is not None and isinstance(t, T.ArrayType) and t.length is None and \
                t.count is None:
            t = T.ArrayType(t.elem, self.initializer_length(t, node.init))
        if not t.is_complete():
            raise CompileFailure(f"variable '{node.name}' has incomplete type '{t}'", node.coord)
        if "static" in storage:
            gv = self.new_global(self.unique_name(f"{self.fn_name}.{node.name}"), t,
                                 internal=True)
            requested = self.alignas(node, attributes) or 1
            gv.align = max(gv.align, requested)
            self.scopes.declare(node.name, Symbol("var", t, gv, "static",
                                                  is_volatile_object(node),
                                                  const=is_const_object(node.type),
                                                  align=requested))
            self.set_initializer(gv, t, node.init, self.is_const(node.type))
            return
        if isinstance(t, T.ArrayType) and t.count is not None:
            if node.init is not None:
                raise CompileFailure("variable-length array may not be initialized", node.coord)
            slot = self.vla_alloca(t, node.name)
            self.scopes.declare(node.name, Symbol("var", t, slot,
                                                  volatile=is_volatile_object(node)))
            if cleanup is not None:
                self.declare_cleanup(cleanup, slot, t)
            return
        slot = self.local_alloca(t, node.name)
        align = self.alignas(node, attributes) or 1
        slot.align = max(slot.align, align)
        self.scopes.declare(node.name, Symbol("var", t, slot, "register" if "register" in storage
                                              else None, is_volatile_object(node),
                                              const=is_const_object(node.type), align=align))
        if node.init is not None:
            self.initialize_local(slot, t, node.init, node.coord)
        if cleanup is not None:
            self.declare_cleanup(cleanup, slot, t)

