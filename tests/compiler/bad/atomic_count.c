// expect-error: 3:12: too few arguments to function call '__atomic_load_n'
int f(int *p) {
    return __atomic_load_n(p);
}
