// expect-error: 3:33: argument 1 of '__sync_fetch_and_add' must be a non-void pointer type
int f(int x) {
    return __sync_fetch_and_add(x, 1);
}
