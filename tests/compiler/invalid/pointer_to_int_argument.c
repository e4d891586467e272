// clang: 3:30: error: incompatible pointer to integer conversion passing 'int *' to parameter of type 'int'; remove & [-Werror,-Wint-conversion]
void take(int v);
int main(void) { int x; take(&x); return 0; }
