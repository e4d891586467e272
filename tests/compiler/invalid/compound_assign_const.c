// clang: 2:37: error: cannot assign to variable 'x' with const-qualified type 'const int'
int main(void) { const int x = 1; x += 2; return x; }
