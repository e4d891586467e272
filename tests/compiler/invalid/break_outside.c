// clang: 2:18: error: 'break' statement not in loop or switch statement
int main(void) { break; return 0; }
