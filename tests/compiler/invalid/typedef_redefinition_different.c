// clang: 3:14: error: typedef redefinition with different types ('long' vs 'int')
typedef int T;
typedef long T;
int main(void) { return 0; }
