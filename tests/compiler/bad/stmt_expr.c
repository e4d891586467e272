// expect-error: 2:17: statement expression not allowed outside a function
int n = sizeof(({ 1; }));
int main(void) {
    return n;
}
