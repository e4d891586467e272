// clang: 3:6: error: conflicting types for 'f'
int f(void);
long f(void);
int main(void) { return 0; }
