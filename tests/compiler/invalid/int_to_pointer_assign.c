// clang: 2:40: error: incompatible integer to pointer conversion assigning to 'int *' from 'long' [-Werror,-Wint-conversion]
int main(void) { int *p; long v = 4; p = v; return 0; }
