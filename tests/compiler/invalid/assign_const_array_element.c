// clang: 2:48: error: cannot assign to variable 'a' with const-qualified type 'const int[2]'
int main(void) { const int a[2] = {1, 2}; a[0] = 5; return a[0]; }
