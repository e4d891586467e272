// clang: 3:24: error: cannot assign to variable 'limit' with const-qualified type 'const int'
const int limit = 10;
int main(void) { limit = 3; return limit; }
