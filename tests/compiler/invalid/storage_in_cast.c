// clang: 2:26: error: expected expression
int main(void) { return (static int)1; }
