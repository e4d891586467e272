// clang: 2:36: error: cannot assign to variable 'x' with const-qualified type 'const int'
int main(void) { const int x = 1; x++; return x; }
