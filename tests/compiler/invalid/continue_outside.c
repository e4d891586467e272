// clang: 2:18: error: 'continue' statement not in loop statement
int main(void) { continue; }
