// clang: 3:40: error: cannot assign to non-static data member 'a' with const-qualified type 'const int'
struct s { const int a; };
int main(void) { struct s v = {1}; v.a = 2; return v.a; }
