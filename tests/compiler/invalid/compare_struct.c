// clang: 3:54: error: invalid operands to binary expression ('struct s' and 'struct s')
struct s { int a; };
int main(void) { struct s x = {1}, y = {2}; return x == y; }
