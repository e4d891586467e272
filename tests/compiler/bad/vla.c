// expect-error: 3:14: variable-length arrays are only supported as local variables, in their outermost dimension
int f(int n) {
    int a[3][n];
    a[0][0] = 1;
    return a[0][0];
}
int main(void) { return f(3); }
