// clang: 2:7: error: array has incomplete element type 'void'
void a[3];
int main(void) { return 0; }
