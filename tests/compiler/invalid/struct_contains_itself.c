// clang: 2:28: error: field has incomplete type 'struct s'
struct s { int a; struct s inner; };
int main(void) { return 0; }
