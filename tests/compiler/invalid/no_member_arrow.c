// clang: 3:64: error: no member named 'b' in 'struct s'
struct s { int a; };
int main(void) { struct s v = {1}; struct s *p = &v; return p->b; }
