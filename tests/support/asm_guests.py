"""Test guests written in assembly and turned into images without the C toolchain:
the boot stub and a 64-bit body assembled as one position-independent blob."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

from elftools.elf.elffile import ELFFile

from pyvirtine.compiler.assemble import assemble
from pyvirtine.image import FLAG_SNAPSHOT, PAGE, Image, page_table_bytes

BOOT16 = (Path(__file__).parents[2] / "pyvirtine" / "stubs" / "boot16.s").read_text()
LOAD = 0x10000
TEXT_SIZE = 0x10000
DATA = LOAD + TEXT_SIZE
ARGAREA_SIZE = 0x10000
STACK_SIZE = 0x10000

# Reads a u64 from the argument area, returns it + 1 as the result, exits with status 7.
INCREMENT = """
    hcall 13
    mov ARGAREA, %rax
    add $1, %rax
    mov %rax, ARGAREA
    mov $7, %edi
    mov $8, %esi
    hcall 0
"""


def layout(mem: int) -> dict[str, int]:
    top = mem - page_table_bytes(mem)
    return {"argarea": top - ARGAREA_SIZE, "stack_top": top - ARGAREA_SIZE,
            "heap_end": top - ARGAREA_SIZE - STACK_SIZE - PAGE}


def asm_image(body: str, *, mem: int = 2 << 20, snapshot: bool = True, allow: int = 0,
              payload_data: bytes = b"", debug: Optional[dict] = None) -> Image:
    """An image whose ``entry64`` runs ``body`` at CPL3. The body may use ARGAREA, DATA
    (first writable byte), HEAP_END and the macro ``hcall NR`` (one hypercall)."""
    where = layout(mem)
    source = (f".set ARGAREA, {where['argarea']}\n.set DATA, {DATA}\n"
              f".set HEAP_END, {where['heap_end']}\n"
              ".macro hcall nr\n mov $\\nr, %eax\n out %eax, $0xf0\n.endm\n"
              + BOOT16 + "\n.balign 16\nentry64:\n" + body)
    elf = ELFFile(io.BytesIO(assemble(source)))
    assert not any(s.name.startswith(".rela") for s in elf.iter_sections()), "needs relocation"
    code = elf.get_section_by_name(".text.boot16").data()
    assert len(code) <= TEXT_SIZE
    entry = next(s["st_value"] for s in elf.get_section_by_name(".symtab").iter_symbols()
                 if s.name == "entry64")
    return Image(payload=code.ljust(TEXT_SIZE, b"\xcc") + payload_data, entry64=LOAD + entry,
                 entry16=LOAD, mem_size=mem, stack_top=where["stack_top"],
                 stack_size=STACK_SIZE, argarea_addr=where["argarea"], argarea_size=ARGAREA_SIZE,
                 text_size=TEXT_SIZE, heap_start=DATA + PAGE, heap_end=where["heap_end"],
                 allow=allow, flags=FLAG_SNAPSHOT if snapshot else 0, name="asm-test",
                 debug=debug)
