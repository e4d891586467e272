// clang: 3:5: error: conflicting types for 'f'
int f(int a);
int f(char *a) { return 0; }
int main(void) { return 0; }
