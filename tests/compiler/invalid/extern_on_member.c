// clang: 2:12: error: type name does not allow storage class to be specified
struct s { extern int a; };
int main(void) { return 0; }
