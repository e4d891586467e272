// clang: 2:18: error: 'default' statement not in switch statement
int main(void) { default: return 0; }
