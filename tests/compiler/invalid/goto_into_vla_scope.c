// clang: 2:35: error: cannot jump from this goto statement to its label
int main(int argc, char **argv) { goto in; { int a[argc]; in: a[0] = 1; } return 0; }
