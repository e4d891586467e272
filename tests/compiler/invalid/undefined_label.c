// clang: 2:23: error: use of undeclared label 'nowhere'
int main(void) { goto nowhere; return 0; }
