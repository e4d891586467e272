// expect-error: 2:1: file-scope asm takes a string only: no qualifiers or operands
__asm__("nop" : : "r"(1));
int main(void) { return 0; }
