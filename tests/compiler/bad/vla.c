// expect-error: 3:11: variable-length arrays are not supported
int f(int n) {
    int a[n];
    a[0] = 1;
    return a[0];
}
int main(void) { return f(3); }
