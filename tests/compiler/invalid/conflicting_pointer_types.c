// clang: 3:7: error: redefinition of 'p' with a different type: 'char *' vs 'int *'
int *p;
char *p;
int main(void) { return 0; }
