// The value main returns is the exit status.
// expect-exit: 42
int main(void) { return 40 + 2; }
