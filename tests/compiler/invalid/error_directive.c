// clang: 2:2: error: stop here
#error stop here
int main(void) { return 0; }
