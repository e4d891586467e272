// clang: 2:27: error: invalid suffix 'xyz' on integer constant
int main(void) { return 12xyz; }
