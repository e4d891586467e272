// clang: 2:16: error: flexible array member 'a' with type 'int[]' is not at the end of struct
struct s { int a[]; int b; };
int main(void) { return 0; }
