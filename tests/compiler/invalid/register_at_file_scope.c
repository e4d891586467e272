// clang: 2:14: error: illegal storage class on file-scoped variable
register int x;
int main(void) { return 0; }
