// clang: 2:30: error: statement requires expression of integer type ('int *' invalid)
int main(void) { int *p = 0; switch (p) { default: return 1; } }
