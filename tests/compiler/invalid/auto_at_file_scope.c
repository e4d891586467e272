// clang: 2:10: error: illegal storage class on file-scoped variable
auto int x;
int main(void) { return 0; }
