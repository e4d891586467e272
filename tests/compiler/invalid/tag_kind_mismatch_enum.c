// clang: 3:1: error: use of 's' with tag type that does not match previous declaration
struct s { int a; };
enum s x;
int main(void) { return 0; }
