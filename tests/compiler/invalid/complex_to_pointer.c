// clang: 3:14: error: incompatible type
int main(void) { double _Complex z = 1;
    int *p = z; return p != 0; }
