// expect-error: 2:25: unknown builtin '__builtin_frobnicate'
int main(void) { return __builtin_frobnicate(1); }
