// clang: 2:7: error: 'a' declared as an array with a negative size
int a[-1];
int main(void) { return 0; }
