// clang: 2:38: error: arithmetic on a pointer to an incomplete type 'struct nope'
int main(void) { int x = sizeof(int) + (struct nope *)0; return x; }
