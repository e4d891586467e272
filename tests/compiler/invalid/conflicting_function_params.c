// clang: 3:5: error: conflicting types for 'f'
int f(int);
int f(long);
int main(void) { return 0; }
