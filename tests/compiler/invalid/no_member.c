// clang: 3:45: error: no member named 'b' in 'struct s'
struct s { int a; };
int main(void) { struct s v = {1}; return v.b; }
