// clang: 2:25: error: expected expression
int main(void) { return ''; }
