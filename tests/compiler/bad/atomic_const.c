// expect-error: 3:22: argument 1 of '__atomic_store_n' must be a pointer to a non-const type
void f(const int *p) {
    __atomic_store_n(p, 1, __ATOMIC_SEQ_CST);
}
