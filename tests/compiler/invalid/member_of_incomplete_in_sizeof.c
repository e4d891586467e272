// clang: 3:53: error: invalid application of 'sizeof' to an incomplete type 'struct opaque'
struct opaque;
int main(void) { struct opaque *p = 0; return sizeof(*p); }
