// clang: 2:1: error: 'inline' can only appear on functions
inline int x;
int main(void) { return 0; }
