// clang: 2:24: error: cannot assign to variable 'v' with const-qualified type 'const int'
int f(const int v) { v = 1; return v; }
int main(void) { return f(0); }
