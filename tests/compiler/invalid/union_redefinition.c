// clang: 3:7: error: redefinition of 'u'
union u { int a; };
union u { int b; };
int main(void) { return 0; }
