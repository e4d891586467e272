// clang: 3:23: error: incompatible integer to pointer conversion passing 'int' to parameter of type 'char *' [-Werror,-Wint-conversion]
void take(char *s);
int main(void) { take(42 + 1); return 0; }
