// expect-error: 3:5: inline assembly is not supported in virtines
int main(void) {
    __asm__ volatile ("nop");
    return 0;
}
