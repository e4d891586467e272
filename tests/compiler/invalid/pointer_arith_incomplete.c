// clang: 3:46: error: arithmetic on a pointer to an incomplete type 'struct opaque'
struct opaque;
int main(void) { struct opaque *p = 0; p = p + 1; return 0; }
