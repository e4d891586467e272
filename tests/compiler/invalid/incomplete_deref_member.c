// clang: 3:35: error: incomplete definition of type 'struct opaque'
struct opaque;
int f(struct opaque *p) { return p->x; }
int main(void) { return 0; }
