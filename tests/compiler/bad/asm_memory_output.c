// expect-error: 4:19: memory output operands are not supported (use a register: '=r')
int main(void) {
    int x;
    __asm__ ("" : "=m"(x));
    return x;
}
