// clang: 3:21: error: variable has incomplete type 'struct opaque'
struct opaque;
int f(struct opaque o) { return 0; }
int main(void) { return 0; }
