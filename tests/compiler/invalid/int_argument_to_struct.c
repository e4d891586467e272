// clang: 4:23: error: passing 'int' to parameter of incompatible type 'struct s'
struct s { int a; };
void take(struct s v);
int main(void) { take(1); return 0; }
