// clang: 2:16: error: flexible array member 'a' not allowed in otherwise empty struct
struct s { int a[]; };
int main(void) { return 0; }
