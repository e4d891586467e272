// clang: 3:45: error: invalid operands to binary expression ('struct s' and 'int')
struct s { int a; };
int main(void) { struct s v = {1}; return v + 1; }
