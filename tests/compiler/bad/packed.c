// expect-error: 2:33: vector types are not supported
typedef int v4si __attribute__((vector_size(16)));
int main(void) { return 0; }
