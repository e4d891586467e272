// clang: 2:41: error: argument type 'int' is not a real floating point type
int main(void) { double _Complex z = __builtin_complex(1, 2);
    return (int)__real__ z; }
