// clang: 3:31: error: used type 'struct s' where arithmetic or pointer type is required
struct s { int a; };
int main(void) { struct s v = (struct s)1; return v.a; }
