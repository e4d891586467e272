// clang: 4:41: error: passing 'struct s' to parameter of incompatible type 'int'
struct s { int a; };
void take(int v);
int main(void) { struct s v = {1}; take(v); return 0; }
