// clang: 2:36: error: array has incomplete element type 'void'
int main(void) { return sizeof(void[2]); }
