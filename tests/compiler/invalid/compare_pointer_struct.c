// clang: 3:57: error: invalid operands to binary expression ('int *' and 'struct s')
struct s { int a; };
int main(void) { struct s x = {1}; int *p = 0; return p == x; }
