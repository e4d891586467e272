// clang: 2:34: error: controlling expression type 'double' not compatible with any generic association type
int main(void) { return _Generic(1.0, int: 1, char *: 2); }
