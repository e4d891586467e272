// clang: 3:32: error: variable has incomplete type 'struct opaque'
struct opaque;
int main(void) { struct opaque o; return 0; }
