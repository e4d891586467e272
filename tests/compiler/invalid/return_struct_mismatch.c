// clang: 4:33: error: returning 'struct b' from a function with incompatible result type 'struct a'
struct a { int x; };
struct b { int x; };
struct a f(struct b v) { return v; }
int main(void) { return 0; }
