"""A C host program links libpyvirtine and runs a virtine through launcher.h."""
from __future__ import annotations

import subprocess

from support.asm_guests import asm_image
from pyvirtine.hypervisor.native import include_dir, shared_library

HOST = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "launcher.h"

int main(int argc, char **argv) {
    static unsigned char image[1 << 20];
    FILE *f = fopen(argv[1], "rb");
    size_t n = fread(image, 1, sizeof image, f);
    struct vt_options opt = {.pool_size = 1, .capture = 1, .snapshot = 1, .timeout = 1.0};
    struct vt_result res;
    struct vt_pool *pool = vt_pool_create(image, n, &opt, &res);
    if (!pool) { printf("error: %s\n", res.message); return 1; }
    for (unsigned long long x = 1; x <= 3; x++) {
        unsigned long long y;
        vt_call(pool, (unsigned char *)&x, sizeof x, NULL, 0, (unsigned char *)&y, sizeof y,
                &res);
        printf("%d %llu %.*s|", res.kind, y, (int)res.out_len, (char *)res.out);
        vt_result_release(&res);
    }
    unsigned long long crash = 0;
    vt_call(pool, (unsigned char *)&crash, sizeof crash, NULL, 0, NULL, 0, &res);
    printf("%d %s\n", res.kind, res.message);
    vt_pool_destroy(pool);
    return 0;
}
"""

SQUARE = """
    hcall 13
    mov ARGAREA, %rax
    test %rax, %rax
    jnz 1f
    movq $0, 0
1:  imul %rax, %rax
    mov %rax, ARGAREA
    lea msg(%rip), %rsi
    mov $1, %edi
    mov $2, %edx
    hcall 10
    xor %edi, %edi
    mov $8, %esi
    hcall 0
msg: .ascii "ok"
"""


def test_c_host_links_the_shared_library(kvm, tmp_path):
    (tmp_path / "host.c").write_text(HOST)
    image = tmp_path / "square.virtine"
    image.write_bytes(asm_image(SQUARE, allow=1 << 10).to_bytes())
    library = shared_library()
    subprocess.run(["cc", "-O2", "-I", str(include_dir()), "host.c", "-o", "host",
                    str(library), f"-Wl,-rpath,{library.parent}"], cwd=tmp_path, check=True)
    out = subprocess.run([str(tmp_path / "host"), str(image)], capture_output=True, text=True,
                         check=True).stdout
    assert out.startswith("0 1 ok|0 4 ok|0 9 ok|3 guest page fault (#PF)"), out
