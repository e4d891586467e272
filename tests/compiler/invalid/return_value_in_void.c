// clang: 2:16: error: void function 'f' should not return a value [-Wreturn-type]
void f(void) { return 1; }
int main(void) { f(); return 0; }
