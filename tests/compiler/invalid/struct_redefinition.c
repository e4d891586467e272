// clang: 3:8: error: redefinition of 's'
struct s { int a; };
struct s { int b; };
int main(void) { return 0; }
