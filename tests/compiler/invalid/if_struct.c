// clang: 3:36: error: statement requires expression of scalar type ('struct s' invalid)
struct s { int a; };
int main(void) { struct s v = {1}; if (v) return 1; return 0; }
