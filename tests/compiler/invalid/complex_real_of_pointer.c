// clang: 3:12: error: invalid type 'int *' to __real operator
int main(void) { int x = 0, *p = &x;
    return __real__ p; }
