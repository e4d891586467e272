// clang: 2:54: error: duplicate case value '1'
int main(void) { switch (2) { case 1: return 1; case 1: return 2; } return 0; }
