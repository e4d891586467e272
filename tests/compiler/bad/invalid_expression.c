// expect-error: 3:17: syntax error: Invalid expression before
int main(void) {
    return 1 == ? 0 : 1;
}
