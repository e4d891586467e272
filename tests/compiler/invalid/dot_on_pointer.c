// clang: 3:62: error: member reference type 'struct s *' is a pointer; did you mean to use '->'?
struct s { int a; };
int main(void) { struct s v = {1}; struct s *p = &v; return p.a; }
