// expect-error: 4:19: operand of '__atomic_load' has size 3; only 1, 2, 4 and 8 byte atomics are supported
struct three { char c[3]; };
void f(struct three *p, struct three *r) {
    __atomic_load(p, r, __ATOMIC_SEQ_CST);
}
