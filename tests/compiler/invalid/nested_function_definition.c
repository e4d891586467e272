// clang: 2:30: error: function definition is not allowed here
int main(void) { int f(void) { return 1; } return f(); }
