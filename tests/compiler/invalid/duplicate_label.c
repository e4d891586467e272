// clang: 2:26: error: redefinition of label 'here'
int main(void) { here: ; here: return 0; }
