// clang: 4:50: error: assigning to 'struct b' from incompatible type 'struct a'
struct a { int x; };
struct b { int x; };
int main(void) { struct a p = {1}; struct b q; q = p; return 0; }
