// expect-error: 2:18: imaginary types are not supported
int main(void) { _Imaginary double z; return 0; }
