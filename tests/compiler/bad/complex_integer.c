// expect-error: 2:18: complex integer types
int main(void) { _Complex int z = 1; return (int)__real__ z; }
