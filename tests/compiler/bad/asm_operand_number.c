// expect-error: 4:5: invalid operand number 2 in asm template (there are 2 operands)
int main(void) {
    int x = 1, y;
    asm("mov %2, %0" : "=r"(y) : "r"(x));
    return y;
}
