// clang: 3:46: error: cannot assign to variable 'v' with const-qualified type 'const struct s'
struct s { int a; };
int main(void) { const struct s v = {1}; v.a = 2; return v.a; }
