// expect-error: 4:5: typeof is not supported
int main(void) {
    int a = 1;
    typeof(a) b = a;
    return b;
}
