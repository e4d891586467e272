// clang: 2:39: error: 'continue' statement not in loop statement
int main(void) { switch (1) { case 1: continue; } return 0; }
