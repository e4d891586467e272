// clang: 2:31: error: multiple default labels in one switch
int main(void) { switch (2) { default: return 1; default: return 2; } }
