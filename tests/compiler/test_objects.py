"""The ELF objects the compiler emits: x86-64 relocatable, one section per
function and per global (so the linker can drop what is unused), function and
object symbols, and DWARF line tables that map addresses to file:line."""
import io
import re

import llvmlite.binding as llvm
import pytest
from elftools.elf.elffile import ELFFile

from pyvirtine.compiler import compile_c, compile_to_ir
from pyvirtine.compiler.target import target_machine

SOURCE = """int counter = 5;
const int limit = 9;
static int scratch[4];
static int helper(int x) {
    int y = x * 2;
    scratch[0] = y;
    return y + counter;
}
int entry(int a) {
    int r = helper(a);
    return r + limit;
}
"""


def _elf(obj: bytes) -> ELFFile:
    return ELFFile(io.BytesIO(obj))


def test_object_is_x86_64_relocatable_with_sections_per_symbol() -> None:
    elf = _elf(compile_c(SOURCE, "unit.c", opt_level=0))
    assert elf["e_machine"] == "EM_X86_64" and elf["e_type"] == "ET_REL"
    names = {s.name for s in elf.iter_sections()}
    assert {".text.helper", ".text.entry", ".data.counter", ".rodata.limit",
            ".bss.scratch"} <= names
    symbols = {s.name: s for s in elf.get_section_by_name(".symtab").iter_symbols()}
    assert symbols["entry"]["st_info"]["type"] == "STT_FUNC"
    assert symbols["entry"]["st_info"]["bind"] == "STB_GLOBAL"
    assert symbols["helper"]["st_info"]["bind"] == "STB_LOCAL"
    assert symbols["counter"]["st_info"]["type"] == "STT_OBJECT"
    assert elf.get_section(symbols["entry"]["st_shndx"]).name == ".text.entry"


@pytest.mark.parametrize("opt_level", [0, 2])
def test_line_table_maps_addresses_to_source_lines(opt_level: int) -> None:
    elf = _elf(compile_c(SOURCE, "unit.c", opt_level=opt_level))
    dwarf = elf.get_dwarf_info()
    cu = next(dwarf.iter_CUs())
    program = dwarf.line_program_for_CU(cu)
    assert [f.name for f in program["file_entry"]] == [b"unit.c"]
    lines = {e.state.line for e in program.get_entries() if e.state}
    assert 11 in lines                # entry()'s return
    if opt_level == 0:
        assert {5, 6, 7, 10} <= lines  # every statement, helper() not inlined


def test_a_statement_past_column_65535_keeps_its_line() -> None:
    """DWARF columns stop at 65535 (a long macro expansion goes past): the line stays."""
    source = "int f(int x) {\n" + "x += 1; " * 9000 + "return x; }\n"
    elf = _elf(compile_c(source, "wide.c", opt_level=0))
    dwarf = elf.get_dwarf_info()
    program = dwarf.line_program_for_CU(next(dwarf.iter_CUs()))
    assert 2 in {e.state.line for e in program.get_entries() if e.state}


def test_without_debug_there_is_no_line_table() -> None:
    elf = _elf(compile_c(SOURCE, "unit.c", debug=False))
    assert elf.get_section_by_name(".debug_line") is None
    assert "!dbg" not in compile_to_ir(SOURCE, "unit.c", debug=False)


def test_optimization_levels_change_the_code() -> None:
    src = "int sum(void) { int s = 0; for (int i = 0; i < 10; i++) s += i; return s; }\n"
    o0 = compile_to_ir(src, "opt.c", opt_level=0, debug=False)
    o2 = compile_to_ir(src, "opt.c", opt_level=2, debug=False)
    assert "alloca" in o0
    assert "ret i32 45" in o2


def test_include_dirs_and_defines_reach_the_preprocessor(tmp_path) -> None:
    (tmp_path / "answer.h").write_text("#define ANSWER (BASE + 2)\n")
    src = '#include "answer.h"\nint get(void) { return ANSWER; }\n'
    ir_text = compile_to_ir(src, "def.c", include_dirs=[str(tmp_path)], defines=["BASE=40"],
                            debug=False)
    assert "ret i32 42" in ir_text
    undefined = compile_to_ir("#ifdef X\nint v = 1;\n#else\nint v = 2;\n#endif\n", "u.c",
                              defines=["X"], undefines=["X"], debug=False)
    assert "c\"\\02\\00\\00\\00\"" in undefined


LOOPS = """
int weigh(const unsigned char *p, int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        if (p[i]) {
            int j = i;
            while (j < n) { s += p[j]; j += p[i]; }
        }
    do { s >>= 1; } while (s > 1000);
    return s;
}
"""


def test_every_loop_starts_on_a_32_byte_boundary() -> None:
    # Whatever the linker places before a function, a loop of up to 32 bytes then spans
    # one fetch window (statements.LOOP_ALIGNMENT says why).
    module = llvm.parse_assembly(compile_to_ir(LOOPS, "loops.c"))
    lines = [line.strip() for line in target_machine(2).emit_assembly(module).splitlines()
             if line.strip() and not line.strip().startswith("#")]
    defined: dict[str, int] = {}
    loop_tops = set()
    for index, line in enumerate(lines):
        if re.fullmatch(r"\.LBB\w+:", line):
            defined[line[:-1]] = index
        jump = re.fullmatch(r"j\w+\s+(\.LBB\w+)", line)
        if jump and jump.group(1) in defined:  # a jump back: to the top of a loop
            loop_tops.add(jump.group(1))
    assert len(loop_tops) >= 3
    for label in loop_tops:
        assert re.fullmatch(r"\.p2align\s+5(,.*)?", lines[defined[label] - 1]), label


def test_extended_identifiers_are_utf8_symbols_as_gcc_emits() -> None:
    """``Lef\\u00e8vre`` and ``Lefèvre`` are one name, whose ELF symbol is its UTF-8."""
    elf = _elf(compile_c("int Lefèvre = 2;\nint gr\\u00f6\\u00dfe(void) { return Lef\\u00e8vre; }\n",
                         "u.c", opt_level=0))
    names = {s.name for s in elf.get_section_by_name(".symtab").iter_symbols()}
    assert {"Lefèvre", "größe"} <= names
    raw = elf.get_section_by_name(".strtab").data()
    assert "Lefèvre".encode() in raw and "größe".encode() in raw
