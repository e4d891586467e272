// clang: 2:32: error: member of anonymous struct redeclares 'a'
struct s { int a; struct { int a; }; };
int main(void) { return 0; }
