// clang: 2:18: error: function declared in block scope cannot have 'static' storage class
int main(void) { static int f(void); return 0; }
