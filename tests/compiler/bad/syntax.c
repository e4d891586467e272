// expect-error: 4:14: syntax error
int main(void) {
    int x = 1;
    return x 2;
}
