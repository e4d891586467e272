// expect-error: 3:1: invalid inline assembly: invalid instruction mnemonic 'frobnicate'
int ok(void);
__asm__("ok: ret\n"
        "frobnicate %eax");
int main(void) { return ok(); }
