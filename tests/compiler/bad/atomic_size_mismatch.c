// expect-error: 3:23: size mismatch in argument 2 of '__atomic_store'
void f(int *p, long *v) {
    __atomic_store(p, v, __ATOMIC_SEQ_CST);
}
