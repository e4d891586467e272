// expect-error: 3:5: invalid inline assembly: invalid instruction mnemonic 'frobnicate'
int main(void) {
    __asm__ volatile ("frobnicate %0" : : "r"(1));
    return 0;
}
