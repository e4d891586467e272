// clang: 3:48: error: operand of type 'struct s' where arithmetic or pointer type is required
struct s { int a; };
int main(void) { struct s v = {1}; return (int)v; }
