// expect-error: 3:31: operand type 'float *' is incompatible with argument 1 of '__atomic_fetch_add'
float f(float *p) {
    return __atomic_fetch_add(p, 1.0f, __ATOMIC_SEQ_CST);
}
