// clang: 3:46: error: incompatible operand types ('struct s' and 'int')
struct s { int a; };
int main(void) { struct s v = {1}; return (1 ? v : 2).a; }
